import { Module } from '@nestjs/common';
import { AdminHttpController } from './admin-http.controller.js';
import { AdminResolver } from './admin.resolver.js';
import { AdminService } from './admin.service.js';
import { ImportUploadService } from './import-upload.service.js';

/** The Data and Settings pages' backend: uploads, rejections CSV, the appropriateness table. */
@Module({
  controllers: [AdminHttpController],
  providers: [AdminService, AdminResolver, ImportUploadService],
})
export class AdminModule {}
