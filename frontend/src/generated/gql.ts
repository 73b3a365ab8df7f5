/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n": typeof types.MeDocument,
    "\n  query AuthConfig {\n    authConfig {\n      localSignIn\n      oidcSignIn\n    }\n  }\n": typeof types.AuthConfigDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  query FilterOptions {\n    monthlyConflictTrend {\n      months {\n        month\n      }\n    }\n    clinicians: practiceVariation(by: CLINICIAN) {\n      rows {\n        key\n        label\n      }\n    }\n    indicationGroups: practiceVariation(by: INDICATION_GROUP) {\n      rows {\n        key\n        label\n      }\n    }\n  }\n": typeof types.FilterOptionsDocument,
    "\n  query SiteTimeZone {\n    siteTimeZone\n  }\n": typeof types.SiteTimeZoneDocument,
    "\n  query PackReviewedCases($filter: CaseFilter, $first: Int) {\n    cases(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          level\n          latestDisposition\n        }\n      }\n    }\n  }\n": typeof types.PackReviewedCasesDocument,
    "\n  query MonthlyConflictTrend($input: MonthlyConflictTrendInput) {\n    monthlyConflictTrend(input: $input) {\n      department\n      departments\n      centre\n      baselineMonthsSetting\n      baselineMonths\n      baselineFirstMonth\n      baselineLastMonth\n      baselineConflicts\n      baselineOpportunities\n      months {\n        month\n        opportunities\n        conflicts\n        awaySwitches\n        conflictRate\n        awaySwitchRate\n        centre\n        upperControlLimit\n        lowerControlLimit\n        specialCauseRules\n        doseHistoryOddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n      }\n    }\n  }\n": typeof types.MonthlyConflictTrendDocument,
    "\n  query DepartmentVariation($input: DepartmentVariationInput) {\n    departmentVariation(input: $input) {\n      measure\n      firstMonth\n      lastMonth\n      targetRate\n      site {\n        ...ConflictRatesFields\n      }\n      departments {\n        department\n        rate\n        position\n        limits {\n          lower95\n          upper95\n          lower998\n          upper998\n        }\n        ...ConflictRatesFieldsOfRow\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n": typeof types.DepartmentVariationDocument,
    "\n  fragment DoseHistoryOddsRatioFields on DoseHistoryOddsRatio {\n    oddsRatio\n    lower95\n    upper95\n    status\n    strataUsed\n    opportunities\n  }\n": typeof types.DoseHistoryOddsRatioFieldsFragmentDoc,
    "\n  fragment ExcessAwaySwitchesFields on ExcessAwaySwitches {\n    excess\n    observedHighAwaySwitches\n    expectedHighAwaySwitches\n    strataUsed\n    strataWithoutLowOpportunities\n  }\n": typeof types.ExcessAwaySwitchesFieldsFragmentDoc,
    "\n  fragment ConflictRatesFields on ConflictRates {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": typeof types.ConflictRatesFieldsFragmentDoc,
    "\n  fragment ConflictRatesFieldsOfRow on DepartmentVariationRow {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": typeof types.ConflictRatesFieldsOfRowFragmentDoc,
    "\n  query MonthlyOrderVolume($input: MonthlyOrderVolumeInput) {\n    monthlyOrderVolume(input: $input) {\n      month\n      outcome\n      orders\n    }\n  }\n": typeof types.MonthlyOrderVolumeDocument,
    "\n  fragment PeriodFiguresFields on PeriodFigures {\n    from\n    to\n    opportunities\n    awaySwitches\n    awaySwitchRate\n    conflicts\n    conflictRate\n    documented\n    probable\n    possible\n    openCases\n    reviewedCases\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n    siteOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n  }\n": typeof types.PeriodFiguresFieldsFragmentDoc,
    "\n  query Overview($filter: AnalysisFilter) {\n    overview(filter: $filter) {\n      current {\n        ...PeriodFiguresFields\n      }\n      previous {\n        ...PeriodFiguresFields\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  fragment PracticeVariationRowFields on PracticeVariationRow {\n    key\n    label\n    opportunities\n    awaySwitches\n    conflicts\n    rate\n    position\n    outsideAfterMultiplicity\n    qValue\n    limits {\n      lower95\n      upper95\n      lower998\n      upper998\n    }\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": typeof types.PracticeVariationRowFieldsFragmentDoc,
    "\n  query PracticeVariation(\n    $by: VariationDimension!\n    $measure: FunnelMeasure\n    $filter: AnalysisFilter\n  ) {\n    practiceVariation(by: $by, measure: $measure, filter: $filter) {\n      by\n      measure\n      targetRate\n      compared\n      rows {\n        ...PracticeVariationRowFields\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n": typeof types.PracticeVariationDocument,
    "\n  query DoseHistorySensitivity($filter: AnalysisFilter) {\n    doseHistorySensitivity(filter: $filter) {\n      pooled {\n        ...DoseHistoryOddsRatioFields\n      }\n      groups {\n        indicationGroup\n        flat\n        oddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n        bands {\n          band\n          opportunities\n          awaySwitches\n          rate\n          lower95\n          upper95\n        }\n      }\n    }\n  }\n": typeof types.DoseHistorySensitivityDocument,
    "\n  query AppropriatenessTable {\n    appropriatenessTable {\n      referenceVersion\n      groups {\n        indicationGroup\n        needsIodinatedContrast\n        description\n      }\n      rows {\n        indicationGroup\n        icd10Prefixes\n        population\n        modality\n        rating\n        basis\n      }\n    }\n  }\n": typeof types.AppropriatenessTableDocument,
    "\n  query ReferenceVersions {\n    referenceVersions {\n      version\n      createdAt\n      note\n      current\n    }\n  }\n": typeof types.ReferenceVersionsDocument,
    "\n  mutation CreateReferenceVersion($input: CreateReferenceVersionInput!) {\n    createReferenceVersion(input: $input) {\n      created\n      ordersReassessed\n      version {\n        version\n        createdAt\n        note\n        current\n      }\n    }\n  }\n": typeof types.CreateReferenceVersionDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n": types.MeDocument,
    "\n  query AuthConfig {\n    authConfig {\n      localSignIn\n      oidcSignIn\n    }\n  }\n": types.AuthConfigDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  query FilterOptions {\n    monthlyConflictTrend {\n      months {\n        month\n      }\n    }\n    clinicians: practiceVariation(by: CLINICIAN) {\n      rows {\n        key\n        label\n      }\n    }\n    indicationGroups: practiceVariation(by: INDICATION_GROUP) {\n      rows {\n        key\n        label\n      }\n    }\n  }\n": types.FilterOptionsDocument,
    "\n  query SiteTimeZone {\n    siteTimeZone\n  }\n": types.SiteTimeZoneDocument,
    "\n  query PackReviewedCases($filter: CaseFilter, $first: Int) {\n    cases(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          level\n          latestDisposition\n        }\n      }\n    }\n  }\n": types.PackReviewedCasesDocument,
    "\n  query MonthlyConflictTrend($input: MonthlyConflictTrendInput) {\n    monthlyConflictTrend(input: $input) {\n      department\n      departments\n      centre\n      baselineMonthsSetting\n      baselineMonths\n      baselineFirstMonth\n      baselineLastMonth\n      baselineConflicts\n      baselineOpportunities\n      months {\n        month\n        opportunities\n        conflicts\n        awaySwitches\n        conflictRate\n        awaySwitchRate\n        centre\n        upperControlLimit\n        lowerControlLimit\n        specialCauseRules\n        doseHistoryOddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n      }\n    }\n  }\n": types.MonthlyConflictTrendDocument,
    "\n  query DepartmentVariation($input: DepartmentVariationInput) {\n    departmentVariation(input: $input) {\n      measure\n      firstMonth\n      lastMonth\n      targetRate\n      site {\n        ...ConflictRatesFields\n      }\n      departments {\n        department\n        rate\n        position\n        limits {\n          lower95\n          upper95\n          lower998\n          upper998\n        }\n        ...ConflictRatesFieldsOfRow\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n": types.DepartmentVariationDocument,
    "\n  fragment DoseHistoryOddsRatioFields on DoseHistoryOddsRatio {\n    oddsRatio\n    lower95\n    upper95\n    status\n    strataUsed\n    opportunities\n  }\n": types.DoseHistoryOddsRatioFieldsFragmentDoc,
    "\n  fragment ExcessAwaySwitchesFields on ExcessAwaySwitches {\n    excess\n    observedHighAwaySwitches\n    expectedHighAwaySwitches\n    strataUsed\n    strataWithoutLowOpportunities\n  }\n": types.ExcessAwaySwitchesFieldsFragmentDoc,
    "\n  fragment ConflictRatesFields on ConflictRates {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": types.ConflictRatesFieldsFragmentDoc,
    "\n  fragment ConflictRatesFieldsOfRow on DepartmentVariationRow {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": types.ConflictRatesFieldsOfRowFragmentDoc,
    "\n  query MonthlyOrderVolume($input: MonthlyOrderVolumeInput) {\n    monthlyOrderVolume(input: $input) {\n      month\n      outcome\n      orders\n    }\n  }\n": types.MonthlyOrderVolumeDocument,
    "\n  fragment PeriodFiguresFields on PeriodFigures {\n    from\n    to\n    opportunities\n    awaySwitches\n    awaySwitchRate\n    conflicts\n    conflictRate\n    documented\n    probable\n    possible\n    openCases\n    reviewedCases\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n    siteOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n  }\n": types.PeriodFiguresFieldsFragmentDoc,
    "\n  query Overview($filter: AnalysisFilter) {\n    overview(filter: $filter) {\n      current {\n        ...PeriodFiguresFields\n      }\n      previous {\n        ...PeriodFiguresFields\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  fragment PracticeVariationRowFields on PracticeVariationRow {\n    key\n    label\n    opportunities\n    awaySwitches\n    conflicts\n    rate\n    position\n    outsideAfterMultiplicity\n    qValue\n    limits {\n      lower95\n      upper95\n      lower998\n      upper998\n    }\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n": types.PracticeVariationRowFieldsFragmentDoc,
    "\n  query PracticeVariation(\n    $by: VariationDimension!\n    $measure: FunnelMeasure\n    $filter: AnalysisFilter\n  ) {\n    practiceVariation(by: $by, measure: $measure, filter: $filter) {\n      by\n      measure\n      targetRate\n      compared\n      rows {\n        ...PracticeVariationRowFields\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n": types.PracticeVariationDocument,
    "\n  query DoseHistorySensitivity($filter: AnalysisFilter) {\n    doseHistorySensitivity(filter: $filter) {\n      pooled {\n        ...DoseHistoryOddsRatioFields\n      }\n      groups {\n        indicationGroup\n        flat\n        oddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n        bands {\n          band\n          opportunities\n          awaySwitches\n          rate\n          lower95\n          upper95\n        }\n      }\n    }\n  }\n": types.DoseHistorySensitivityDocument,
    "\n  query AppropriatenessTable {\n    appropriatenessTable {\n      referenceVersion\n      groups {\n        indicationGroup\n        needsIodinatedContrast\n        description\n      }\n      rows {\n        indicationGroup\n        icd10Prefixes\n        population\n        modality\n        rating\n        basis\n      }\n    }\n  }\n": types.AppropriatenessTableDocument,
    "\n  query ReferenceVersions {\n    referenceVersions {\n      version\n      createdAt\n      note\n      current\n    }\n  }\n": types.ReferenceVersionsDocument,
    "\n  mutation CreateReferenceVersion($input: CreateReferenceVersionInput!) {\n    createReferenceVersion(input: $input) {\n      created\n      ordersReassessed\n      version {\n        version\n        createdAt\n        note\n        current\n      }\n    }\n  }\n": types.CreateReferenceVersionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthConfig {\n    authConfig {\n      localSignIn\n      oidcSignIn\n    }\n  }\n"): (typeof documents)["\n  query AuthConfig {\n    authConfig {\n      localSignIn\n      oidcSignIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      email\n      role\n      departments\n      visibleDepartments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterOptions {\n    monthlyConflictTrend {\n      months {\n        month\n      }\n    }\n    clinicians: practiceVariation(by: CLINICIAN) {\n      rows {\n        key\n        label\n      }\n    }\n    indicationGroups: practiceVariation(by: INDICATION_GROUP) {\n      rows {\n        key\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query FilterOptions {\n    monthlyConflictTrend {\n      months {\n        month\n      }\n    }\n    clinicians: practiceVariation(by: CLINICIAN) {\n      rows {\n        key\n        label\n      }\n    }\n    indicationGroups: practiceVariation(by: INDICATION_GROUP) {\n      rows {\n        key\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SiteTimeZone {\n    siteTimeZone\n  }\n"): (typeof documents)["\n  query SiteTimeZone {\n    siteTimeZone\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PackReviewedCases($filter: CaseFilter, $first: Int) {\n    cases(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          level\n          latestDisposition\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PackReviewedCases($filter: CaseFilter, $first: Int) {\n    cases(filter: $filter, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          level\n          latestDisposition\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonthlyConflictTrend($input: MonthlyConflictTrendInput) {\n    monthlyConflictTrend(input: $input) {\n      department\n      departments\n      centre\n      baselineMonthsSetting\n      baselineMonths\n      baselineFirstMonth\n      baselineLastMonth\n      baselineConflicts\n      baselineOpportunities\n      months {\n        month\n        opportunities\n        conflicts\n        awaySwitches\n        conflictRate\n        awaySwitchRate\n        centre\n        upperControlLimit\n        lowerControlLimit\n        specialCauseRules\n        doseHistoryOddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MonthlyConflictTrend($input: MonthlyConflictTrendInput) {\n    monthlyConflictTrend(input: $input) {\n      department\n      departments\n      centre\n      baselineMonthsSetting\n      baselineMonths\n      baselineFirstMonth\n      baselineLastMonth\n      baselineConflicts\n      baselineOpportunities\n      months {\n        month\n        opportunities\n        conflicts\n        awaySwitches\n        conflictRate\n        awaySwitchRate\n        centre\n        upperControlLimit\n        lowerControlLimit\n        specialCauseRules\n        doseHistoryOddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentVariation($input: DepartmentVariationInput) {\n    departmentVariation(input: $input) {\n      measure\n      firstMonth\n      lastMonth\n      targetRate\n      site {\n        ...ConflictRatesFields\n      }\n      departments {\n        department\n        rate\n        position\n        limits {\n          lower95\n          upper95\n          lower998\n          upper998\n        }\n        ...ConflictRatesFieldsOfRow\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentVariation($input: DepartmentVariationInput) {\n    departmentVariation(input: $input) {\n      measure\n      firstMonth\n      lastMonth\n      targetRate\n      site {\n        ...ConflictRatesFields\n      }\n      departments {\n        department\n        rate\n        position\n        limits {\n          lower95\n          upper95\n          lower998\n          upper998\n        }\n        ...ConflictRatesFieldsOfRow\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DoseHistoryOddsRatioFields on DoseHistoryOddsRatio {\n    oddsRatio\n    lower95\n    upper95\n    status\n    strataUsed\n    opportunities\n  }\n"): (typeof documents)["\n  fragment DoseHistoryOddsRatioFields on DoseHistoryOddsRatio {\n    oddsRatio\n    lower95\n    upper95\n    status\n    strataUsed\n    opportunities\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExcessAwaySwitchesFields on ExcessAwaySwitches {\n    excess\n    observedHighAwaySwitches\n    expectedHighAwaySwitches\n    strataUsed\n    strataWithoutLowOpportunities\n  }\n"): (typeof documents)["\n  fragment ExcessAwaySwitchesFields on ExcessAwaySwitches {\n    excess\n    observedHighAwaySwitches\n    expectedHighAwaySwitches\n    strataUsed\n    strataWithoutLowOpportunities\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConflictRatesFields on ConflictRates {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"): (typeof documents)["\n  fragment ConflictRatesFields on ConflictRates {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConflictRatesFieldsOfRow on DepartmentVariationRow {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"): (typeof documents)["\n  fragment ConflictRatesFieldsOfRow on DepartmentVariationRow {\n    opportunities\n    conflicts\n    awaySwitches\n    conflictRate\n    awaySwitchRate\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonthlyOrderVolume($input: MonthlyOrderVolumeInput) {\n    monthlyOrderVolume(input: $input) {\n      month\n      outcome\n      orders\n    }\n  }\n"): (typeof documents)["\n  query MonthlyOrderVolume($input: MonthlyOrderVolumeInput) {\n    monthlyOrderVolume(input: $input) {\n      month\n      outcome\n      orders\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeriodFiguresFields on PeriodFigures {\n    from\n    to\n    opportunities\n    awaySwitches\n    awaySwitchRate\n    conflicts\n    conflictRate\n    documented\n    probable\n    possible\n    openCases\n    reviewedCases\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n    siteOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n  }\n"): (typeof documents)["\n  fragment PeriodFiguresFields on PeriodFigures {\n    from\n    to\n    opportunities\n    awaySwitches\n    awaySwitchRate\n    conflicts\n    conflictRate\n    documented\n    probable\n    possible\n    openCases\n    reviewedCases\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n    siteOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($filter: AnalysisFilter) {\n    overview(filter: $filter) {\n      current {\n        ...PeriodFiguresFields\n      }\n      previous {\n        ...PeriodFiguresFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($filter: AnalysisFilter) {\n    overview(filter: $filter) {\n      current {\n        ...PeriodFiguresFields\n      }\n      previous {\n        ...PeriodFiguresFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PracticeVariationRowFields on PracticeVariationRow {\n    key\n    label\n    opportunities\n    awaySwitches\n    conflicts\n    rate\n    position\n    outsideAfterMultiplicity\n    qValue\n    limits {\n      lower95\n      upper95\n      lower998\n      upper998\n    }\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"): (typeof documents)["\n  fragment PracticeVariationRowFields on PracticeVariationRow {\n    key\n    label\n    opportunities\n    awaySwitches\n    conflicts\n    rate\n    position\n    outsideAfterMultiplicity\n    qValue\n    limits {\n      lower95\n      upper95\n      lower998\n      upper998\n    }\n    doseHistoryOddsRatio {\n      ...DoseHistoryOddsRatioFields\n    }\n    excessAwaySwitches {\n      ...ExcessAwaySwitchesFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PracticeVariation(\n    $by: VariationDimension!\n    $measure: FunnelMeasure\n    $filter: AnalysisFilter\n  ) {\n    practiceVariation(by: $by, measure: $measure, filter: $filter) {\n      by\n      measure\n      targetRate\n      compared\n      rows {\n        ...PracticeVariationRowFields\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n"): (typeof documents)["\n  query PracticeVariation(\n    $by: VariationDimension!\n    $measure: FunnelMeasure\n    $filter: AnalysisFilter\n  ) {\n    practiceVariation(by: $by, measure: $measure, filter: $filter) {\n      by\n      measure\n      targetRate\n      compared\n      rows {\n        ...PracticeVariationRowFields\n      }\n      funnelCurve {\n        opportunities\n        lower95\n        upper95\n        lower998\n        upper998\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoseHistorySensitivity($filter: AnalysisFilter) {\n    doseHistorySensitivity(filter: $filter) {\n      pooled {\n        ...DoseHistoryOddsRatioFields\n      }\n      groups {\n        indicationGroup\n        flat\n        oddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n        bands {\n          band\n          opportunities\n          awaySwitches\n          rate\n          lower95\n          upper95\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoseHistorySensitivity($filter: AnalysisFilter) {\n    doseHistorySensitivity(filter: $filter) {\n      pooled {\n        ...DoseHistoryOddsRatioFields\n      }\n      groups {\n        indicationGroup\n        flat\n        oddsRatio {\n          ...DoseHistoryOddsRatioFields\n        }\n        bands {\n          band\n          opportunities\n          awaySwitches\n          rate\n          lower95\n          upper95\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppropriatenessTable {\n    appropriatenessTable {\n      referenceVersion\n      groups {\n        indicationGroup\n        needsIodinatedContrast\n        description\n      }\n      rows {\n        indicationGroup\n        icd10Prefixes\n        population\n        modality\n        rating\n        basis\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppropriatenessTable {\n    appropriatenessTable {\n      referenceVersion\n      groups {\n        indicationGroup\n        needsIodinatedContrast\n        description\n      }\n      rows {\n        indicationGroup\n        icd10Prefixes\n        population\n        modality\n        rating\n        basis\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceVersions {\n    referenceVersions {\n      version\n      createdAt\n      note\n      current\n    }\n  }\n"): (typeof documents)["\n  query ReferenceVersions {\n    referenceVersions {\n      version\n      createdAt\n      note\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReferenceVersion($input: CreateReferenceVersionInput!) {\n    createReferenceVersion(input: $input) {\n      created\n      ordersReassessed\n      version {\n        version\n        createdAt\n        note\n        current\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateReferenceVersion($input: CreateReferenceVersionInput!) {\n    createReferenceVersion(input: $input) {\n      created\n      ordersReassessed\n      version {\n        version\n        createdAt\n        note\n        current\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;