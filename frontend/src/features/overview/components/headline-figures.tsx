import { Link } from 'react-router';
import type { OverviewQuery } from '../../../generated/graphql.js';
import { analysisFilterSearch, type AnalysisFilterValue } from '../../../app/analysis-filter.js';
import {
  ODDS_RATIO_READING_LABELS,
  formatCount,
  formatExcess,
  formatOddsRatio,
  formatPercent,
  readOddsRatio,
} from '../../committee/utils/format-committee-figures.js';
import { describeChange, type Change, type ChangeKind } from '../utils/describe-change.js';
import { formatPeriod } from '../utils/format-period.js';

export type PeriodFigures = OverviewQuery['overview']['current'];

interface Tile {
  readonly id: string;
  readonly title: string;
  readonly value: string;
  readonly detail: string;
  readonly change: Change;
  /** Whether a rise is bad news (shown as "worse"); null when neither. */
  readonly riseIsWorse: boolean | null;
  readonly link: { readonly to: string; readonly label: string };
}

const ARROWS = { up: '▲', down: '▼', same: '=', none: '' } as const;

const changeTone = (change: Change, riseIsWorse: boolean | null): string => {
  if (riseIsWorse === null || change.direction === 'same' || change.direction === 'none') {
    return 'change-neutral';
  }
  return (change.direction === 'up') === riseIsWorse ? 'change-worse' : 'change-better';
};

const changeWord = (change: Change, riseIsWorse: boolean | null): string => {
  const tone = changeTone(change, riseIsWorse);
  return tone === 'change-worse' ? ' (worse)' : tone === 'change-better' ? ' (better)' : '';
};

const between = (current: number | null, previous: number | null, kind: ChangeKind) =>
  describeChange(current, previous, kind);

/** The site odds ratio as one number for comparing periods (null when not estimated). */
const oddsRatioValue = (figures: PeriodFigures): number | null =>
  figures.siteOddsRatio.status === 'ESTIMATED' ? figures.siteOddsRatio.oddsRatio : null;

export interface HeadlineFiguresProps {
  readonly current: PeriodFigures;
  readonly previous: PeriodFigures;
  readonly filter: AnalysisFilterValue;
}

/**
 * The six headline figures of the period, each with its change from the previous period and a
 * link to where the figure comes from.
 */
export const HeadlineFigures = ({ current, previous, filter }: HeadlineFiguresProps) => {
  // every link shows the figure's own months
  const periodFilter = { ...filter, from: current.from, to: current.to };
  const search = (extra: Partial<AnalysisFilterValue>, more = '') => {
    const base = analysisFilterSearch({ ...periodFilter, ...extra });
    return more ? `${base}${base ? '&' : '?'}${more}` : base;
  };
  const previousPeriod = formatPeriod(previous.from, previous.to);
  const reading = readOddsRatio(current.siteOddsRatio);
  const tiles: Tile[] = [
    {
      id: 'opportunities',
      title: 'Opportunities',
      value: formatCount(current.opportunities),
      detail: 'orders whose indicated exam involves radiation, outcome known, no exclusion',
      change: between(current.opportunities, previous.opportunities, 'count'),
      riseIsWorse: null,
      link: { to: `/variation${search({})}`, label: 'By department' },
    },
    {
      id: 'conflicts',
      title: 'Conflicts',
      value: formatCount(current.conflicts),
      detail: `${formatPercent(current.conflictRate)} of opportunities · ${formatCount(current.documented)} documented, ${formatCount(current.probable)} probable`,
      change: between(current.conflictRate, previous.conflictRate, 'rate'),
      riseIsWorse: true,
      link: {
        to: `/cases${search({ levels: ['DOCUMENTED', 'PROBABLE'] })}`,
        label: 'See the conflict cases',
      },
    },
    {
      id: 'away-switches',
      title: 'Away-switches',
      value: formatCount(current.awaySwitches),
      detail: `${formatPercent(current.awaySwitchRate, 1)} of opportunities substituted or downgraded`,
      change: between(current.awaySwitchRate, previous.awaySwitchRate, 'rate'),
      riseIsWorse: true,
      link: {
        to: `/variation${search({}, 'measure=AWAY_SWITCH_RATE')}`,
        label: 'Away-switch rate by department',
      },
    },
    {
      id: 'excess',
      title: 'Excess from dose history',
      value: formatExcess(current.excessAwaySwitches.excess),
      detail: `away-switches in high-dose-history patients beyond the low band's rate (${formatCount(current.excessAwaySwitches.observedHighAwaySwitches)} seen, ${current.excessAwaySwitches.expectedHighAwaySwitches.toFixed(1)} expected)`,
      change: between(
        current.excessAwaySwitches.excess,
        previous.excessAwaySwitches.excess,
        'excess',
      ),
      riseIsWorse: true,
      link: { to: `/sensitivity${search({})}`, label: 'Dose-history sensitivity' },
    },
    {
      id: 'odds-ratio',
      title: 'Site odds ratio, high vs low',
      value: formatOddsRatio(current.siteOddsRatio),
      detail: `${ODDS_RATIO_READING_LABELS[reading]} · about 1 means switches do not follow dose history; 95% CI in brackets`,
      change: between(oddsRatioValue(current), oddsRatioValue(previous), 'ratio'),
      riseIsWorse: true,
      link: { to: `/sensitivity${search({})}`, label: 'By indication group' },
    },
    {
      id: 'open-cases',
      title: 'Open cases',
      value: formatCount(current.openCases),
      detail: `flagged and not yet reviewed · ${formatCount(current.reviewedCases)} reviewed · ${formatCount(current.possible)} possible`,
      change: between(current.openCases, previous.openCases, 'count'),
      riseIsWorse: true,
      link: { to: `/cases${search({}, 'status=OPEN')}`, label: 'Review open cases' },
    },
  ];
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="visually-hidden">
        Headline figures
      </h2>
      <ul className="figure-grid">
        {tiles.map((tile) => (
          <li key={tile.id} className={`figure-tile figure-${tile.id}`}>
            <h3 className="figure-title">{tile.title}</h3>
            <p className="figure-value">{tile.value}</p>
            <p className="figure-detail">{tile.detail}</p>
            <p className={`figure-change ${changeTone(tile.change, tile.riseIsWorse)}`}>
              <span aria-hidden="true">{ARROWS[tile.change.direction]} </span>
              {tile.change.text}
              {changeWord(tile.change, tile.riseIsWorse)}
              {tile.change.direction === 'none' ? '' : ` vs ${previousPeriod}`}
            </p>
            <Link className="figure-link" to={tile.link.to}>
              {tile.link.label} <span aria-hidden="true">→</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
};
