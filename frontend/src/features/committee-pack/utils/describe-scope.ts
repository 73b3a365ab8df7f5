import type { AnalysisFilterValue } from '../../../app/analysis-filter.js';

const SETTINGS: Readonly<Record<string, string>> = {
  ED: 'emergency',
  IP: 'inpatient',
  OP: 'outpatient',
};
const POPULATIONS: Readonly<Record<string, string>> = {
  ADULT: 'adults',
  PEDIATRIC: 'children',
  PREGNANT: 'pregnant patients',
};

/**
 * The filter (months aside) in words for the pack's heading, e.g. "Emergency Medicine;
 * clinician C-3F9A2B; emergency orders; adults", or "Whole site, every order".
 */
export const describeScope = (filter: AnalysisFilterValue): string => {
  const parts = [
    filter.departments.length ? filter.departments.join(', ') : null,
    filter.clinicians.length
      ? `${filter.clinicians.length === 1 ? 'clinician' : 'clinicians'} ${filter.clinicians.join(', ')}`
      : null,
    filter.indicationGroups.length ? `indication ${filter.indicationGroups.join(', ')}` : null,
    filter.settings.length
      ? `${filter.settings.map((setting) => SETTINGS[setting]).join(' and ')} orders`
      : null,
    filter.populations.length
      ? filter.populations.map((population) => POPULATIONS[population]).join(' and ')
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join('; ') : 'Whole site, every order';
};
