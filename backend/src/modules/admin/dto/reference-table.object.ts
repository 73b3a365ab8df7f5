import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ReferenceVersionObject } from './admin.object.js';

@ObjectType('IndicationGroupRow', { description: 'An indication group of a reference version' })
export class IndicationGroupRowObject {
  @Field()
  indicationGroup: string;

  @Field({
    description: 'The indicated exam needs iodinated contrast (for allergy and renal exclusions)',
  })
  needsIodinatedContrast: boolean;

  @Field()
  description: string;
}

@ObjectType('AppropriatenessRow', {
  description: 'How appropriate a modality is for an indication group and population (1–9)',
})
export class AppropriatenessRowObject {
  @Field()
  indicationGroup: string;

  @Field(() => [String], { description: 'ICD-10-CM prefixes mapped to the group' })
  icd10Prefixes: string[];

  @Field({ description: 'ADULT, PEDIATRIC or PREGNANT' })
  population: string;

  @Field()
  modality: string;

  @Field(() => Int, { description: '7–9 usually appropriate, 4–6 may be, 1–3 usually not' })
  rating: number;

  @Field()
  basis: string;
}

@ObjectType('AppropriatenessTable', { description: 'The current reference version, to edit' })
export class AppropriatenessTableObject {
  @Field(() => Int)
  referenceVersion: number;

  @Field(() => [IndicationGroupRowObject])
  groups: IndicationGroupRowObject[];

  @Field(() => [AppropriatenessRowObject])
  rows: AppropriatenessRowObject[];
}

@ObjectType('ReferenceVersionCreated')
export class ReferenceVersionCreatedObject {
  @Field(() => ReferenceVersionObject)
  version: ReferenceVersionObject;

  @Field({ description: 'false: this content already was that version; nothing changed' })
  created: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      'The ingest run (kind analyse) that reassesses the orders under the new version in the background; null when nothing changed',
  })
  reassessmentRunId: string | null;
}

@InputType('AppropriatenessRowInput')
export class AppropriatenessRowInput {
  @Field()
  indicationGroup: string;

  @Field(() => [String])
  icd10Prefixes: string[];

  @Field({ description: 'ADULT, PEDIATRIC or PREGNANT' })
  population: string;

  @Field()
  modality: string;

  @Field(() => Int)
  rating: number;

  @Field(() => String, { nullable: true })
  basis?: string | null;
}

@InputType('CreateReferenceVersionInput')
export class CreateReferenceVersionInput {
  @Field({ description: 'What changed and why' })
  note: string;

  @Field(() => [AppropriatenessRowInput], {
    description:
      'The whole appropriateness table; the indication groups stay those of the current version',
  })
  rows: AppropriatenessRowInput[];
}
