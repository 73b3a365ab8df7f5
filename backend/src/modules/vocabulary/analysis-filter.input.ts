import { Field, InputType } from '@nestjs/graphql';
import { CareSetting, CaseLevel, Population } from './graphql-enums.js';

@InputType('AnalysisFilter', {
  description:
    'One filter for every aggregate and the case list. Months are YYYY-MM in the site time zone.',
})
export class AnalysisFilterInput {
  @Field(() => String, { nullable: true }) from?: string | null;
  @Field(() => String, { nullable: true }) to?: string | null;
  @Field(() => [String], { nullable: true }) departments?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Clinician keys (ClinicianRef.key): provider ids, or pseudonyms for COMMITTEE',
  })
  clinicians?: string[] | null;
  @Field(() => [String], { nullable: true }) indicationGroups?: string[] | null;
  @Field(() => [CareSetting], { nullable: true }) settings?: CareSetting[] | null;
  @Field(() => [Population], { nullable: true }) populations?: Population[] | null;
  @Field(() => [CaseLevel], { nullable: true }) levels?: CaseLevel[] | null;
}
