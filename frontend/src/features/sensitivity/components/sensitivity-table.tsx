import {
  formatCount,
  formatOddsRatio,
  formatPercent,
} from '../../committee/utils/format-committee-figures.js';
import type { SensitivityPoint, SensitivitySeries } from '../utils/build-sensitivity-series.js';
import { formatIndicationGroup } from '../utils/format-indication-group.js';
import { describeLine } from '../utils/describe-line.js';

const BandCell = ({ point }: { readonly point: SensitivityPoint }) =>
  point.opportunities === 0 ? (
    <td className="muted">no orders</td>
  ) : (
    <td>
      {formatPercent(point.rate, 1)}{' '}
      <span className="muted">
        ({formatCount(point.awaySwitches)}/{formatCount(point.opportunities)}
        {point.lower95 !== null && point.upper95 !== null
          ? `; ${formatPercent(point.lower95, 1)}–${formatPercent(point.upper95, 1)}`
          : ''}
        )
      </span>
    </td>
  );

/** The small multiples' numbers: per group, each band's rate (switches/opportunities; 95 % CI). */
export const SensitivityTable = ({ series }: { readonly series: readonly SensitivitySeries[] }) => (
  <div className="table-scroll" tabIndex={0}>
    <table className="data-table data-table-compact">
      <caption>
        The charts&rsquo; numbers: away-switch rate per dose-history band (away-switches /
        opportunities; Wilson 95% interval), and the group&rsquo;s Mantel–Haenszel odds ratio, high
        vs low, within the same population and setting.
      </caption>
      <thead>
        <tr>
          <th scope="col" className="text-cell">
            Indication group
          </th>
          <th scope="col">Low</th>
          <th scope="col">Moderate</th>
          <th scope="col">High</th>
          <th scope="col" className="text-cell">
            OR high vs low (95% CI)
          </th>
          <th scope="col" className="text-cell">
            Line
          </th>
        </tr>
      </thead>
      <tbody>
        {series.map((item) => (
          <tr key={item.indicationGroup} className={item.flat ? '' : 'signal-row'}>
            <th scope="row" className="text-cell">
              {formatIndicationGroup(item.indicationGroup)}
            </th>
            {item.points.map((point) => (
              <BandCell key={point.band} point={point} />
            ))}
            <td className="text-cell">{formatOddsRatio(item.oddsRatio)}</td>
            <td className="text-cell">{describeLine(item)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
