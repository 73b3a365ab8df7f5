import { Module } from '@nestjs/common';
import { AdminResolver } from './admin.resolver.js';
import { AdminService } from './admin.service.js';

@Module({ providers: [AdminService, AdminResolver], exports: [AdminService] })
export class AdminModule {}
