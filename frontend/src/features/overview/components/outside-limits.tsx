import { Link } from 'react-router';
import { useQuery } from '@apollo/client/react';
import type { VariationDimension } from '../../../generated/graphql.js';
import type { AnalysisFilterInput, AnalysisFilterValue } from '../../../app/analysis-filter.js';
import { analysisFilterSearch } from '../../../app/analysis-filter.js';
import { ErrorState, LoadingState } from '../../../app/page-states.js';
import {
  FUNNEL_POSITION_LABELS,
  formatCount,
  formatPercent,
} from '../../committee/utils/format-committee-figures.js';
import { PRACTICE_VARIATION_QUERY } from '../../practice-variation/graphql/practice-variation.graphql.js';
import {
  buildVariationFunnel,
  casesLinkFor,
} from '../../practice-variation/utils/build-variation-funnel.js';
import { variationPageVariables } from '../../practice-variation/utils/variation-page.js';

/** How many units the overview lists before leaving the rest to the funnel plot. */
const MOST_LISTED = 8;

const NOUNS: Readonly<Record<VariationDimension, { one: string; many: string }>> = {
  DEPARTMENT: { one: 'department', many: 'departments' },
  CLINICIAN: { one: 'clinician', many: 'clinicians' },
  INDICATION_GROUP: { one: 'indication group', many: 'indication groups' },
};

interface OutsideListProps {
  readonly by: VariationDimension;
  /** The months in words, for the heading (e.g. "Mar 2025"). */
  readonly period?: string;
  readonly input: AnalysisFilterInput | null;
  readonly filter: AnalysisFilterValue;
}

/** The units of one dimension whose conflict rate lies outside its funnel limits. */
export const OutsideList = ({ by, input, filter, period }: OutsideListProps) => {
  const noun = NOUNS[by];
  // clinicians: the first few by evidence (the counts below are over all of them)
  const { data, error, loading } = useQuery(PRACTICE_VARIATION_QUERY, {
    variables: {
      by,
      measure: 'CONFLICT_RATE',
      filter: input,
      ...variationPageVariables(by, MOST_LISTED),
    },
  });
  const headingId = `outside-${by.toLowerCase()}`;
  // links show the same months as the list
  const linkFilter: AnalysisFilterValue = {
    ...filter,
    from: input?.from ?? filter.from,
    to: input?.to ?? filter.to,
  };
  const linkSearch = analysisFilterSearch(linkFilter);
  const variationLink = `/variation${linkSearch}${linkSearch ? '&' : '?'}by=${by}`;
  let body;
  if (error) body = <ErrorState what={`the ${noun.many}`} error={error} />;
  else if (loading || !data) body = <LoadingState what={`the ${noun.many}`} />;
  else {
    const variation = data.practiceVariation;
    const funnel = buildVariationFunnel(variation);
    const outside = funnel?.outside ?? [];
    // those that survive the number compared first; a long tail of small units is left to the plot
    const ranked = [
      ...outside.filter((point) => point.outsideAfterMultiplicity),
      ...outside.filter((point) => !point.outsideAfterMultiplicity),
    ];
    const shown = ranked.slice(0, MOST_LISTED);
    const holding = variation.outsideAfterMultiplicity;
    body =
      variation.outside === 0 ? (
        <p className="outside-none">
          {funnel === null
            ? `No ${noun.one} has assessable opportunities in these months.`
            : `None: all ${formatCount(variation.compared)} ${noun.many} are within their limits.`}
        </p>
      ) : (
        <>
          <p className="outside-summary">
            {formatCount(variation.outside)} of {formatCount(variation.compared)} {noun.many}{' '}
            outside their limits around the site rate of {formatPercent(variation.targetRate)};{' '}
            {formatCount(holding)} still {holding === 1 ? 'stands' : 'stand'} out after allowing for
            the number compared.
            {variation.outside > shown.length
              ? ` The first ${formatCount(shown.length)} are listed; the other ${formatCount(variation.outside - shown.length)} may be chance and are on the funnel plot.`
              : ''}
          </p>
          <table className="data-table data-table-compact">
            <caption className="visually-hidden">
              {noun.many} outside their funnel limits, conflict rate
            </caption>
            <thead>
              <tr>
                <th scope="col" className="text-cell">
                  {noun.one.charAt(0).toUpperCase() + noun.one.slice(1)}
                </th>
                <th scope="col">Conflict rate</th>
                <th scope="col">Opportunities</th>
                <th scope="col" className="text-cell">
                  Position
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((point) => (
                <tr key={point.key} className={point.tone === 'ABOVE' ? 'signal-row' : ''}>
                  <th scope="row" className="text-cell">
                    <Link to={casesLinkFor(by, point.key, linkFilter)}>{point.label}</Link>
                  </th>
                  <td>{formatPercent(point.value)}</td>
                  <td>{formatCount(point.volume)}</td>
                  <td className="text-cell">
                    {FUNNEL_POSITION_LABELS[point.position]}
                    {point.outsideAfterMultiplicity
                      ? ' · holds after allowing for the number compared'
                      : ' · may be chance, given how many were compared'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      );
  }
  return (
    <section className="card outside-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {noun.many.charAt(0).toUpperCase() + noun.many.slice(1)} outside their funnel limits
        {period ? `, ${period}` : ''}
      </h2>
      {body}
      <Link className="figure-link" to={variationLink}>
        Funnel plot of {noun.many} <span aria-hidden="true">→</span>
      </Link>
    </section>
  );
};

export const OutsideLimits = (props: Omit<OutsideListProps, 'by'>) => (
  <div className="two-columns">
    <OutsideList by="DEPARTMENT" {...props} />
    <OutsideList by="CLINICIAN" {...props} />
  </div>
);
