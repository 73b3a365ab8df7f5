import { lazy, Suspense } from 'react';
import { useQuery } from '@apollo/client/react';
import { toAnalysisFilterInput, type AnalysisFilterValue } from '../../../app/analysis-filter.js';
import { ErrorState, LoadingState } from '../../../app/page-states.js';
import {
  formatCount,
  formatExcess,
  formatOddsRatio,
  formatPercent,
} from '../../committee/utils/format-committee-figures.js';
import { OutsideList } from '../../overview/components/outside-limits.js';
import { OVERVIEW_QUERY } from '../../overview/graphql/overview.graphql.js';
import { describeChange } from '../../overview/utils/describe-change.js';
import { formatPeriod } from '../../overview/utils/format-period.js';
import { formatMonthLabel } from '../../order-volume/utils/month-keys.js';
import { PracticeVariationReport } from '../../practice-variation/components/practice-variation-report.js';
import { SensitivityReport } from '../../sensitivity/components/sensitivity-report.js';
import { PACK_REVIEWED_CASES_QUERY } from '../graphql/committee-pack.graphql.js';
import { tallyDispositions } from '../utils/tally-dispositions.js';

const OverviewTrend = lazy(() =>
  import('../../overview/components/overview-trend.js').then((module) => ({
    default: module.OverviewTrend,
  })),
);

/** The case API's largest page. */
const REVIEWED_CASES_READ = 200;

const HeadlineTable = ({ input }: { readonly input: ReturnType<typeof toAnalysisFilterInput> }) => {
  const { data, error } = useQuery(OVERVIEW_QUERY, { variables: { filter: input } });
  if (error) return <ErrorState what="the headline figures" error={error} />;
  if (!data) return <LoadingState what="the headline figures" />;
  const { current, previous } = data.overview;
  const oddsRatio = (figures: typeof current) =>
    figures.siteOddsRatio.status === 'ESTIMATED' ? figures.siteOddsRatio.oddsRatio : null;
  const rows = [
    {
      name: 'Assessable opportunities',
      now: formatCount(current.opportunities),
      before: formatCount(previous.opportunities),
      change: describeChange(current.opportunities, previous.opportunities, 'count').text,
    },
    {
      name: 'Conflicts (documented + probable)',
      now: `${formatCount(current.conflicts)} (${formatPercent(current.conflictRate)})`,
      before: `${formatCount(previous.conflicts)} (${formatPercent(previous.conflictRate)})`,
      change: describeChange(current.conflictRate, previous.conflictRate, 'rate').text,
    },
    {
      name: 'Away-switches',
      now: `${formatCount(current.awaySwitches)} (${formatPercent(current.awaySwitchRate, 1)})`,
      before: `${formatCount(previous.awaySwitches)} (${formatPercent(previous.awaySwitchRate, 1)})`,
      change: describeChange(current.awaySwitchRate, previous.awaySwitchRate, 'rate').text,
    },
    {
      name: 'Excess away-switches from dose history',
      now: formatExcess(current.excessAwaySwitches.excess),
      before: formatExcess(previous.excessAwaySwitches.excess),
      change: describeChange(
        current.excessAwaySwitches.excess,
        previous.excessAwaySwitches.excess,
        'excess',
      ).text,
    },
    {
      name: 'Site odds ratio, high vs low (95% CI)',
      now: formatOddsRatio(current.siteOddsRatio),
      before: formatOddsRatio(previous.siteOddsRatio),
      change: describeChange(oddsRatio(current), oddsRatio(previous), 'ratio').text,
    },
    {
      name: 'Open cases (flagged, not reviewed)',
      now: formatCount(current.openCases),
      before: formatCount(previous.openCases),
      change: describeChange(current.openCases, previous.openCases, 'count').text,
    },
  ];
  return (
    <table className="data-table data-table-compact pack-headline">
      <caption>
        Headline figures, {formatPeriod(current.from, current.to)} against{' '}
        {formatPeriod(previous.from, previous.to)}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="text-cell">
            Figure
          </th>
          <th scope="col">{formatPeriod(current.from, current.to)}</th>
          <th scope="col">{formatPeriod(previous.from, previous.to)}</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row" className="text-cell">
              {row.name}
            </th>
            <td>{row.now}</td>
            <td>{row.before}</td>
            <td>{row.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const DispositionTable = ({
  input,
}: {
  readonly input: ReturnType<typeof toAnalysisFilterInput>;
}) => {
  const { data, error } = useQuery(PACK_REVIEWED_CASES_QUERY, {
    variables: {
      filter: { analysis: input, reviewStatuses: ['REVIEWED'] },
      first: REVIEWED_CASES_READ,
    },
  });
  if (error) return <ErrorState what="the reviewed cases" error={error} />;
  if (!data) return <LoadingState what="the reviewed cases" />;
  const nodes = data.cases.edges.map((edge) => edge.node);
  const tally = tallyDispositions(nodes);
  return (
    <table className="data-table data-table-compact">
      <caption>
        Dispositions of the {formatCount(data.cases.totalCount)} reviewed cases
        {data.cases.totalCount > nodes.length
          ? ` (the first ${formatCount(nodes.length)} counted)`
          : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="text-cell">
            Disposition
          </th>
          <th scope="col">Cases</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {tally.map((row) => (
          <tr key={row.disposition}>
            <th scope="row" className="text-cell">
              {row.label}
            </th>
            <td>{formatCount(row.cases)}</td>
            <td>{formatPercent(row.share, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export interface PackMonthProps {
  readonly month: string;
  readonly filter: AnalysisFilterValue;
  readonly scope: string;
}

/** One month of the committee pack: one printed page (or as few as it takes). */
export const PackMonth = ({ month, filter, scope }: PackMonthProps) => {
  const monthFilter: AnalysisFilterValue = { ...filter, from: month, to: month };
  const input = toAnalysisFilterInput(monthFilter);
  const department = filter.departments.length === 1 ? filter.departments[0] : null;
  const label = formatMonthLabel(month);
  const headingId = `pack-${month}`;
  return (
    <article className="pack-page" aria-labelledby={headingId}>
      <header className="pack-page-header">
        <p className="pack-kicker">Clinical Grounds · committee pack · de-identified</p>
        <h2 id={headingId}>{label}</h2>
        <p className="pack-scope">{scope}</p>
      </header>
      <HeadlineTable input={input} />
      <section className="pack-section" aria-label={`Monthly conflict rate up to ${label}`}>
        <h3>Monthly conflict rate (p-chart){department ? `, ${department}` : ''}</h3>
        <Suspense fallback={<LoadingState what="the p-chart" />}>
          <OverviewTrend department={department} upTo={month} heightPx={190} />
        </Suspense>
      </section>
      <section className="pack-section" aria-label={`Dose-history sensitivity, ${label}`}>
        <h3>Dose-history sensitivity</h3>
        <SensitivityReport input={input} compact />
      </section>
      <section className="pack-section" aria-label={`Practice variation, ${label}`}>
        <h3>Departments and clinicians against the funnel</h3>
        <PracticeVariationReport
          by="DEPARTMENT"
          measure="CONFLICT_RATE"
          input={input}
          filter={monthFilter}
          compact
        />
        <OutsideList by="CLINICIAN" input={input} filter={monthFilter} />
      </section>
      <section className="pack-section" aria-label={`Reviewed cases, ${label}`}>
        <h3>Reviewed cases</h3>
        <DispositionTable input={input} />
      </section>
    </article>
  );
};
