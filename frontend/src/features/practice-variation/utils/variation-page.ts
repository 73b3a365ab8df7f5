import type { VariationDimension, VariationOrder } from '../../../generated/graphql.js';

/** How many clinicians the page shows at first, and adds with each "show more". */
export const CLINICIAN_PAGE_SIZE = 50;

/**
 * The paging variables of a practice-variation query: clinicians (whose number grows with the
 * health system) ordered by evidence, the first `shown` of them (null: every one); departments
 * and indication groups (a few dozen at most) whole, in unit order.
 */
export const variationPageVariables = (
  by: VariationDimension,
  shown: number | null,
): { orderBy: VariationOrder | null; first: number | null } =>
  by === 'CLINICIAN' ? { orderBy: 'EVIDENCE', first: shown } : { orderBy: null, first: null };

/** The next number of rows to show after `shown`, out of `total`: one more page, at most all. */
export const nextShown = (shown: number, total: number): number =>
  Math.min(total, shown + CLINICIAN_PAGE_SIZE);
