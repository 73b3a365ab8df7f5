import { Module } from '@nestjs/common';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceSeedService } from './reference-seed.service.js';

/** The shipped and site-edited reference data: dose coefficients, appropriateness, groups. */
@Module({
  providers: [ReferenceRepository, ReferenceSeedService],
  exports: [ReferenceSeedService],
})
export class ReferenceModule {}
