import type { Disposition } from '../../../generated/graphql.js';

export const DISPOSITIONS: readonly Disposition[] = [
  'CONFIRMED_STEERING',
  'CLINICALLY_JUSTIFIED',
  'DATA_ERROR',
  'NEEDS_DISCUSSION',
];

export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  CONFIRMED_STEERING: 'Confirmed steering',
  CLINICALLY_JUSTIFIED: 'Clinically justified',
  DATA_ERROR: 'Data error',
  NEEDS_DISCUSSION: 'Needs discussion',
};

export interface DispositionCount {
  readonly disposition: Disposition;
  readonly label: string;
  readonly cases: number;
  /** Share of the reviewed cases counted, null when none. */
  readonly share: number | null;
}

/** Reviewed cases per latest disposition, in a fixed order, every disposition present. */
export const tallyDispositions = (
  cases: readonly { readonly latestDisposition: Disposition | null }[],
): DispositionCount[] => {
  const reviewed = cases.filter((item) => item.latestDisposition !== null);
  return DISPOSITIONS.map((disposition) => {
    const count = reviewed.filter((item) => item.latestDisposition === disposition).length;
    return {
      disposition,
      label: DISPOSITION_LABELS[disposition],
      cases: count,
      share: reviewed.length === 0 ? null : count / reviewed.length,
    };
  });
};
