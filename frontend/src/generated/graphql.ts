/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One filter for every aggregate and the case list. Months are YYYY-MM in the site time zone. */
export type AnalysisFilter = {
  /** Clinician keys (ClinicianRef.key): provider ids, or pseudonyms for COMMITTEE */
  clinicians?: Array<string> | null | undefined;
  /** Department names */
  departments?: Array<string> | null | undefined;
  /** First month, YYYY-MM (inclusive) */
  from?: string | null | undefined;
  /** Indication groups */
  indicationGroups?: Array<string> | null | undefined;
  levels?: Array<CaseLevel> | null | undefined;
  populations?: Array<Population> | null | undefined;
  settings?: Array<CareSetting> | null | undefined;
  /** Last month, YYYY-MM (inclusive) */
  to?: string | null | undefined;
};

export type AppropriatenessRowInput = {
  basis?: string | null | undefined;
  icd10Prefixes: Array<string>;
  indicationGroup: string;
  modality: string;
  /** ADULT, PEDIATRIC or PREGNANT */
  population: string;
  rating: number;
};

/** ED emergency, IP inpatient, OP outpatient */
export type CareSetting =
  | 'ED'
  | 'IP'
  | 'OP';

export type CaseFilter = {
  analysis?: AnalysisFilter | null | undefined;
  /** true: only cases assigned to the caller */
  assignedToMe?: boolean | null | undefined;
  exclusions?: Array<ExclusionCode> | null | undefined;
  reviewStatuses?: Array<ReviewStatus> | null | undefined;
  signals?: Array<SignalCode> | null | undefined;
};

/** DOCUMENTED and PROBABLE are conflicts; POSSIBLE is for review; EXCLUDED an away-switch an exclusion cleared */
export type CaseLevel =
  | 'DOCUMENTED'
  | 'EXCLUDED'
  | 'POSSIBLE'
  | 'PROBABLE';

export type CreateReferenceVersionInput = {
  /** What changed and why */
  note: string;
  /** The whole appropriateness table; the indication groups stay those of the current version */
  rows: Array<AppropriatenessRowInput>;
};

export type DepartmentVariationInput = {
  /** First month, YYYY-MM (inclusive) */
  from?: string | null | undefined;
  /** Default CONFLICT_RATE */
  measure?: FunnelMeasure | null | undefined;
  /** Last month, YYYY-MM (inclusive) */
  to?: string | null | undefined;
};

export type Disposition =
  | 'CLINICALLY_JUSTIFIED'
  | 'CONFIRMED_STEERING'
  | 'DATA_ERROR'
  | 'NEEDS_DISCUSSION';

/** Dose-history band at order time (settings band.*) */
export type DoseBand =
  | 'HIGH'
  | 'LOW'
  | 'MODERATE';

export type ExclusionCode =
  | 'BETTER_TEST'
  | 'CONTRAST_ALLERGY'
  | 'PATIENT_REFUSAL'
  | 'PREGNANCY'
  | 'PRIOR_RESULT'
  | 'RENAL_IMPAIRMENT';

/** The rate a funnel plot compares: conflicts or away-switches per opportunity */
export type FunnelMeasure =
  | 'AWAY_SWITCH_RATE'
  | 'CONFLICT_RATE';

/** Where a rate falls against the funnel limits; 99.8 % limits win over 95 % ones */
export type FunnelPosition =
  | 'ABOVE_95'
  | 'ABOVE_998'
  | 'BELOW_95'
  | 'BELOW_998'
  | 'WITHIN';

export type MonthlyConflictTrendInput = {
  /** Department name; the whole site when omitted */
  department?: string | null | undefined;
};

export type MonthlyOrderVolumeInput = {
  /** First month, YYYY-MM (inclusive) */
  from?: string | null | undefined;
  /** Last month, YYYY-MM (inclusive) */
  to?: string | null | undefined;
};

/** ESTIMATED: finite odds ratio and CI; ZERO: no HIGH-band away-switch to compare; INFINITE: no LOW-band away-switch to compare; NO_INFORMATION: no stratum with both bands */
export type OddsRatioStatus =
  | 'ESTIMATED'
  | 'INFINITE'
  | 'NO_INFORMATION'
  | 'ZERO';

/** PREGNANT first; else PEDIATRIC under 18 at the order; else ADULT */
export type Population =
  | 'ADULT'
  | 'PEDIATRIC'
  | 'PREGNANT';

export type ReviewStatus =
  | 'ASSIGNED'
  | 'OPEN'
  | 'REVIEWED';

export type Role =
  | 'ADMIN'
  | 'AUDITOR'
  | 'COMMITTEE'
  | 'QUALITY_MANAGER';

export type SignInInput = {
  email: string;
  password: string;
};

export type SignalCode =
  | 'E1'
  | 'E2'
  | 'E3'
  | 'E4'
  | 'E5';

/** p-chart special-cause rules: BEYOND_3_SIGMA a point outside its control limits; RUN_OF_8 eight or more months in a row on one side of the centre line; TREND_OF_6 six or more months in a row each rising or each falling */
export type SpecialCauseRule =
  | 'BEYOND_3_SIGMA'
  | 'RUN_OF_8'
  | 'TREND_OF_6';

/** The units a practice-variation funnel compares */
export type VariationDimension =
  | 'CLINICIAN'
  | 'DEPARTMENT'
  | 'INDICATION_GROUP';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename: 'Query', me: { __typename: 'Me', email: string, role: Role, departments: Array<string> | null, visibleDepartments: Array<string> } };

export type AuthConfigQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthConfigQuery = { __typename: 'Query', authConfig: { __typename: 'AuthConfig', localSignIn: boolean, oidcSignIn: boolean } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename: 'Mutation', signIn: { __typename: 'Me', email: string, role: Role, departments: Array<string> | null, visibleDepartments: Array<string> } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { __typename: 'Mutation', signOut: boolean };

export type FilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type FilterOptionsQuery = { __typename: 'Query', monthlyConflictTrend: { __typename: 'MonthlyConflictTrend', months: Array<{ __typename: 'MonthlyConflictPoint', month: string }> }, clinicians: { __typename: 'PracticeVariation', rows: Array<{ __typename: 'PracticeVariationRow', key: string, label: string }> }, indicationGroups: { __typename: 'PracticeVariation', rows: Array<{ __typename: 'PracticeVariationRow', key: string, label: string }> } };

export type SiteTimeZoneQueryVariables = Exact<{ [key: string]: never; }>;


export type SiteTimeZoneQuery = { __typename: 'Query', siteTimeZone: string };

export type PackReviewedCasesQueryVariables = Exact<{
  filter?: CaseFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type PackReviewedCasesQuery = { __typename: 'Query', cases: { __typename: 'CaseConnection', totalCount: number, edges: Array<{ __typename: 'CaseEdge', node: { __typename: 'CaseSummary', id: string, level: CaseLevel, latestDisposition: Disposition | null } }> } };

export type MonthlyConflictTrendQueryVariables = Exact<{
  input?: MonthlyConflictTrendInput | null | undefined;
}>;


export type MonthlyConflictTrendQuery = { __typename: 'Query', monthlyConflictTrend: { __typename: 'MonthlyConflictTrend', department: string | null, departments: Array<string>, centre: number | null, baselineMonthsSetting: number, baselineMonths: number, baselineFirstMonth: string | null, baselineLastMonth: string | null, baselineConflicts: number, baselineOpportunities: number, months: Array<{ __typename: 'MonthlyConflictPoint', month: string, opportunities: number, conflicts: number, awaySwitches: number, conflictRate: number | null, awaySwitchRate: number | null, centre: number | null, upperControlLimit: number | null, lowerControlLimit: number | null, specialCauseRules: Array<SpecialCauseRule>, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number } }> } };

export type DepartmentVariationQueryVariables = Exact<{
  input?: DepartmentVariationInput | null | undefined;
}>;


export type DepartmentVariationQuery = { __typename: 'Query', departmentVariation: { __typename: 'DepartmentVariation', measure: FunnelMeasure, firstMonth: string | null, lastMonth: string | null, targetRate: number | null, site: { __typename: 'ConflictRates', opportunities: number, conflicts: number, awaySwitches: number, conflictRate: number | null, awaySwitchRate: number | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } }, departments: Array<{ __typename: 'DepartmentVariationRow', department: string | null, rate: number | null, position: FunnelPosition | null, opportunities: number, conflicts: number, awaySwitches: number, conflictRate: number | null, awaySwitchRate: number | null, limits: { __typename: 'FunnelLimits', lower95: number, upper95: number, lower998: number, upper998: number } | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } }>, funnelCurve: Array<{ __typename: 'FunnelCurvePoint', opportunities: number, lower95: number, upper95: number, lower998: number, upper998: number }> } };

export type DoseHistoryOddsRatioFieldsFragment = { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number };

export type ExcessAwaySwitchesFieldsFragment = { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number };

export type ConflictRatesFieldsFragment = { __typename: 'ConflictRates', opportunities: number, conflicts: number, awaySwitches: number, conflictRate: number | null, awaySwitchRate: number | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } };

export type ConflictRatesFieldsOfRowFragment = { __typename: 'DepartmentVariationRow', opportunities: number, conflicts: number, awaySwitches: number, conflictRate: number | null, awaySwitchRate: number | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } };

export type MonthlyOrderVolumeQueryVariables = Exact<{
  input?: MonthlyOrderVolumeInput | null | undefined;
}>;


export type MonthlyOrderVolumeQuery = { __typename: 'Query', monthlyOrderVolume: Array<{ __typename: 'MonthlyOrderVolume', month: string, outcome: string, orders: number }> };

export type PeriodFiguresFieldsFragment = { __typename: 'PeriodFigures', from: string | null, to: string | null, opportunities: number, awaySwitches: number, awaySwitchRate: number | null, conflicts: number, conflictRate: number | null, documented: number, probable: number, possible: number, openCases: number, reviewedCases: number, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number }, siteOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number } };

export type OverviewQueryVariables = Exact<{
  filter?: AnalysisFilter | null | undefined;
}>;


export type OverviewQuery = { __typename: 'Query', overview: { __typename: 'Overview', current: { __typename: 'PeriodFigures', from: string | null, to: string | null, opportunities: number, awaySwitches: number, awaySwitchRate: number | null, conflicts: number, conflictRate: number | null, documented: number, probable: number, possible: number, openCases: number, reviewedCases: number, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number }, siteOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number } }, previous: { __typename: 'PeriodFigures', from: string | null, to: string | null, opportunities: number, awaySwitches: number, awaySwitchRate: number | null, conflicts: number, conflictRate: number | null, documented: number, probable: number, possible: number, openCases: number, reviewedCases: number, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number }, siteOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number } } } };

export type PracticeVariationRowFieldsFragment = { __typename: 'PracticeVariationRow', key: string, label: string, opportunities: number, awaySwitches: number, conflicts: number, rate: number | null, position: FunnelPosition | null, outsideAfterMultiplicity: boolean, qValue: number | null, limits: { __typename: 'FunnelLimits', lower95: number, upper95: number, lower998: number, upper998: number } | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } };

export type PracticeVariationQueryVariables = Exact<{
  by: VariationDimension;
  measure?: FunnelMeasure | null | undefined;
  filter?: AnalysisFilter | null | undefined;
}>;


export type PracticeVariationQuery = { __typename: 'Query', practiceVariation: { __typename: 'PracticeVariation', by: VariationDimension, measure: FunnelMeasure, targetRate: number | null, compared: number, rows: Array<{ __typename: 'PracticeVariationRow', key: string, label: string, opportunities: number, awaySwitches: number, conflicts: number, rate: number | null, position: FunnelPosition | null, outsideAfterMultiplicity: boolean, qValue: number | null, limits: { __typename: 'FunnelLimits', lower95: number, upper95: number, lower998: number, upper998: number } | null, doseHistoryOddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, excessAwaySwitches: { __typename: 'ExcessAwaySwitches', excess: number, observedHighAwaySwitches: number, expectedHighAwaySwitches: number, strataUsed: number, strataWithoutLowOpportunities: number } }>, funnelCurve: Array<{ __typename: 'FunnelCurvePoint', opportunities: number, lower95: number, upper95: number, lower998: number, upper998: number }> } };

export type DoseHistorySensitivityQueryVariables = Exact<{
  filter?: AnalysisFilter | null | undefined;
}>;


export type DoseHistorySensitivityQuery = { __typename: 'Query', doseHistorySensitivity: { __typename: 'DoseHistorySensitivity', pooled: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, groups: Array<{ __typename: 'SensitivityGroup', indicationGroup: string, flat: boolean, oddsRatio: { __typename: 'DoseHistoryOddsRatio', oddsRatio: number | null, lower95: number | null, upper95: number | null, status: OddsRatioStatus, strataUsed: number, opportunities: number }, bands: Array<{ __typename: 'SensitivityBand', band: DoseBand, opportunities: number, awaySwitches: number, rate: number | null, lower95: number | null, upper95: number | null }> }> } };

export type AppropriatenessTableQueryVariables = Exact<{ [key: string]: never; }>;


export type AppropriatenessTableQuery = { __typename: 'Query', appropriatenessTable: { __typename: 'AppropriatenessTable', referenceVersion: number, groups: Array<{ __typename: 'IndicationGroupRow', indicationGroup: string, needsIodinatedContrast: boolean, description: string }>, rows: Array<{ __typename: 'AppropriatenessRow', indicationGroup: string, icd10Prefixes: Array<string>, population: string, modality: string, rating: number, basis: string }> } };

export type ReferenceVersionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceVersionsQuery = { __typename: 'Query', referenceVersions: Array<{ __typename: 'ReferenceVersion', version: number, createdAt: string, note: string | null, current: boolean }> };

export type CreateReferenceVersionMutationVariables = Exact<{
  input: CreateReferenceVersionInput;
}>;


export type CreateReferenceVersionMutation = { __typename: 'Mutation', createReferenceVersion: { __typename: 'ReferenceVersionCreated', created: boolean, ordersReassessed: number, version: { __typename: 'ReferenceVersion', version: number, createdAt: string, note: string | null, current: boolean } } };

export const DoseHistoryOddsRatioFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}}]} as unknown as DocumentNode<DoseHistoryOddsRatioFieldsFragment, unknown>;
export const ExcessAwaySwitchesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}}]} as unknown as DocumentNode<ExcessAwaySwitchesFieldsFragment, unknown>;
export const ConflictRatesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConflictRatesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}}]} as unknown as DocumentNode<ConflictRatesFieldsFragment, unknown>;
export const ConflictRatesFieldsOfRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConflictRatesFieldsOfRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DepartmentVariationRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}}]} as unknown as DocumentNode<ConflictRatesFieldsOfRowFragment, unknown>;
export const PeriodFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeriodFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"documented"}},{"kind":"Field","name":{"kind":"Name","value":"probable"}},{"kind":"Field","name":{"kind":"Name","value":"possible"}},{"kind":"Field","name":{"kind":"Name","value":"openCases"}},{"kind":"Field","name":{"kind":"Name","value":"reviewedCases"}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"siteOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}}]} as unknown as DocumentNode<PeriodFiguresFieldsFragment, unknown>;
export const PracticeVariationRowFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PracticeVariationRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PracticeVariationRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"outsideAfterMultiplicity"}},{"kind":"Field","name":{"kind":"Name","value":"qValue"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"lower998"}},{"kind":"Field","name":{"kind":"Name","value":"upper998"}}]}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}}]} as unknown as DocumentNode<PracticeVariationRowFieldsFragment, unknown>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departments"}},{"kind":"Field","name":{"kind":"Name","value":"visibleDepartments"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const AuthConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuthConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"authConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"localSignIn"}},{"kind":"Field","name":{"kind":"Name","value":"oidcSignIn"}}]}}]}}]} as unknown as DocumentNode<AuthConfigQuery, AuthConfigQueryVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departments"}},{"kind":"Field","name":{"kind":"Name","value":"visibleDepartments"}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signOut"}}]}}]} as unknown as DocumentNode<SignOutMutation, SignOutMutationVariables>;
export const FilterOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyConflictTrend"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"clinicians"},"name":{"kind":"Name","value":"practiceVariation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"EnumValue","value":"CLINICIAN"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"indicationGroups"},"name":{"kind":"Name","value":"practiceVariation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"EnumValue","value":"INDICATION_GROUP"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]} as unknown as DocumentNode<FilterOptionsQuery, FilterOptionsQueryVariables>;
export const SiteTimeZoneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SiteTimeZone"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siteTimeZone"}}]}}]} as unknown as DocumentNode<SiteTimeZoneQuery, SiteTimeZoneQueryVariables>;
export const PackReviewedCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PackReviewedCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"latestDisposition"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PackReviewedCasesQuery, PackReviewedCasesQueryVariables>;
export const MonthlyConflictTrendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthlyConflictTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyConflictTrendInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyConflictTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"departments"}},{"kind":"Field","name":{"kind":"Name","value":"centre"}},{"kind":"Field","name":{"kind":"Name","value":"baselineMonthsSetting"}},{"kind":"Field","name":{"kind":"Name","value":"baselineMonths"}},{"kind":"Field","name":{"kind":"Name","value":"baselineFirstMonth"}},{"kind":"Field","name":{"kind":"Name","value":"baselineLastMonth"}},{"kind":"Field","name":{"kind":"Name","value":"baselineConflicts"}},{"kind":"Field","name":{"kind":"Name","value":"baselineOpportunities"}},{"kind":"Field","name":{"kind":"Name","value":"months"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"centre"}},{"kind":"Field","name":{"kind":"Name","value":"upperControlLimit"}},{"kind":"Field","name":{"kind":"Name","value":"lowerControlLimit"}},{"kind":"Field","name":{"kind":"Name","value":"specialCauseRules"}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}}]} as unknown as DocumentNode<MonthlyConflictTrendQuery, MonthlyConflictTrendQueryVariables>;
export const DepartmentVariationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DepartmentVariation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DepartmentVariationInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departmentVariation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"firstMonth"}},{"kind":"Field","name":{"kind":"Name","value":"lastMonth"}},{"kind":"Field","name":{"kind":"Name","value":"targetRate"}},{"kind":"Field","name":{"kind":"Name","value":"site"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConflictRatesFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"lower998"}},{"kind":"Field","name":{"kind":"Name","value":"upper998"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConflictRatesFieldsOfRow"}}]}},{"kind":"Field","name":{"kind":"Name","value":"funnelCurve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"lower998"}},{"kind":"Field","name":{"kind":"Name","value":"upper998"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConflictRatesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictRates"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConflictRatesFieldsOfRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DepartmentVariationRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}}]} as unknown as DocumentNode<DepartmentVariationQuery, DepartmentVariationQueryVariables>;
export const MonthlyOrderVolumeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MonthlyOrderVolume"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyOrderVolumeInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"monthlyOrderVolume"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}}]}}]}}]} as unknown as DocumentNode<MonthlyOrderVolumeQuery, MonthlyOrderVolumeQueryVariables>;
export const OverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Overview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalysisFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"current"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeriodFiguresFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PeriodFiguresFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PeriodFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodFigures"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitchRate"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"conflictRate"}},{"kind":"Field","name":{"kind":"Name","value":"documented"}},{"kind":"Field","name":{"kind":"Name","value":"probable"}},{"kind":"Field","name":{"kind":"Name","value":"possible"}},{"kind":"Field","name":{"kind":"Name","value":"openCases"}},{"kind":"Field","name":{"kind":"Name","value":"reviewedCases"}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"siteOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}}]}}]} as unknown as DocumentNode<OverviewQuery, OverviewQueryVariables>;
export const PracticeVariationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PracticeVariation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"by"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VariationDimension"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"measure"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FunnelMeasure"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalysisFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"practiceVariation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"by"}}},{"kind":"Argument","name":{"kind":"Name","value":"measure"},"value":{"kind":"Variable","name":{"kind":"Name","value":"measure"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"targetRate"}},{"kind":"Field","name":{"kind":"Name","value":"compared"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PracticeVariationRowFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"funnelCurve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"lower998"}},{"kind":"Field","name":{"kind":"Name","value":"upper998"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExcessAwaySwitches"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"excess"}},{"kind":"Field","name":{"kind":"Name","value":"observedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"expectedHighAwaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"strataWithoutLowOpportunities"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PracticeVariationRowFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PracticeVariationRow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"outsideAfterMultiplicity"}},{"kind":"Field","name":{"kind":"Name","value":"qValue"}},{"kind":"Field","name":{"kind":"Name","value":"limits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"lower998"}},{"kind":"Field","name":{"kind":"Name","value":"upper998"}}]}},{"kind":"Field","name":{"kind":"Name","value":"doseHistoryOddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excessAwaySwitches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExcessAwaySwitchesFields"}}]}}]}}]} as unknown as DocumentNode<PracticeVariationQuery, PracticeVariationQueryVariables>;
export const DoseHistorySensitivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DoseHistorySensitivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalysisFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doseHistorySensitivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pooled"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicationGroup"}},{"kind":"Field","name":{"kind":"Name","value":"flat"}},{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}},{"kind":"Field","name":{"kind":"Name","value":"awaySwitches"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DoseHistoryOddsRatioFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DoseHistoryOddsRatio"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"oddsRatio"}},{"kind":"Field","name":{"kind":"Name","value":"lower95"}},{"kind":"Field","name":{"kind":"Name","value":"upper95"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"strataUsed"}},{"kind":"Field","name":{"kind":"Name","value":"opportunities"}}]}}]} as unknown as DocumentNode<DoseHistorySensitivityQuery, DoseHistorySensitivityQueryVariables>;
export const AppropriatenessTableDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppropriatenessTable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appropriatenessTable"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referenceVersion"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicationGroup"}},{"kind":"Field","name":{"kind":"Name","value":"needsIodinatedContrast"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicationGroup"}},{"kind":"Field","name":{"kind":"Name","value":"icd10Prefixes"}},{"kind":"Field","name":{"kind":"Name","value":"population"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}}]}}]}}]}}]} as unknown as DocumentNode<AppropriatenessTableQuery, AppropriatenessTableQueryVariables>;
export const ReferenceVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferenceVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referenceVersions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]}}]} as unknown as DocumentNode<ReferenceVersionsQuery, ReferenceVersionsQueryVariables>;
export const CreateReferenceVersionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReferenceVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReferenceVersionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReferenceVersion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"ordersReassessed"}},{"kind":"Field","name":{"kind":"Name","value":"version"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]}}]}}]} as unknown as DocumentNode<CreateReferenceVersionMutation, CreateReferenceVersionMutationVariables>;