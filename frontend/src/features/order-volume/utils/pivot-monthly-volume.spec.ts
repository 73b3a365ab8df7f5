import { pivotMonthlyVolume } from './pivot-monthly-volume.js';

describe('pivotMonthlyVolume', () => {
  it('puts one object per month with a key per outcome, filling gaps with zeros', () => {
    const pivoted = pivotMonthlyVolume([
      { month: '2024-12', outcome: 'US', orders: 4 },
      { month: '2024-11', outcome: 'CT', orders: 10 },
      { month: '2025-02', outcome: 'CT', orders: 7 },
      { month: '2024-11', outcome: 'US', orders: 3 },
    ]);

    expect(pivoted.points).toEqual([
      { month: '2024-11', CT: 10, US: 3, total: 13 },
      { month: '2024-12', CT: 0, US: 4, total: 4 },
      { month: '2025-01', CT: 0, US: 0, total: 0 },
      { month: '2025-02', CT: 7, US: 0, total: 7 },
    ]);
    expect(pivoted.totalOrders).toBe(24);
    expect(pivoted.firstMonth).toBe('2024-11');
    expect(pivoted.lastMonth).toBe('2025-02');
  });

  it('orders outcomes CT, other ionizing, US, MR, then cancelled, not performed, pending', () => {
    const outcomes = ['PENDING', 'MR', 'NOT_PERFORMED', 'DX', 'US', 'CANCELLED', 'CT', 'NM'];
    const pivoted = pivotMonthlyVolume(
      outcomes.map((outcome) => ({ month: '2025-03', outcome, orders: 1 })),
    );

    expect(pivoted.series.map((series) => series.key)).toEqual([
      'CT',
      'DX',
      'NM',
      'US',
      'MR',
      'CANCELLED',
      'NOT_PERFORMED',
      'PENDING',
    ]);
    expect(pivoted.points).toEqual([
      {
        month: '2025-03',
        CT: 1,
        DX: 1,
        NM: 1,
        US: 1,
        MR: 1,
        CANCELLED: 1,
        NOT_PERFORMED: 1,
        PENDING: 1,
        total: 8,
      },
    ]);
  });

  it('gives each outcome a stable colour and label whatever else is present', () => {
    const withCancelled = pivotMonthlyVolume([
      { month: '2025-01', outcome: 'US', orders: 2 },
      { month: '2025-01', outcome: 'CANCELLED', orders: 1 },
    ]);
    const usOnly = pivotMonthlyVolume([{ month: '2025-01', outcome: 'US', orders: 2 }]);

    expect(withCancelled.series).toEqual([
      { key: 'US', label: 'Ultrasound', colour: '#009E73' },
      { key: 'CANCELLED', label: 'Cancelled', colour: '#D55E00' },
    ]);
    expect(usOnly.series).toEqual([{ key: 'US', label: 'Ultrasound', colour: '#009E73' }]);
  });

  it('keeps an outcome it does not know after the known ones, labelled by its code', () => {
    const pivoted = pivotMonthlyVolume([
      { month: '2025-01', outcome: 'OT', orders: 1 },
      { month: '2025-01', outcome: 'PENDING', orders: 1 },
      { month: '2025-01', outcome: 'CT', orders: 1 },
    ]);

    expect(pivoted.series).toEqual([
      { key: 'CT', label: 'CT', colour: '#0072B2' },
      { key: 'PENDING', label: 'Pending', colour: '#999999' },
      { key: 'OT', label: 'OT', colour: '#000000' },
    ]);
  });

  it('adds repeated month and outcome rows together and crosses year ends', () => {
    const pivoted = pivotMonthlyVolume([
      { month: '2023-12', outcome: 'MR', orders: 5 },
      { month: '2023-12', outcome: 'MR', orders: 6 },
      { month: '2024-01', outcome: 'MR', orders: 1 },
    ]);

    expect(pivoted.points).toEqual([
      { month: '2023-12', MR: 11, total: 11 },
      { month: '2024-01', MR: 1, total: 1 },
    ]);
    expect(pivoted.totalOrders).toBe(12);
  });

  it('returns no months and no series for no rows', () => {
    expect(pivotMonthlyVolume([])).toEqual({
      points: [],
      series: [],
      totalOrders: 0,
      firstMonth: null,
      lastMonth: null,
    });
  });
});
