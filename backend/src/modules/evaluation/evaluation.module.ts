import { Module } from '@nestjs/common';
import { EvaluationBatteryService } from './evaluation-battery.service.js';
import { EvaluationService } from './evaluation.service.js';

/** Detection quality against a generator's truth, for one hospital or the fixed battery. */
@Module({
  providers: [EvaluationService, EvaluationBatteryService],
  exports: [EvaluationService, EvaluationBatteryService],
})
export class EvaluationModule {}
