import { lazy, Suspense } from 'react';
import { useQuery } from '@apollo/client/react';
import type { AnalysisFilterInput } from '../../../app/analysis-filter.js';
import { EmptyState, ErrorState, LoadingState } from '../../../app/page-states.js';
import {
  ODDS_RATIO_READING_LABELS,
  formatCount,
  formatOddsRatio,
  readOddsRatio,
} from '../../committee/utils/format-committee-figures.js';
import { DOSE_HISTORY_SENSITIVITY_QUERY } from '../graphql/sensitivity.graphql.js';
import { buildSensitivitySeries, sensitivityAxisMax } from '../utils/build-sensitivity-series.js';
import { formatIndicationGroup } from '../utils/format-indication-group.js';
import { SensitivityTable } from './sensitivity-table.js';

const SensitivitySmallMultiples = lazy(() =>
  import('./sensitivity-small-multiples.js').then((module) => ({
    default: module.SensitivitySmallMultiples,
  })),
);

export const FLAT_SENTENCE =
  'Under guideline-concordant practice the line is flat: the away-switch rate does not depend on the patient’s dose history.';

/** Dose-history sensitivity for a filter: the pooled odds ratio, the small multiples, the table. */
export const SensitivityReport = ({
  input,
  compact = false,
}: {
  readonly input: AnalysisFilterInput | null;
  /** The committee pack's version: no reading guide. */
  readonly compact?: boolean;
}) => {
  const { data, previousData, error } = useQuery(DOSE_HISTORY_SENSITIVITY_QUERY, {
    variables: { filter: input },
  });
  const shown = data ?? previousData;
  if (error) return <ErrorState what="the dose-history sensitivity" error={error} />;
  if (!shown) return <LoadingState what="the dose-history sensitivity" />;
  const { pooled, groups } = shown.doseHistorySensitivity;
  const series = buildSensitivitySeries(shown.doseHistorySensitivity).filter(
    (item) => item.opportunities > 0,
  );
  if (groups.length === 0 || series.length === 0) {
    return (
      <EmptyState>
        No assessable opportunities in these months and filters: nothing to compare.
      </EmptyState>
    );
  }
  const climbing = series.filter((item) => !item.flat);
  const unjudged = series.filter((item) => item.flat && item.oddsRatio.status !== 'ESTIMATED');
  const judgedFlat = series.length - climbing.length - unjudged.length;
  const reading = readOddsRatio(pooled);
  return (
    <div aria-busy={shown !== data}>
      <p className="flat-sentence">{FLAT_SENTENCE}</p>
      <div className="pooled">
        <p className="pooled-figure">
          <span className="pooled-label">Pooled odds ratio, high vs low dose history</span>{' '}
          <strong>{formatOddsRatio(pooled)}</strong>{' '}
          <span className={`reading reading-${reading.toLowerCase().replaceAll('_', '-')}`}>
            {ODDS_RATIO_READING_LABELS[reading]}
          </span>
        </p>
        <p className="caption">
          Mantel–Haenszel, pooled over {formatCount(pooled.strataUsed)} strata (indication group ×
          population × setting), {formatCount(pooled.opportunities)} high- and low-band
          opportunities; 95% CI in brackets. About 1: switches do not follow dose history.
        </p>
      </div>
      <p className={climbing.length ? 'climb-summary climb-summary-alert' : 'climb-summary'}>
        {climbing.length === 0
          ? `No indication group climbs with dose history beyond chance: ${formatCount(judgedFlat)} of ${formatCount(series.length)} are flat within chance`
          : `${formatCount(climbing.length)} of ${formatCount(series.length)} indication groups are not flat (marked ▲): ${climbing
              .map((item) => formatIndicationGroup(item.indicationGroup))
              .join(', ')}. ${formatCount(judgedFlat)} are flat within chance`}
        {unjudged.length
          ? `; ${formatCount(unjudged.length)} have too few high- or low-band switches to judge.`
          : '.'}
      </p>
      {compact ? null : (
        <p className="reading-guide">
          How to read it: each small chart is one indication group; the points are the share of
          opportunities switched away from the indicated exam for patients with low, moderate and
          high cumulative dose in the five years before the order, with their 95% intervals. A line
          that climbs from low to high means decisions followed dose history.
        </p>
      )}
      <Suspense fallback={<LoadingState what="the charts" />}>
        <SensitivitySmallMultiples
          series={series}
          axisMax={sensitivityAxisMax(series)}
          chartHeightPx={compact ? 96 : 150}
        />
      </Suspense>
      <SensitivityTable series={series} />
    </div>
  );
};
