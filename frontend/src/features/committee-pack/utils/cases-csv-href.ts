import type { AnalysisFilterValue } from '../../../app/analysis-filter.js';

/**
 * The de-identified CSV of the cases behind a pack: GET /exports/cases.csv with the filter in
 * that route's own parameter names (plural, repeated: `departments=A&departments=B`).
 */
export const casesCsvHref = (filter: AnalysisFilterValue): string => {
  const params = new URLSearchParams();
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  const lists = {
    departments: filter.departments,
    clinicians: filter.clinicians,
    indicationGroups: filter.indicationGroups,
    settings: filter.settings,
    populations: filter.populations,
    levels: filter.levels,
  };
  for (const [name, values] of Object.entries(lists)) {
    for (const value of values) params.append(name, value);
  }
  const search = params.toString();
  return `/exports/cases.csv${search ? `?${search}` : ''}`;
};
