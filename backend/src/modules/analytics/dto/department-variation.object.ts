import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DoseHistoryOddsRatioObject, ExcessAwaySwitchesObject } from './dose-history.object.js';

export enum FunnelMeasure {
  CONFLICT_RATE = 'CONFLICT_RATE',
  AWAY_SWITCH_RATE = 'AWAY_SWITCH_RATE',
}

registerEnumType(FunnelMeasure, {
  name: 'FunnelMeasure',
  description: 'The rate a funnel plot compares: conflicts or away-switches per opportunity',
});

export enum FunnelPosition {
  ABOVE_998 = 'ABOVE_998',
  ABOVE_95 = 'ABOVE_95',
  WITHIN = 'WITHIN',
  BELOW_95 = 'BELOW_95',
  BELOW_998 = 'BELOW_998',
}

registerEnumType(FunnelPosition, {
  name: 'FunnelPosition',
  description: 'Where a rate falls against the funnel limits; 99.8 % limits win over 95 % ones',
});

@InputType('DepartmentVariationInput')
export class DepartmentVariationInput {
  @Field({ nullable: true, description: 'First month, YYYY-MM (inclusive)' })
  from?: string;

  @Field({ nullable: true, description: 'Last month, YYYY-MM (inclusive)' })
  to?: string;

  @Field(() => FunnelMeasure, { nullable: true, description: 'Default CONFLICT_RATE' })
  measure?: FunnelMeasure;
}

@ObjectType('FunnelLimits', { description: 'Exact binomial limits around the site rate' })
export class FunnelLimitsObject {
  @Field(() => Float) lower95: number;
  @Field(() => Float) upper95: number;
  @Field(() => Float) lower998: number;
  @Field(() => Float) upper998: number;
}

@ObjectType('FunnelCurvePoint', { description: 'The funnel limits at one volume, for drawing' })
export class FunnelCurvePointObject extends FunnelLimitsObject {
  @Field(() => Int) opportunities: number;
}

@ObjectType('ConflictRates')
export class ConflictRatesObject {
  @Field(() => Int, { description: 'Assessable opportunities: outcome known, no exclusion' })
  opportunities: number;
  @Field(() => Int, { description: 'DOCUMENTED + PROBABLE cases' }) conflicts: number;
  @Field(() => Int) awaySwitches: number;
  @Field(() => Float, { nullable: true }) conflictRate: number | null;
  @Field(() => Float, { nullable: true }) awaySwitchRate: number | null;
  @Field(() => DoseHistoryOddsRatioObject) doseHistoryOddsRatio: DoseHistoryOddsRatioObject;
  @Field(() => ExcessAwaySwitchesObject) excessAwaySwitches: ExcessAwaySwitchesObject;
}

@ObjectType('DepartmentVariationRow')
export class DepartmentVariationRowObject extends ConflictRatesObject {
  @Field(() => String, {
    nullable: true,
    description: 'Department name; null for orders without one',
  })
  department: string | null;
  @Field(() => Float, { nullable: true, description: 'The measured rate' }) rate: number | null;
  @Field(() => FunnelLimitsObject, { nullable: true, description: 'Limits at this volume' })
  limits: FunnelLimitsObject | null;
  @Field(() => FunnelPosition, { nullable: true }) position: FunnelPosition | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'One-sided Cochran–Mantel–Haenszel p-value of the dose-history odds ratio above 1; null without information',
  })
  doseHistoryPValue: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'The p-value adjusted by Benjamini–Hochberg over the departments compared (doseHistoryCompared): the false discovery rate at which this department would be called dose-driven',
  })
  doseHistoryQValue: number | null;
}

@ObjectType('DepartmentVariation', {
  description: 'Funnel plot of departments against the site rate, with dose-history sensitivity',
})
export class DepartmentVariationObject {
  @Field(() => FunnelMeasure) measure: FunnelMeasure;
  @Field(() => String, { nullable: true, description: 'First month with orders in the range' })
  firstMonth: string | null;
  @Field(() => String, { nullable: true, description: 'Last month with orders in the range' })
  lastMonth: string | null;
  @Field(() => Float, { nullable: true, description: 'Site rate of the measure: the centre line' })
  targetRate: number | null;
  @Field(() => ConflictRatesObject) site: ConflictRatesObject;
  @Field(() => [DepartmentVariationRowObject]) departments: DepartmentVariationRowObject[];
  @Field(() => Int, {
    description:
      'How many departments the funnel compares (those with opportunities): at 95 % limits about 1 in 20 falls outside by chance',
  })
  compared: number;
  @Field(() => Int, {
    description:
      'How many departments had a dose-history odds ratio to test: the number the q-values account for',
  })
  doseHistoryCompared: number;
  @Field(() => [FunnelCurvePointObject]) funnelCurve: FunnelCurvePointObject[];
}
