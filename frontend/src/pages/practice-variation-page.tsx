import { useId } from 'react';
import { useSearchParams } from 'react-router';
import type { FunnelMeasure, VariationDimension } from '../generated/graphql.js';
import { useAnalysisFilter } from '../app/use-analysis-filter.js';
import { describeFilterMonths } from '../features/overview/utils/format-period.js';
import {
  DIMENSION_NOUNS,
  MEASURE_NAMES,
  PracticeVariationReport,
} from '../features/practice-variation/components/practice-variation-report.js';

const DIMENSIONS: readonly VariationDimension[] = ['DEPARTMENT', 'CLINICIAN', 'INDICATION_GROUP'];
const MEASURES: readonly FunnelMeasure[] = ['CONFLICT_RATE', 'AWAY_SWITCH_RATE'];

const readDimension = (value: string | null): VariationDimension =>
  DIMENSIONS.find((dimension) => dimension === value) ?? 'DEPARTMENT';
const readMeasure = (value: string | null): FunnelMeasure =>
  MEASURES.find((measure) => measure === value) ?? 'CONFLICT_RATE';

/**
 * Route `/variation?by=CLINICIAN&measure=AWAY_SWITCH_RATE`: which departments, clinicians or
 * indication groups differ from the site more than chance explains?
 */
export const PracticeVariationPage = () => {
  const { filter, input } = useAnalysisFilter();
  const [params, setParams] = useSearchParams();
  const by = readDimension(params.get('by'));
  const measure = readMeasure(params.get('measure'));
  const controlId = useId();
  const choose = (value: string) => {
    const [nextMeasure, nextBy] = value.split(':');
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('by', nextBy);
      next.set('measure', nextMeasure);
      return next;
    });
  };
  const control = (
    <div className="filters filters-inline">
      <label htmlFor={controlId}>Compare</label>
      <select
        id={controlId}
        value={`${measure}:${by}`}
        onChange={(event) => choose(event.target.value)}
      >
        {MEASURES.flatMap((oneMeasure) =>
          DIMENSIONS.map((dimension) => (
            <option key={`${oneMeasure}:${dimension}`} value={`${oneMeasure}:${dimension}`}>
              {MEASURE_NAMES[oneMeasure]} by {DIMENSION_NOUNS[dimension].one}
            </option>
          )),
        )}
      </select>
    </div>
  );
  return (
    <>
      <header className="page-header">
        <h1>Practice variation</h1>
        <p className="page-lede">
          Departments, clinicians or indication groups against the site on a funnel plot, with a
          sortable table of the same numbers. Click a point or a name to open its cases.
        </p>
        <p className="period-line">
          <strong>{describeFilterMonths(filter.from, filter.to)}</strong>
        </p>
      </header>
      <PracticeVariationReport
        by={by}
        measure={measure}
        input={input}
        filter={filter}
        control={control}
      />
    </>
  );
};
