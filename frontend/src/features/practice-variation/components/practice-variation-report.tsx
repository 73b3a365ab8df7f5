import { lazy, Suspense, useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import type { FunnelMeasure, VariationDimension } from '../../../generated/graphql.js';
import type { AnalysisFilterInput, AnalysisFilterValue } from '../../../app/analysis-filter.js';
import { EmptyState, ErrorState, LoadingState } from '../../../app/page-states.js';
import { formatCount, formatPercent } from '../../committee/utils/format-committee-figures.js';
import { formatIndicationGroup } from '../../sensitivity/utils/format-indication-group.js';
import {
  PRACTICE_VARIATION_DENSITY_QUERY,
  PRACTICE_VARIATION_QUERY,
} from '../graphql/practice-variation.graphql.js';
import { buildVariationFunnel } from '../utils/build-variation-funnel.js';
import { VariationTable } from './variation-table.js';
import {
  CLINICIAN_PAGE_SIZE,
  nextShown,
  offersShowAll,
  variationPageVariables,
} from '../utils/variation-page.js';

const VariationFunnel = lazy(() =>
  import('./variation-funnel.js').then((module) => ({ default: module.VariationFunnel })),
);

export const DIMENSION_NOUNS: Readonly<
  Record<VariationDimension, { one: string; many: string; title: string }>
> = {
  DEPARTMENT: { one: 'department', many: 'departments', title: 'Department' },
  CLINICIAN: { one: 'clinician', many: 'clinicians', title: 'Clinician' },
  INDICATION_GROUP: {
    one: 'indication group',
    many: 'indication groups',
    title: 'Indication group',
  },
};

export const MEASURE_NAMES: Readonly<Record<FunnelMeasure, string>> = {
  CONFLICT_RATE: 'Conflict rate',
  AWAY_SWITCH_RATE: 'Away-switch rate',
};

export const labelFormatter = (by: VariationDimension) => (label: string) =>
  by === 'INDICATION_GROUP' ? formatIndicationGroup(label) : label;

/** The sentence on multiple comparisons, e.g. "40 clinicians compared: about 2 would fall …". */
export const describeMultiplicity = (
  compared: number,
  outside: number,
  holding: number,
  many: string,
): string => {
  const byChance = Math.round(compared / 20);
  return (
    `${formatCount(compared)} ${many} compared: at the 95% limits about ${formatCount(byChance)} would fall ` +
    `outside by chance alone. ${formatCount(outside)} ${outside === 1 ? 'is' : 'are'} outside a limit; ` +
    `${formatCount(holding)} still ${holding === 1 ? 'stands' : 'stand'} out after accounting for the number compared (Benjamini–Hochberg).`
  );
};

export interface PracticeVariationReportProps {
  readonly by: VariationDimension;
  readonly measure: FunnelMeasure;
  readonly input: AnalysisFilterInput | null;
  readonly filter: AnalysisFilterValue;
  /** The one control, shown above the chart. */
  readonly control?: React.ReactNode;
  readonly compact?: boolean;
}

/** A funnel plot of one dimension beside its sortable table. */
export const PracticeVariationReport = ({
  by,
  measure,
  input,
  filter,
  control,
  compact = false,
}: PracticeVariationReportProps) => {
  // clinicians come by evidence, a page at a time (back to the first page when the view changes)
  const view = JSON.stringify([by, measure, input]);
  const [shownFor, setShownFor] = useState<{ view: string; shown: number | null }>({
    view,
    shown: CLINICIAN_PAGE_SIZE,
  });
  const shownRows = shownFor.view === view ? shownFor.shown : CLINICIAN_PAGE_SIZE;
  const { data, previousData, error } = useQuery(PRACTICE_VARIATION_QUERY, {
    variables: { by, measure, filter: input, ...variationPageVariables(by, shownRows) },
  });
  // clinicians are paged, so the plot draws everyone from the density of the same funnel
  const densityQuery = useQuery(PRACTICE_VARIATION_DENSITY_QUERY, {
    variables: { by, measure, filter: input },
    skip: by !== 'CLINICIAN',
  });
  const headingId = useId();
  const shown = data ?? previousData;
  const noun = DIMENSION_NOUNS[by];
  const measureName = MEASURE_NAMES[measure];
  if (error) return <ErrorState what={`the ${noun.many}`} error={error} />;
  if (!shown) return <LoadingState what={`the ${noun.many}`} />;
  const variation = shown.practiceVariation;
  const partial = variation.rows.length < variation.compared;
  const densityData = densityQuery.data ?? densityQuery.previousData;
  const funnel = buildVariationFunnel(
    variation,
    partial ? (densityData?.practiceVariationDensity ?? null) : null,
  );
  const density = funnel?.density ?? null;
  const formatLabel = labelFormatter(by);
  const title = `${measureName} by ${noun.one} against volume`;
  const outside = funnel?.outside ?? [];
  // outside the limits but on a later page
  const outsideLater = variation.outside - outside.length;
  const summary =
    funnel === null
      ? ''
      : `Site ${measureName.toLowerCase()} ${formatPercent(variation.targetRate)}.`;
  return (
    <section className="card" aria-labelledby={headingId} aria-busy={shown !== data}>
      {control}
      <h2 id={headingId}>{title}</h2>
      {funnel === null ? (
        <EmptyState>
          No {noun.one} has assessable opportunities in these months and filters: nothing to plot.
        </EmptyState>
      ) : (
        <>
          <p className="caption">
            {summary}{' '}
            {describeMultiplicity(
              variation.compared,
              variation.outside,
              variation.outsideAfterMultiplicity,
              noun.many,
            )}
          </p>
          {partial && density ? (
            <p className="caption page-note">
              The plot shows all {formatCount(variation.compared)} {noun.many}: the{' '}
              {formatCount(density.within)} within the 95% limits as shaded cells (darker: more{' '}
              {noun.many} at that volume and rate), the {formatCount(density.outside)} outside a
              limit as points. The table lists the {formatCount(variation.rows.length)} with the
              strongest evidence of a rate above the site&rsquo;s; their points are drawn too.
            </p>
          ) : partial ? (
            <p className="caption page-note">
              The plot and the table show the {formatCount(variation.rows.length)} {noun.many} with
              the strongest evidence of a rate above the site&rsquo;s, of{' '}
              {formatCount(variation.compared)}; the counts above are over all of them.
              {densityQuery.error ? ` The plot of every ${noun.one} could not be loaded.` : ''}
            </p>
          ) : null}
          {outside.length ? (
            <p className="outside-named">
              <strong>Outside the limits:</strong>{' '}
              {outside
                .map(
                  (point) =>
                    `${formatLabel(point.label)} (${formatPercent(point.value)}, ${point.tone === 'ABOVE' ? 'above' : 'below'})`,
                )
                .join('; ')}
              {outsideLater > 0
                ? `; and ${formatCount(outsideLater)} more further down the list`
                : ''}
              .
            </p>
          ) : variation.outside > 0 ? (
            <p className="outside-named">
              {formatCount(variation.outside)} {variation.outside === 1 ? noun.one : noun.many}{' '}
              outside the limits further down the list.
            </p>
          ) : (
            <p className="outside-named">Every {noun.one} is within its limits.</p>
          )}
          {compact ? null : (
            <p className="reading-guide">
              How to read it: each point is a {noun.one}, placed by its number of assessable
              opportunities (across) and its {measureName.toLowerCase()} (up). The funnel is where
              chance alone would put a {noun.one} whose true rate equals the site&rsquo;s. Outside
              the dashed 95% lines, 1 in 20 lands by chance; outside the solid 99.8% lines, 1 in
              500. Click a point, or a name in the table, to open its cases.
            </p>
          )}
          <div className="funnel-with-table">
            <Suspense fallback={<LoadingState what="the funnel plot" />}>
              <VariationFunnel
                funnel={funnel}
                by={by}
                measure={measure}
                filter={filter}
                title={title}
                description={
                  density
                    ? `Funnel plot of all ${formatCount(variation.compared)} ${noun.many}, ${measureName.toLowerCase()} against assessable opportunities, with the site rate and its 95% and 99.8% limits. ${summary} Shaded cells count the ${formatCount(density.within)} ${noun.many} within the 95% limits at each volume and rate, up to ${formatCount(density.maxUnits)} in one cell; the ${formatCount(density.outside)} outside a limit are points, as are the ${formatCount(variation.rows.length)} listed in the table.`
                    : `Funnel plot: one point per ${noun.one}, ${measureName.toLowerCase()} against assessable opportunities, with the site rate and its 95% and 99.8% limits. ${summary}`
                }
                formatLabel={formatLabel}
                heightPx={compact ? 240 : 440}
                clickable={!compact}
              />
            </Suspense>
            <VariationTable
              by={by}
              measure={measure}
              rows={variation.rows}
              filter={filter}
              unitLabel={noun.title}
              formatLabel={formatLabel}
              caption={`The plot's numbers, one row per ${noun.one}${partial ? ` (the first ${formatCount(variation.rows.length)} of ${formatCount(variation.compared)} by evidence; a heading sorts these)` : ''}. q: the chance-adjusted p-value of a rate above the site's (Benjamini–Hochberg over ${formatCount(variation.compared)} ${noun.many}). Excess: high-dose-history switches beyond what the low band's rate predicts.`}
            />
          </div>
          {partial && !compact ? (
            <p className="page-more">
              <button
                type="button"
                className="button-secondary"
                disabled={shown !== data}
                onClick={() =>
                  setShownFor({
                    view,
                    shown: nextShown(variation.rows.length, variation.compared),
                  })
                }
              >
                Show{' '}
                {formatCount(
                  nextShown(variation.rows.length, variation.compared) - variation.rows.length,
                )}{' '}
                more
              </button>
              {offersShowAll(variation.compared) ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={shown !== data}
                    onClick={() => setShownFor({ view, shown: null })}
                  >
                    Show all {formatCount(variation.compared)} {noun.many}
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
};
