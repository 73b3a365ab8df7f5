import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OddsRatioStatus {
  ESTIMATED = 'ESTIMATED',
  ZERO = 'ZERO',
  INFINITE = 'INFINITE',
  NO_INFORMATION = 'NO_INFORMATION',
}

registerEnumType(OddsRatioStatus, {
  name: 'OddsRatioStatus',
  description:
    'ESTIMATED: finite odds ratio and CI; ZERO: no HIGH-band away-switch to compare; INFINITE: no LOW-band away-switch to compare; NO_INFORMATION: no stratum with both bands',
});

@ObjectType('DoseHistoryOddsRatio', {
  description:
    'Mantel–Haenszel odds ratio of an away-switch, HIGH vs LOW dose-history band, pooled over strata (indication group × population × setting), with the Robins–Breslow–Greenland 95 % CI. About 1 is concordant practice; above 1 with the CI above 1 suggests steering.',
})
export class DoseHistoryOddsRatioObject {
  @Field(() => Float, { nullable: true }) oddsRatio: number | null;
  @Field(() => Float, { nullable: true }) lower95: number | null;
  @Field(() => Float, { nullable: true }) upper95: number | null;
  @Field(() => OddsRatioStatus) status: OddsRatioStatus;
  @Field(() => Int, { description: 'Strata with at least two HIGH or LOW opportunities' })
  strataUsed: number;
  @Field(() => Int, { description: 'HIGH and LOW opportunities in those strata' })
  opportunities: number;
}

@ObjectType('ExcessAwaySwitches', {
  description:
    'Away-switches among HIGH-band opportunities beyond what the LOW-band away-switch rate of the same stratum predicts',
})
export class ExcessAwaySwitchesObject {
  @Field(() => Float, { description: 'observed − expected; negative when fewer than expected' })
  excess: number;
  @Field(() => Int) observedHighAwaySwitches: number;
  @Field(() => Float) expectedHighAwaySwitches: number;
  @Field(() => Int) strataUsed: number;
  @Field(() => Int, { description: 'Strata left out: no LOW-band opportunities to compare' })
  strataWithoutLowOpportunities: number;
}
