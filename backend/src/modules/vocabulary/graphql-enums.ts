import { registerEnumType } from '@nestjs/graphql';

/**
 * Every enum of the agreed API (docs/api-contract.graphql), registered ONCE here so the
 * aggregate, case and auth resolvers share the same GraphQL types. The values are the strings
 * stored in the database (order_assessments, reviews) and used by the CLI.
 * FunnelMeasure, FunnelPosition and OddsRatioStatus predate the contract and stay in
 * modules/analytics/dto.
 */

export enum Role {
  ADMIN = 'ADMIN',
  QUALITY_MANAGER = 'QUALITY_MANAGER',
  COMMITTEE = 'COMMITTEE',
  AUDITOR = 'AUDITOR',
}
registerEnumType(Role, { name: 'Role', description: 'What a signed-in user may do' });

export enum CareSetting {
  ED = 'ED',
  IP = 'IP',
  OP = 'OP',
}
registerEnumType(CareSetting, {
  name: 'CareSetting',
  description: 'ED emergency, IP inpatient, OP outpatient',
});

export enum Population {
  ADULT = 'ADULT',
  PEDIATRIC = 'PEDIATRIC',
  PREGNANT = 'PREGNANT',
}
registerEnumType(Population, {
  name: 'Population',
  description: 'PREGNANT first; else PEDIATRIC under 18 at the order; else ADULT',
});

export enum CaseLevel {
  DOCUMENTED = 'DOCUMENTED',
  PROBABLE = 'PROBABLE',
  POSSIBLE = 'POSSIBLE',
  EXCLUDED = 'EXCLUDED',
}
registerEnumType(CaseLevel, {
  name: 'CaseLevel',
  description:
    'DOCUMENTED and PROBABLE are conflicts; POSSIBLE is for review; EXCLUDED an away-switch an exclusion cleared',
});

export enum DoseBand {
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
}
registerEnumType(DoseBand, {
  name: 'DoseBand',
  description: 'Dose-history band at order time (settings band.*)',
});

export enum SignalCode {
  E1 = 'E1',
  E2 = 'E2',
  E3 = 'E3',
  E4 = 'E4',
  E5 = 'E5',
}
registerEnumType(SignalCode, {
  name: 'SignalCode',
  description:
    'E1 dose rationale in text; E2 switch after order; E3 dose history HIGH; E4 dose alert shown; E5 cascade',
});

export enum ExclusionCode {
  PREGNANCY = 'PREGNANCY',
  CONTRAST_ALLERGY = 'CONTRAST_ALLERGY',
  RENAL_IMPAIRMENT = 'RENAL_IMPAIRMENT',
  BETTER_TEST = 'BETTER_TEST',
  PRIOR_RESULT = 'PRIOR_RESULT',
  PATIENT_REFUSAL = 'PATIENT_REFUSAL',
}
registerEnumType(ExclusionCode, {
  name: 'ExclusionCode',
  description: 'A legitimate, guideline-consistent reason that cleared an order',
});

export enum ReviewStatus {
  OPEN = 'OPEN',
  ASSIGNED = 'ASSIGNED',
  REVIEWED = 'REVIEWED',
}
registerEnumType(ReviewStatus, { name: 'ReviewStatus' });

export enum Disposition {
  CONFIRMED_STEERING = 'CONFIRMED_STEERING',
  CLINICALLY_JUSTIFIED = 'CLINICALLY_JUSTIFIED',
  DATA_ERROR = 'DATA_ERROR',
  NEEDS_DISCUSSION = 'NEEDS_DISCUSSION',
}
registerEnumType(Disposition, { name: 'Disposition', description: "A reviewer's judgement" });

export enum VariationDimension {
  DEPARTMENT = 'DEPARTMENT',
  CLINICIAN = 'CLINICIAN',
  INDICATION_GROUP = 'INDICATION_GROUP',
}
registerEnumType(VariationDimension, {
  name: 'VariationDimension',
  description: 'The units a practice-variation funnel compares',
});

export enum VariationOrder {
  UNIT = 'UNIT',
  EVIDENCE = 'EVIDENCE',
}
registerEnumType(VariationOrder, {
  name: 'VariationOrder',
  description: 'The order of practice-variation rows',
  valuesMap: {
    UNIT: { description: 'By unit (department name, clinician id, indication group): the default' },
    EVIDENCE: {
      description:
        "Strongest evidence of a rate above the site's first: ascending p-value (so q-value), then more opportunities",
    },
  },
});

export enum CaseOrderField {
  SCORE = 'SCORE',
  DATE = 'DATE',
  LEVEL = 'LEVEL',
}
registerEnumType(CaseOrderField, { name: 'CaseOrderField' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
