import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoObject } from '../../vocabulary/page-info.object.js';

@ObjectType('IngestRun')
export class IngestRunObject {
  @Field(() => ID) id: string;
  @Field() source: string;
  @Field({ description: 'csv | fhir | postgres | rdsr | analyse' }) kind: string;
  @Field({ description: 'queued | running | succeeded | failed' }) status: string;
  @Field(() => String, {
    nullable: true,
    description:
      'What was read: the folder or file, "upload: <name>", the source database (no credentials), or what an analysis follows',
  })
  target: string | null;
  @Field(() => [String], {
    description: 'The files (or source tables) read, relative to the target; empty for an analysis',
  })
  files: string[];
  @Field({
    description:
      'Who started it: the email of the signed-in user, or user@host for the command line',
  })
  startedBy: string;
  @Field(() => String, {
    nullable: true,
    description: 'Notes of the run, or why it failed',
  })
  message: string | null;
  @Field({ description: 'ISO 8601 instant' }) startedAt: string;
  @Field(() => String, { nullable: true }) finishedAt: string | null;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int) rowsLoaded: number;
  @Field(() => Int) rowsRejected: number;
  @Field(() => Int) warnings: number;
}

@ObjectType('IngestRunConnection')
export class IngestRunConnectionObject {
  @Field(() => [IngestRunObject], { description: 'Newest first' }) nodes: IngestRunObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
}

@ObjectType('Rejection')
export class RejectionObject {
  @Field(() => ID) runId: string;
  @Field() file: string;
  @Field(() => Int, { nullable: true }) line: number | null;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field() reason: string;
  @Field(() => String, {
    nullable: true,
    description: 'the raw row; null for roles other than ADMIN and AUDITOR',
  })
  raw: string | null;
}

@ObjectType('RejectionConnection')
export class RejectionConnectionObject {
  @Field(() => [RejectionObject]) nodes: RejectionObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
  @Field(() => Int) totalCount: number;
}

@ObjectType('Setting')
export class SettingObject {
  @Field() key: string;
  @Field({ description: 'The value as `settings set` takes it (lists comma-separated)' })
  value: string;
  @Field() meaning: string;
  @Field(() => Int, { description: 'The settings version this value belongs to' }) version: number;
}

@ObjectType('SettingsVersion')
export class SettingsVersionObject {
  @Field(() => Int) version: number;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) createdBy: string | null;
  @Field(() => [String], { description: '"key: old → new" for every value this version changed' })
  changes: string[];
}

@ObjectType('ReferenceVersion')
export class ReferenceVersionObject {
  @Field(() => Int) version: number;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() current: boolean;
}

@InputType('UpdateSettingInput')
export class UpdateSettingInput {
  @Field() key: string;
  @Field() value: string;
}

@ObjectType('AuditEvent')
export class AuditEventObject {
  @Field(() => ID) id: string;
  @Field({ description: 'ISO 8601 instant' }) occurredAt: string;
  @Field({ description: 'User email, token owner or operating-system user' }) actor: string;
  @Field({ description: 'Dotted verb: case.viewed, case.reviewed, settings.changed ...' })
  action: string;
  @Field(() => String, { nullable: true }) objectType: string | null;
  @Field(() => String, { nullable: true }) objectId: string | null;
  @Field(() => String, { nullable: true, description: 'JSON; before and after for changes' })
  details: string | null;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnectionObject {
  @Field(() => [AuditEventObject], { description: 'Newest first' }) nodes: AuditEventObject[];
  @Field(() => PageInfoObject) pageInfo: PageInfoObject;
}
