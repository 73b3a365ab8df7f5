/**
 * The reference tables the generator reads (never writes): appropriateness ratings, which
 * indicated exams need iodinated contrast, typical effective doses, DLP-to-E coefficients and
 * the published CED >= 100 mSv figure. Reading them keeps the demo hospital consistent with the
 * tables the product itself starts from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { BODY_REGIONS, MODALITIES } from '../vocabulary/vocabulary.js';
import type { BodyRegion, Modality } from '../vocabulary/vocabulary.js';

export type Population = 'ADULT' | 'PEDIATRIC' | 'PREGNANT';

export interface AppropriatenessRow {
  readonly group: string;
  readonly prefixes: readonly string[];
  readonly population: Population;
  readonly modality: Modality;
  readonly rating: number;
}

export interface KFactorRow {
  readonly region: string;
  readonly ageYears: number;
  readonly kMsvPerMgyCm: number;
}

export interface PublishedCedShare {
  readonly percent: number;
  readonly study: string;
  readonly identifier: string;
}

export interface ReferenceTables {
  readonly appropriateness: readonly AppropriatenessRow[];
  readonly contrastGroups: ReadonlySet<string>;
  /** key `${modality}|${region}` */
  readonly typicalDoseMsv: ReadonlyMap<string, number>;
  /** AAPM Report 96 rows, sorted by region then age. */
  readonly kFactors: readonly KFactorRow[];
  readonly publishedCedShare: PublishedCedShare;
}

type CsvRow = Record<string, string>;

const readCsv = (directory: string, fileName: string): CsvRow[] =>
  parse(readFileSync(join(directory, fileName), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as CsvRow[];

const asModality = (value: string | undefined): Modality => {
  const found = MODALITIES.find((modality) => modality === value);
  if (!found) throw new Error(`Unknown modality "${value}" in the reference data.`);
  return found;
};

const asPopulation = (value: string | undefined): Population => {
  if (value === 'ADULT' || value === 'PEDIATRIC' || value === 'PREGNANT') return value;
  throw new Error(`Unknown population "${value}" in appropriateness.csv.`);
};

export const isBodyRegion = (value: string): value is BodyRegion =>
  (BODY_REGIONS as readonly string[]).includes(value);

/**
 * Where the reference CSVs are: beside this module in the source tree, or, when running from
 * the compiled `backend/dist/backend/src/...`, back in `backend/src/...` (tsc does not copy CSVs).
 */
export const resolveReferenceDataDir = (override?: string): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const sourceTree = join(here, '..', 'reference', 'data');
  const candidates = [
    override,
    process.env.REFERENCE_DATA_DIR,
    sourceTree,
    sourceTree.replace(/([\\/])dist\1backend\1src\1/, '$1src$1'),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(join(candidate, 'appropriateness.csv')));
  if (!found) {
    throw new Error(
      `Reference data not found (looked in ${candidates.join(', ')}); set REFERENCE_DATA_DIR.`,
    );
  }
  return found;
};

const readPublishedCedShare = (rows: readonly CsvRow[]): PublishedCedShare => {
  const row = rows.find(
    (candidate) =>
      candidate.study?.startsWith('Rehani') === true &&
      candidate.metric === 'share of patients with CED >= 100 mSv',
  );
  const percent = Number(row?.value);
  if (!row || !Number.isFinite(percent)) {
    throw new Error('published-dose-distributions.csv has no Rehani CED >= 100 mSv share.');
  }
  return { percent, study: 'Rehani et al. 2020 (Eur Radiol)', identifier: row.identifier ?? '' };
};

export const loadReferenceTables = (directory = resolveReferenceDataDir()): ReferenceTables => {
  const appropriateness = readCsv(directory, 'appropriateness.csv').map(
    (row): AppropriatenessRow => ({
      group: row.indication_group ?? '',
      prefixes: (row.icd10_prefixes ?? '').split(';').map((prefix) => prefix.trim()),
      population: asPopulation(row.population),
      modality: asModality(row.modality),
      rating: Number(row.rating),
    }),
  );
  const contrastGroups = new Set(
    readCsv(directory, 'indication-groups.csv')
      .filter((row) => row.indicated_exam_needs_iodinated_contrast === 'true')
      .map((row) => row.indication_group ?? ''),
  );
  const typicalDoseMsv = new Map(
    readCsv(directory, 'typical-effective-dose.csv').map((row) => [
      `${row.modality}|${row.body_region}`,
      Number(row.typical_msv),
    ]),
  );
  const kFactors = readCsv(directory, 'dlp-to-effective-dose.csv')
    .filter((row) => row.method === 'AAPM_REPORT_96')
    .map((row) => ({
      region: row.body_region ?? '',
      ageYears: Number(row.age_years),
      kMsvPerMgyCm: Number(row.k_msv_per_mgycm),
    }))
    .sort((left, right) =>
      left.region === right.region
        ? left.ageYears - right.ageYears
        : left.region.localeCompare(right.region),
    );
  const publishedCedShare = readPublishedCedShare(
    readCsv(directory, 'published-dose-distributions.csv'),
  );
  return { appropriateness, contrastGroups, typicalDoseMsv, kFactors, publishedCedShare };
};
