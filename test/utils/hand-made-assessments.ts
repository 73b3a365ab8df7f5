import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../backend/src/app.module.js';
import { loadAuthSettings } from '../../backend/src/config/auth-config.js';
import { AggregateService } from '../../backend/src/modules/analytics/aggregate.service.js';
import { RollupService } from '../../backend/src/modules/analytics/rollup.service.js';
import { AssessmentService } from '../../backend/src/modules/steering/assessment.service.js';
import { createRoleTokens } from './auth.js';

export interface HandMadeDashboards {
  readonly service: AggregateService;
  readonly app: INestApplication;
  /** A bearer token per role, and SURGERY_MANAGER: a quality manager of Surgery. */
  readonly tokens: Record<string, string>;
}

/**
 * The dashboards over assessments a spec wrote by hand: the monthly rollups and the clinician
 * pattern counts built from them (hand-made assessments bypass the analysis that would), the
 * aggregate service, and the app with a bearer token per role and one for a Surgery manager.
 */
export async function serveHandMadeAssessments(db: DataSource): Promise<HandMadeDashboards> {
  await new RollupService(db).refreshAll();
  await new AssessmentService().rebuildPatternCounts(db.manager);
  const app = await NestFactory.create(
    AppModule.forRoot({ dataSource: db, authSettings: loadAuthSettings({}) }),
    { logger: false },
  );
  await app.init();
  const tokens = await createRoleTokens(db, {
    SURGERY_MANAGER: { role: 'QUALITY_MANAGER', departments: ['Surgery'] },
  });
  return { service: new AggregateService(db), app, tokens };
}
