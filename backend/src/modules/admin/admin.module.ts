import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { AdminHttpController } from './admin-http.controller.js';
import { AdminResolver } from './admin.resolver.js';
import { AdminService } from './admin.service.js';
import { BackgroundJobs } from './background-jobs.js';
import { ReassessmentService } from './reassessment.service.js';
import { ImportUploadService } from './import-upload.service.js';
import { ReferenceAdminResolver } from './reference-admin.resolver.js';
import { ReferenceAdminService } from './reference-admin.service.js';

/**
 * The admin pages' backend: reads (runs, rejections, settings, audit) and updateSetting; the
 * uploads, the rejections CSV and the appropriateness table as a new reference version; the
 * imports and reassessments these start run in the background (BackgroundJobs).
 */
@Module({
  imports: [PipelineModule],
  controllers: [AdminHttpController],
  providers: [
    AdminService,
    AdminResolver,
    ReferenceAdminService,
    ReferenceAdminResolver,
    ImportUploadService,
    BackgroundJobs,
    ReassessmentService,
  ],
  exports: [AdminService],
})
export class AdminModule {}
