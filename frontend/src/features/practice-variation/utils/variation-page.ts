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

/**
 * Up to how many units the page offers "Show all": a table (and the whole answer behind it)
 * of at most a thousand rows. The whole answer's cost grows with its rows (about 18 µs a row
 * kept, measured at 1M and 10M orders: 60 ms for 3,304 clinicians, 548 ms for 33,044), so a
 * thousand rows stay near 20 ms, well inside the 100 ms target, and a thousand table rows still
 * render at once; beyond that nobody reads the table row by row, and the plot shows everyone
 * from the density instead.
 */
export const SHOW_ALL_LIMIT = 1000;

/** Whether "Show all" is offered for `total` units (see SHOW_ALL_LIMIT). */
export const offersShowAll = (total: number): boolean => total <= SHOW_ALL_LIMIT;
