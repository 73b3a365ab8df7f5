import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DoseBand, VariationDimension } from '../../vocabulary/graphql-enums.js';
import {
  FunnelCurvePointObject,
  FunnelLimitsObject,
  FunnelMeasure,
  FunnelPosition,
} from './department-variation.object.js';
import { DoseHistoryOddsRatioObject, ExcessAwaySwitchesObject } from './dose-history.object.js';
import { PageInfoObject } from '../../vocabulary/page-info.object.js';

@ObjectType('PeriodFigures')
export class PeriodFiguresObject {
  @Field(() => String, { nullable: true, description: 'First month, YYYY-MM' })
  from: string | null;
  @Field(() => String, { nullable: true, description: 'Last month, YYYY-MM' })
  to: string | null;
  @Field(() => Int, { description: 'Assessable opportunities: outcome known, no exclusion' })
  opportunities: number;
  @Field(() => Int) awaySwitches: number;
  @Field(() => Float, { nullable: true }) awaySwitchRate: number | null;
  @Field(() => Int, { description: 'DOCUMENTED + PROBABLE' }) conflicts: number;
  @Field(() => Float, { nullable: true }) conflictRate: number | null;
  @Field(() => Int) documented: number;
  @Field(() => Int) probable: number;
  @Field(() => Int) possible: number;
  @Field(() => ExcessAwaySwitchesObject) excessAwaySwitches: ExcessAwaySwitchesObject;
  @Field(() => DoseHistoryOddsRatioObject) siteOddsRatio: DoseHistoryOddsRatioObject;
  @Field(() => Int, {
    description:
      "Flagged cases (DOCUMENTED, PROBABLE, POSSIBLE) without a review, in the caller's scope",
  })
  openCases: number;
  @Field(() => Int) reviewedCases: number;
}

@ObjectType('Overview')
export class OverviewObject {
  @Field(() => PeriodFiguresObject, {
    description: "The filter's months; without from/to: the latest month loaded",
  })
  current: PeriodFiguresObject;
  @Field(() => PeriodFiguresObject, { description: 'The same number of months immediately before' })
  previous: PeriodFiguresObject;
}

@ObjectType('PracticeVariationRow')
export class PracticeVariationRowObject {
  @Field({ description: 'department name, clinician key or indication group' }) key: string;
  @Field() label: string;
  @Field(() => Int) opportunities: number;
  @Field(() => Int) awaySwitches: number;
  @Field(() => Int) conflicts: number;
  @Field(() => Float, { nullable: true }) rate: number | null;
  @Field(() => FunnelLimitsObject, { nullable: true }) limits: FunnelLimitsObject | null;
  @Field(() => FunnelPosition, {
    nullable: true,
    description: 'Against the 95 % / 99.8 % limits',
  })
  position: FunnelPosition | null;
  @Field({
    description:
      'Outside the limits after accounting for the number compared (Benjamini–Hochberg over units); false when within',
  })
  outsideAfterMultiplicity: boolean;
  @Field(() => Float, {
    nullable: true,
    description: "BH-adjusted one-sided p-value (q) of a rate above the site's",
  })
  qValue: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "One-sided exact binomial p-value of a rate above the site's, before adjustment",
  })
  pValue: number | null;
  @Field(() => DoseHistoryOddsRatioObject) doseHistoryOddsRatio: DoseHistoryOddsRatioObject;
  @Field(() => ExcessAwaySwitchesObject) excessAwaySwitches: ExcessAwaySwitchesObject;
}

@ObjectType('PracticeVariation')
export class PracticeVariationObject {
  @Field(() => VariationDimension) by: VariationDimension;
  @Field(() => FunnelMeasure) measure: FunnelMeasure;
  @Field(() => Float, { nullable: true }) targetRate: number | null;
  @Field(() => Int, {
    description:
      'How many units were compared (for the multiplicity sentence): every row, over all pages',
  })
  compared: number;
  @Field(() => Int, {
    description: 'Units outside a 95 % limit (above or below), over every unit compared',
  })
  outside: number;
  @Field(() => Int, {
    description: 'Units whose row has outsideAfterMultiplicity, over every unit compared',
  })
  outsideAfterMultiplicity: number;
  @Field(() => [PracticeVariationRowObject], {
    description: 'The rows of the page asked for (every row without first/after)',
  })
  rows: PracticeVariationRowObject[];
  @Field(() => PageInfoObject, { description: 'Pass endCursor as after for the next rows' })
  pageInfo: PageInfoObject;
  @Field(() => [FunnelCurvePointObject]) funnelCurve: FunnelCurvePointObject[];
}

@ObjectType('SensitivityBand')
export class SensitivityBandObject {
  @Field(() => DoseBand) band: DoseBand;
  @Field(() => Int) opportunities: number;
  @Field(() => Int) awaySwitches: number;
  @Field(() => Float, { nullable: true }) rate: number | null;
  @Field(() => Float, { nullable: true, description: 'Wilson 95 % interval' })
  lower95: number | null;
  @Field(() => Float, { nullable: true }) upper95: number | null;
}

@ObjectType('SensitivityGroup')
export class SensitivityGroupObject {
  @Field() indicationGroup: string;
  @Field(() => [SensitivityBandObject]) bands: SensitivityBandObject[];
  @Field(() => DoseHistoryOddsRatioObject, {
    description: 'MH OR HIGH vs LOW within the group (strata population × setting)',
  })
  oddsRatio: DoseHistoryOddsRatioObject;
  @Field({
    description: 'false when the CI lies wholly above 1: the rate climbs with dose history',
  })
  flat: boolean;
}

@ObjectType('DoseHistorySensitivity')
export class DoseHistorySensitivityObject {
  @Field(() => DoseHistoryOddsRatioObject) pooled: DoseHistoryOddsRatioObject;
  @Field(() => [SensitivityGroupObject]) groups: SensitivityGroupObject[];
}
