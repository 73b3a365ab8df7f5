import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DoseHistoryOddsRatioObject } from './dose-history.object.js';

export enum SpecialCauseRule {
  BEYOND_3_SIGMA = 'BEYOND_3_SIGMA',
  RUN_OF_8 = 'RUN_OF_8',
  TREND_OF_6 = 'TREND_OF_6',
}

registerEnumType(SpecialCauseRule, {
  name: 'SpecialCauseRule',
  description:
    'p-chart special-cause rules: BEYOND_3_SIGMA a point outside its control limits; RUN_OF_8 eight or more months in a row on one side of the centre line; TREND_OF_6 six or more months in a row each rising or each falling',
});

@InputType('MonthlyConflictTrendInput')
export class MonthlyConflictTrendInput {
  @Field({ nullable: true, description: 'Department name; the whole site when omitted' })
  department?: string;
}

@ObjectType('MonthlyConflictPoint')
export class MonthlyConflictPointObject {
  @Field({ description: 'Month of the order in the site time zone, YYYY-MM' })
  month: string;

  @Field(() => Int, {
    description: 'Assessable opportunities: outcome known, no exclusion',
  })
  opportunities: number;

  @Field(() => Int, { description: 'DOCUMENTED + PROBABLE cases' })
  conflicts: number;

  @Field(() => Int, { description: 'Substituted or downgraded opportunities' })
  awaySwitches: number;

  @Field(() => Float, { nullable: true, description: 'conflicts / opportunities' })
  conflictRate: number | null;

  @Field(() => Float, { nullable: true, description: 'awaySwitches / opportunities' })
  awaySwitchRate: number | null;

  @Field(() => Float, { nullable: true, description: 'p-chart centre line p̄' })
  centre: number | null;

  @Field(() => Float, { nullable: true, description: 'p̄ + 3σ at this month’s volume, at most 1' })
  upperControlLimit: number | null;

  @Field(() => Float, { nullable: true, description: 'p̄ − 3σ at this month’s volume, at least 0' })
  lowerControlLimit: number | null;

  @Field(() => [SpecialCauseRule])
  specialCauseRules: SpecialCauseRule[];

  @Field(() => DoseHistoryOddsRatioObject)
  doseHistoryOddsRatio: DoseHistoryOddsRatioObject;
}

@ObjectType('MonthlyConflictTrend', {
  description: 'p-chart of the monthly conflict rate, with the dose-history odds ratio per month',
})
export class MonthlyConflictTrendObject {
  @Field(() => String, {
    nullable: true,
    description: 'The department charted; null for the whole site',
  })
  department: string | null;

  @Field(() => [String], { description: 'Departments that can be charted, by name' })
  departments: string[];

  @Field(() => Float, { nullable: true, description: 'p̄ = baseline conflicts / opportunities' })
  centre: number | null;

  @Field(() => Int, { description: 'Setting pchart.baseline_months' })
  baselineMonthsSetting: number;

  @Field(() => Int, { description: 'Months in the baseline (fewer when fewer are loaded)' })
  baselineMonths: number;

  @Field(() => String, { nullable: true }) baselineFirstMonth: string | null;
  @Field(() => String, { nullable: true }) baselineLastMonth: string | null;
  @Field(() => Int) baselineConflicts: number;
  @Field(() => Int) baselineOpportunities: number;

  @Field(() => [MonthlyConflictPointObject], {
    description: 'Every month from the first to the last loaded',
  })
  months: MonthlyConflictPointObject[];
}
