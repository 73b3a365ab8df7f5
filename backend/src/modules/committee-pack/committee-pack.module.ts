import { Module } from '@nestjs/common';
import { CommitteePackController } from './committee-pack.controller.js';
import { CommitteePackRenderer } from './committee-pack-renderer.service.js';

/** The committee pack as PDF: GET /exports/committee-pack.pdf. */
@Module({
  controllers: [CommitteePackController],
  providers: [CommitteePackRenderer],
})
export class CommitteePackModule {}
