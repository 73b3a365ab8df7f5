/**
 * The body region of a requested exam, read from the order's procedure text (orders carry
 * `requested_procedure`, exams carry `body_region`): E5 (cascade) needs the originally
 * requested modality AND body region. Checked in order, the first match wins, so the specific
 * come before the general ("CT chest-abdomen-pelvis" before "chest", "thoracic spine" before
 * "thora"). Patterns are case-insensitive substrings written in the regular-expression subset
 * that JavaScript and PostgreSQL (`~*`) read alike: alternation, `[...]`, `?` and `*`.
 * Regions follow the CSV import format's list.
 */
export const PROCEDURE_BODY_REGION_RULES: readonly {
  readonly region: string;
  readonly pattern: string;
}[] = [
  { region: 'SPINE', pattern: 'spine|spinal|lumbar|scoliosis|myelogra' },
  {
    region: 'CHEST_ABDOMEN_PELVIS',
    pattern: 'chest[- /,]*(and )?abdomen[- /,]*(and )?pelvis|thorax[- /,]*abdomen',
  },
  { region: 'WHOLE_BODY', pattern: 'whole[- ]body|bone scan|pet/ct|pet-ct|skeletal survey' },
  { region: 'CARDIAC', pattern: 'cardiac|coronary|heart|calcium scor|echocardio' },
  { region: 'HEAD', pattern: 'head|brain|skull|cranial|sinus|orbit|temporal bone' },
  { region: 'NECK', pattern: 'neck|thyroid|carotid|larynx|parotid' },
  { region: 'BREAST', pattern: 'breast|mammogra' },
  {
    region: 'ABDOMEN_PELVIS',
    pattern:
      'abdomen[- /,]*(and )?pelvis|abdominopelvic|kub|urogra|enterogra|stone protocol|colonogra',
  },
  { region: 'CHEST', pattern: 'chest|thora|lung|pulmonary|v/q' },
  { region: 'PELVIS', pattern: 'pelvi|hip|transvaginal|prostate|bladder|venogra' },
  {
    region: 'ABDOMEN',
    pattern:
      'abdom|liver|kidney|renal|ruq|append|right lower quadrant|gallbladder|pancrea|mrcp|hida|hepat|barium|swallow|fast',
  },
  {
    region: 'EXTREMITY',
    pattern: 'extremit|limb|knee|wrist|ankle|shoulder|elbow|hand|foot|femur|tibia|leg',
  },
];

/**
 * Regions as sets of parts, so that overlapping regions match: an exam of the ABDOMEN
 * follows a request for the ABDOMEN_PELVIS, a WHOLE_BODY exam covers every region.
 */
export const BODY_REGION_PARTS: Readonly<Record<string, readonly string[]>> = {
  ABDOMEN_PELVIS: ['ABDOMEN', 'PELVIS'],
  CHEST_ABDOMEN_PELVIS: ['CHEST', 'ABDOMEN', 'PELVIS'],
  CARDIAC: ['CARDIAC', 'CHEST'],
  WHOLE_BODY: [
    'HEAD',
    'NECK',
    'CHEST',
    'ABDOMEN',
    'PELVIS',
    'SPINE',
    'EXTREMITY',
    'CARDIAC',
    'BREAST',
  ],
};

/** The body region a procedure text names, or null when it names none. */
export function inferProcedureBodyRegion(procedure: string | null | undefined): string | null {
  if (!procedure) return null;
  for (const rule of PROCEDURE_BODY_REGION_RULES) {
    if (new RegExp(rule.pattern, 'i').test(procedure)) return rule.region;
  }
  return null;
}

/** Whether two body regions overlap (share a part). */
export function bodyRegionsOverlap(first: string, second: string): boolean {
  const partsOf = (region: string) => BODY_REGION_PARTS[region] ?? [region];
  const firstParts = partsOf(first);
  return partsOf(second).some((part) => firstParts.includes(part));
}

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The same rules as a SQL expression over a text column: the region or NULL. */
export function procedureBodyRegionSql(column: string): string {
  return `(CASE ${PROCEDURE_BODY_REGION_RULES.map(
    (rule) => `WHEN ${column} ~* ${quote(rule.pattern)} THEN ${quote(rule.region)}`,
  ).join(' ')} END)`;
}

/** A region's parts as a SQL text[] expression, for `&&` (overlap). */
export function bodyRegionPartsSql(column: string): string {
  return `(CASE ${column} ${Object.entries(BODY_REGION_PARTS)
    .map(([region, parts]) => `WHEN ${quote(region)} THEN ARRAY[${parts.map(quote).join(', ')}]`)
    .join(' ')} ELSE ARRAY[${column}] END)`;
}
