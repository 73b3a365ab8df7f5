import {
  buildPChartData,
  describeBaseline,
  describeMonthRules,
  summariseSpecialCauses,
  type ConflictTrend,
  type ConflictTrendMonth,
} from './build-p-chart-data.js';

const noEstimate = {
  __typename: 'DoseHistoryOddsRatio' as const,
  oddsRatio: null,
  lower95: null,
  upper95: null,
  status: 'NO_INFORMATION' as const,
  strataUsed: 0,
  opportunities: 0,
};

const month = (
  key: string,
  conflicts: number,
  opportunities: number,
  rules: ConflictTrendMonth['specialCauseRules'] = [],
): ConflictTrendMonth => ({
  __typename: 'MonthlyConflictPoint',
  month: key,
  opportunities,
  conflicts,
  awaySwitches: 0,
  conflictRate: opportunities > 0 ? conflicts / opportunities : null,
  awaySwitchRate: null,
  centre: 0.05,
  upperControlLimit: opportunities > 0 ? 0.11 : null,
  lowerControlLimit: opportunities > 0 ? 0 : null,
  specialCauseRules: rules,
  doseHistoryOddsRatio: noEstimate,
});

const trend = (overrides: Partial<ConflictTrend> = {}): ConflictTrend => ({
  __typename: 'MonthlyConflictTrend',
  department: null,
  departments: [],
  centre: 41 / 743,
  baselineMonthsSetting: 12,
  baselineMonths: 12,
  baselineFirstMonth: '2024-11',
  baselineLastMonth: '2025-10',
  baselineConflicts: 41,
  baselineOpportunities: 743,
  months: [],
  ...overrides,
});

describe('buildPChartData', () => {
  it('keeps the rate, centre and limits and marks months that break a rule', () => {
    const data = buildPChartData([
      month('2025-04', 7, 125),
      month('2025-05', 16, 140, ['BEYOND_3_SIGMA']),
      month('2025-06', 0, 0),
    ]);

    expect(data).toEqual([
      {
        month: '2025-04',
        rate: 0.056,
        centre: 0.05,
        upperLimit: 0.11,
        lowerLimit: 0,
        isSpecialCause: false,
        rules: [],
      },
      {
        month: '2025-05',
        rate: 16 / 140,
        centre: 0.05,
        upperLimit: 0.11,
        lowerLimit: 0,
        isSpecialCause: true,
        rules: ['BEYOND_3_SIGMA'],
      },
      {
        month: '2025-06',
        rate: null,
        centre: 0.05,
        upperLimit: null,
        lowerLimit: null,
        isSpecialCause: false,
        rules: [],
      },
    ]);
  });
});

describe('summariseSpecialCauses', () => {
  it('lists every rule with the months it flags, in rule order', () => {
    const summary = summariseSpecialCauses([
      month('2025-01', 1, 100, ['RUN_OF_8']),
      month('2025-02', 9, 100, ['BEYOND_3_SIGMA', 'RUN_OF_8']),
    ]);

    expect(summary.map((rule) => [rule.rule, rule.months])).toEqual([
      ['BEYOND_3_SIGMA', ['2025-02']],
      ['RUN_OF_8', ['2025-01', '2025-02']],
      ['TREND_OF_6', []],
    ]);
  });

  it('names a month’s rules in rule order whatever order they come in', () => {
    expect(describeMonthRules(['TREND_OF_6', 'BEYOND_3_SIGMA'])).toBe('Beyond a limit, Trend of 6');
    expect(describeMonthRules([])).toBe('');
  });
});

describe('describeBaseline', () => {
  it('states p̄ with its counts and the baseline months', () => {
    expect(describeBaseline(trend())).toBe(
      'Centre line p̄ = 5.52% (41 conflicts in 743 opportunities), from the baseline Nov 2024 – Oct 2025 (the first 12 months loaded).',
    );
  });

  it('says when fewer months are loaded than the setting asks for', () => {
    expect(
      describeBaseline(
        trend({ baselineMonths: 6, baselineLastMonth: '2025-04', baselineOpportunities: 1234 }),
      ),
    ).toBe(
      'Centre line p̄ = 5.52% (41 conflicts in 1,234 opportunities), from the baseline Nov 2024 – Apr 2025 (the first 6 months loaded; the setting asks for 12, fewer are loaded).',
    );
  });

  it('says there is no centre line when the baseline has no opportunities', () => {
    expect(describeBaseline(trend({ centre: null }))).toBe(
      'No centre line yet: the baseline months hold no assessable opportunities.',
    );
  });
});
