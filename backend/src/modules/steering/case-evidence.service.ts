import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PATTERN_EVIDENCE } from './pattern-evidence.sql.js';

export interface CaseEvidence {
  /** The order's internal key (the case id is built from it). */
  readonly orderPk: string;
  readonly orderId: string;
  readonly source: string;
  readonly orderedAt: string;
  readonly requestedModality: string;
  readonly indicationCode: string | null;
  readonly indicationGroup: string | null;
  readonly population: string;
  readonly outcome: string;
  readonly outcomeModality: string;
  readonly band: string;
  readonly level: string | null;
  readonly score: number | null;
  readonly exclusion: string | null;
  readonly exclusionDetail: string | null;
  readonly nonDoseReason: string | null;
  readonly versions: { settings: number; reference: number; lexicon: string };
  readonly signals: readonly { code: string; explanation: string }[];
}

const SELECT_CASE = `
  SELECT o.order_id, o.source, to_char(o.ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ordered_at,
    o.requested_modality, o.indication_code, a.indication_group, a.population, a.outcome,
    a.outcome_modality, a.band, a.level, a.score::float8 AS score, a.exclusion, a.exclusion_detail,
    a.non_dose_reason, a.settings_version, a.reference_version, a.lexicon_version,
    a.order_pk::text AS order_pk
  FROM orders o JOIN order_assessments a ON a.order_pk = o.id
  WHERE o.order_id = $1 AND ($2::text IS NULL OR o.source = $2::text)
  ORDER BY o.source`;

/** E1–E5 as stored; PATTERN with the clinician's figures of now (PATTERN_EVIDENCE). */
const SELECT_SIGNALS = `
  SELECT code,
    CASE WHEN code = 'PATTERN' THEN (${PATTERN_EVIDENCE}) ELSE explanation END AS explanation
  FROM order_signals WHERE order_pk = $1
  ORDER BY code = 'PATTERN', code`;

/** One order's assessment and every piece of its evidence. */
@Injectable()
export class CaseEvidenceService {
  constructor(private readonly dataSource: DataSource) {}

  async read(orderId: string, source: string | null = null): Promise<CaseEvidence[]> {
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      SELECT_CASE,
      [orderId, source],
    );
    const cases: CaseEvidence[] = [];
    for (const row of rows) {
      const signals: { code: string; explanation: string }[] = await this.dataSource.query(
        SELECT_SIGNALS,
        [row.order_pk],
      );
      cases.push({
        orderPk: String(row.order_pk),
        orderId: String(row.order_id),
        source: String(row.source),
        orderedAt: String(row.ordered_at),
        requestedModality: String(row.requested_modality),
        indicationCode: row.indication_code as string | null,
        indicationGroup: row.indication_group as string | null,
        population: String(row.population),
        outcome: String(row.outcome),
        outcomeModality: String(row.outcome_modality),
        band: String(row.band),
        level: row.level as string | null,
        score: row.score as number | null,
        exclusion: row.exclusion as string | null,
        exclusionDetail: row.exclusion_detail as string | null,
        nonDoseReason: row.non_dose_reason as string | null,
        versions: {
          settings: Number(row.settings_version),
          reference: Number(row.reference_version),
          lexicon: String(row.lexicon_version),
        },
        signals,
      });
    }
    return cases;
  }
}

/** The evidence as a reviewer reads it on a terminal. */
export function formatCaseEvidence(evidence: CaseEvidence): string {
  return [
    `Order ${evidence.orderId} (${evidence.source}), ordered ${evidence.orderedAt}: ${evidence.requestedModality} for ${evidence.indicationCode ?? 'no code'} (${evidence.indicationGroup ?? 'unmapped'}, ${evidence.population})`,
    `Outcome: ${evidence.outcomeModality} → ${evidence.outcome}; dose-history band ${evidence.band}`,
    `Level: ${evidence.level ?? 'not flagged'}${evidence.score === null ? '' : `, score ${evidence.score}`}`,
    ...(evidence.exclusion
      ? [`Exclusion: ${evidence.exclusion} (${evidence.exclusionDetail ?? ''})`]
      : []),
    ...(evidence.nonDoseReason ? [`Non-dose reason: ${evidence.nonDoseReason}`] : []),
    ...evidence.signals.map((signal) => `  ${signal.code}: ${signal.explanation}`),
    `Computed under settings version ${evidence.versions.settings}, reference version ${evidence.versions.reference}, lexicon ${evidence.versions.lexicon}.`,
  ].join('\n');
}
