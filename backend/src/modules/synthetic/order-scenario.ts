/**
 * What happens to one order: kept, steered (the behaviour the product must find), excluded for a
 * legitimate reason, switched for an operational or no reason, or never performed. The truth
 * category is decided here; the records that express it are built by the patient generator.
 */
import type { DoseBand } from './dose-history.js';
import type { SeededRandom, WeightedItem } from './random.js';

export type TruthCategory =
  | 'KEPT'
  | 'STEER_DOCUMENTED'
  | 'STEER_SILENT_CHANGE'
  | 'STEER_AT_ENTRY'
  | 'STEER_CANCEL'
  | 'EXCL_PREGNANCY'
  | 'EXCL_CONTRAST_ALLERGY'
  | 'EXCL_RENAL'
  | 'EXCL_BETTER_TEST'
  | 'EXCL_PRIOR_RESULT'
  | 'EXCL_PATIENT_REFUSAL'
  | 'OPERATIONAL'
  | 'NEGATED_DOSE_TALK'
  | 'SILENT_NO_MOTIVE'
  | 'NOT_OPPORTUNITY'
  | 'CASCADE_FOLLOW_UP'
  | 'PENDING'
  | 'NOT_PERFORMED';

/** How the decision shows in the records. */
export type Mechanism = 'AS_REQUESTED' | 'CHANGE' | 'CANCEL' | 'AT_ENTRY' | 'NO_EXAM';

/** 'none': no clinician steers (a hospital where every away-switch has another motive). */
export type SteeringStyle = 'mixed' | 'silent' | 'none';

export interface OrderScenario {
  readonly category: TruthCategory;
  readonly mechanism: Mechanism;
  readonly steered: boolean;
  /** Steering only: the clinician writes dose talk (STEER_DOCUMENTED). */
  readonly documented: boolean;
}

export interface OrderFacts {
  readonly opportunity: boolean;
  readonly band: DoseBand;
  readonly providerSteers: boolean;
  readonly pregnant: boolean;
  /** The indicated exam needs iodinated contrast and the order shows a contrast allergy. */
  readonly contrastAllergyApplies: boolean;
  /** The indicated exam needs iodinated contrast and the order shows eGFR < 30 or a renal code. */
  readonly renalImpairmentApplies: boolean;
  /** The patient had a CT of the same region within the last 14 days. */
  readonly recentSameRegionCt: boolean;
  readonly steeringStyle: SteeringStyle;
  /** Share of HIGH-band opportunities a steering clinician steers; default STEERING_PROBABILITY. */
  readonly steerRate?: number;
  /** Silent switches with no dose motive, per opportunity; default BASE_RATES.silentNoMotive. */
  readonly silentSwitchRate?: number;
}

/** Share of HIGH-band opportunities a steering clinician steers. */
export const STEERING_PROBABILITY = 0.4;
export const DOCUMENTED_STEERING_SHARE = 0.5;
export const STEERING_MECHANISMS: readonly WeightedItem<Mechanism>[] = [
  { item: 'CHANGE', weight: 0.55 },
  { item: 'CANCEL', weight: 0.2 },
  { item: 'AT_ENTRY', weight: 0.25 },
];

/** Base rates per opportunity, for every clinician and every dose band. */
export const BASE_RATES = {
  priorResultAfterRecentCt: 0.25,
  priorResult: 0.004,
  betterTest: 0.012,
  patientRefusal: 0.01,
  operational: 0.015,
  negatedDoseTalk: 0.012,
  silentNoMotive: 0.04,
  notPerformed: 0.02,
} as const;

export const EXCLUSION_SWITCH_PROBABILITY = {
  pregnancy: 0.5,
  contrastAllergy: 0.6,
  renalImpairment: 0.5,
} as const;

const scenario = (
  category: TruthCategory,
  mechanism: Mechanism,
  steered = false,
  documented = false,
): OrderScenario => ({ category, mechanism, steered, documented });

const KEPT = scenario('KEPT', 'AS_REQUESTED');

const chooseExclusionSwitch = (
  random: SeededRandom,
  category: TruthCategory,
  probability: number,
): OrderScenario =>
  random.chance(probability)
    ? scenario(category, random.chance(0.6) ? 'CHANGE' : 'AT_ENTRY')
    : KEPT;

const chooseSteering = (random: SeededRandom, style: SteeringStyle): OrderScenario => {
  const mechanism = random.pickWeighted(STEERING_MECHANISMS);
  const documented = style === 'mixed' && random.chance(DOCUMENTED_STEERING_SHARE);
  if (documented) return scenario('STEER_DOCUMENTED', mechanism, true, true);
  const category: TruthCategory =
    mechanism === 'CANCEL'
      ? 'STEER_CANCEL'
      : mechanism === 'AT_ENTRY'
        ? 'STEER_AT_ENTRY'
        : 'STEER_SILENT_CHANGE';
  return scenario(category, mechanism, true, false);
};

export const chooseOrderScenario = (random: SeededRandom, facts: OrderFacts): OrderScenario => {
  if (!facts.opportunity) {
    return random.chance(BASE_RATES.notPerformed)
      ? scenario('NOT_PERFORMED', 'NO_EXAM')
      : scenario('NOT_OPPORTUNITY', 'AS_REQUESTED');
  }
  // A documented exclusion clears any away-switch, so such patients are never steered here:
  // the truth would be unknowable to the product.
  if (facts.pregnant) {
    return chooseExclusionSwitch(random, 'EXCL_PREGNANCY', EXCLUSION_SWITCH_PROBABILITY.pregnancy);
  }
  if (facts.contrastAllergyApplies) {
    return chooseExclusionSwitch(
      random,
      'EXCL_CONTRAST_ALLERGY',
      EXCLUSION_SWITCH_PROBABILITY.contrastAllergy,
    );
  }
  if (facts.renalImpairmentApplies) {
    return chooseExclusionSwitch(
      random,
      'EXCL_RENAL',
      EXCLUSION_SWITCH_PROBABILITY.renalImpairment,
    );
  }
  if (
    facts.providerSteers &&
    facts.band === 'HIGH' &&
    random.chance(facts.steerRate ?? STEERING_PROBABILITY)
  ) {
    return chooseSteering(random, facts.steeringStyle);
  }
  const priorResultRate = facts.recentSameRegionCt
    ? BASE_RATES.priorResultAfterRecentCt
    : BASE_RATES.priorResult;
  const draw = random.next();
  const thresholds: readonly [number, () => OrderScenario][] = [
    [priorResultRate, () => scenario('EXCL_PRIOR_RESULT', 'CANCEL')],
    [BASE_RATES.betterTest, () => scenario('EXCL_BETTER_TEST', 'CHANGE')],
    [
      BASE_RATES.patientRefusal,
      () => scenario('EXCL_PATIENT_REFUSAL', random.chance(0.8) ? 'CANCEL' : 'CHANGE'),
    ],
    [
      BASE_RATES.operational,
      () => scenario('OPERATIONAL', random.chance(0.7) ? 'CHANGE' : 'CANCEL'),
    ],
    [BASE_RATES.negatedDoseTalk, () => scenario('NEGATED_DOSE_TALK', 'CHANGE')],
    [
      facts.silentSwitchRate ?? BASE_RATES.silentNoMotive,
      () =>
        scenario(
          'SILENT_NO_MOTIVE',
          random.pickWeighted<Mechanism>([
            { item: 'CHANGE', weight: 0.55 },
            { item: 'CANCEL', weight: 0.2 },
            { item: 'AT_ENTRY', weight: 0.25 },
          ]),
        ),
    ],
    [BASE_RATES.notPerformed, () => scenario('NOT_PERFORMED', 'NO_EXAM')],
  ];
  let cumulative = 0;
  for (const [rate, build] of thresholds) {
    cumulative += rate;
    if (draw < cumulative) return build();
  }
  return KEPT;
};

export const CASCADE_FOLLOW_UP_SCENARIO: OrderScenario = scenario(
  'CASCADE_FOLLOW_UP',
  'AS_REQUESTED',
);
