import { useNavigate } from 'react-router';
import { FunnelPlot } from '../../../charts/funnel-plot.js';
import type { FunnelMeasure, VariationDimension } from '../../../generated/graphql.js';
import type { AnalysisFilterValue } from '../../../app/analysis-filter.js';
import {
  FUNNEL_POSITION_LABELS,
  formatPercent,
} from '../../committee/utils/format-committee-figures.js';
import { casesLinkFor, type VariationFunnel as Funnel } from '../utils/build-variation-funnel.js';

export interface VariationFunnelProps {
  readonly funnel: Funnel;
  readonly by: VariationDimension;
  readonly measure: FunnelMeasure;
  readonly filter: AnalysisFilterValue;
  readonly title: string;
  readonly description: string;
  readonly formatLabel: (label: string) => string;
  readonly heightPx?: number;
  /** false in the committee pack: a printed point opens nothing. */
  readonly clickable?: boolean;
}

/** How many points a crowded plot labels: the most extreme that hold after multiplicity. */
const CROWDED_LABELS = 8;

/** The funnel plot of one dimension; clicking a point opens the cases behind it. */
export const VariationFunnel = ({
  funnel,
  by,
  measure,
  filter,
  title,
  description,
  formatLabel,
  heightPx,
  clickable = true,
}: VariationFunnelProps) => {
  const navigate = useNavigate();
  const decimals = measure === 'CONFLICT_RATE' ? 2 : 1;
  const measureName = measure === 'CONFLICT_RATE' ? 'Conflict rate' : 'Away-switch rate';
  // with many units outside, only those that survive the number compared carry a label; the
  // density's units outside the page carry none (the plot of everyone would be all labels)
  const crowded = funnel.points.filter((point) => point.tone !== 'WITHIN').length > 8;
  // and then at most the few most extreme of them: a cluster of names is unreadable (the
  // sentence above the plot and the table name the rest)
  const labelledKeys = new Set(
    funnel.outside
      .filter((point) => !crowded || point.outsideAfterMultiplicity)
      .slice(0, crowded ? CROWDED_LABELS : undefined)
      .map((point) => point.key),
  );
  const noun = by === 'CLINICIAN' ? 'clinicians' : by === 'DEPARTMENT' ? 'departments' : 'groups';
  return (
    <FunnelPlot
      title={title}
      description={description}
      points={funnel.points.map((point) => ({
        id: point.key,
        label: formatLabel(point.label),
        volume: point.volume,
        value: point.value,
        tone: point.tone,
        labelled: labelledKeys.has(point.key),
        note: `${FUNNEL_POSITION_LABELS[point.position]}${clickable ? ' · click to open its cases' : ''}`,
      }))}
      limits={funnel.curve}
      valueMax={funnel.valueMax}
      volumeMin={funnel.volumeMin}
      volumeMax={funnel.volumeMax}
      volumeScale={funnel.volumeScale}
      formatValue={(value) => formatPercent(value, decimals === 2 && value >= 0.1 ? 0 : 1)}
      valueLabel={measureName}
      volumeLabel="Assessable opportunities"
      targetLabel={`Site rate ${formatPercent(funnel.target, decimals)}`}
      heightPx={heightPx}
      density={
        funnel.density
          ? {
              cells: funnel.density.cells.map((cell) => ({
                volumeFrom: cell.volumeFrom,
                volumeTo: cell.volumeTo,
                valueFrom: cell.valueFrom,
                valueTo: cell.valueTo,
                count: cell.units,
              })),
              maxCount: funnel.density.maxUnits,
              countLabel: `${noun} within the limits`,
            }
          : undefined
      }
      volumeDomain={funnel.density?.volumeDomain}
      // below-the-funnel labels crowd the axis at large volumes; the sentence and table name them
      labelledTones={['ABOVE']}
      onPointClick={
        clickable
          ? (point) => {
              if (point.id) void navigate(casesLinkFor(by, point.id, filter));
            }
          : undefined
      }
    />
  );
};
