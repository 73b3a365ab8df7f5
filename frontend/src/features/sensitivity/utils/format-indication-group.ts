const ACRONYMS = new Set(['RUQ', 'DVT', 'CT', 'MR', 'US', 'PE', 'TIA', 'ED']);
const SPECIAL: Readonly<Record<string, string>> = { C_SPINE_TRAUMA: 'C-spine trauma' };

/** 'PULMONARY_EMBOLISM' → 'Pulmonary embolism', 'RUQ_PAIN' → 'RUQ pain'; other text unchanged. */
export const formatIndicationGroup = (key: string): string => {
  if (SPECIAL[key]) return SPECIAL[key];
  if (!/^[A-Z0-9_]+$/.test(key)) return key;
  const words = key.split('_').map((word) => (ACRONYMS.has(word) ? word : word.toLowerCase()));
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
};
