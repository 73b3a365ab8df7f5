import { comparePracticeVariation } from './assemble-practice-variation.js';
import {
  binFunnelDensity,
  CELLS_PER_DECADE,
  LINEAR_VOLUME_CELLS,
  RATE_CELLS,
  roundUpNicely,
} from './bin-funnel-density.js';

describe('binFunnelDensity', () => {
  // 200 quiet units at the site rate (5 of 100 ... ), one far above, one far below, one empty
  const quiet = Array.from({ length: 200 }, (_, index) => {
    const opportunities = 5 + index * 4;
    return {
      key: `Q${index}`,
      label: `Quiet ${index}`,
      opportunities,
      conflicts: Math.round(opportunities * 0.05),
      awaySwitches: 0,
    };
  });
  const loud = { key: 'LOUD', label: 'Loud', opportunities: 400, conflicts: 80, awaySwitches: 0 };
  const low = { key: 'LOW', label: 'Low', opportunities: 700, conflicts: 0, awaySwitches: 0 };
  const empty = { key: 'NONE', label: 'None', opportunities: 0, conflicts: 0, awaySwitches: 0 };
  const units = [...quiet, loud, low, empty];
  const scope = units.reduce(
    (sum, unit) => ({
      opportunities: sum.opportunities + unit.opportunities,
      conflicts: sum.conflicts + unit.conflicts,
      awaySwitches: 0,
    }),
    { opportunities: 0, conflicts: 0, awaySwitches: 0 },
  );
  const comparison = comparePracticeVariation(units, scope, 'CONFLICT_RATE');
  const density = binFunnelDensity(comparison.units, comparison.targetRate);

  it('counts every compared unit once: in a cell when within, as a point when outside', () => {
    const inCells = density.cells.reduce((sum, cell) => sum + cell.units, 0);
    expect(inCells + density.outside.length).toBe(comparison.compared);
    expect(comparison.compared).toBe(202);
    expect(density.outside.length).toBe(comparison.outside);
    expect(density.outside.map((unit) => unit.key)).toEqual(
      comparison.units
        .filter((unit) => unit.position !== null && unit.position !== 'WITHIN')
        .map((unit) => unit.key),
    );
    expect(density.outside.map((unit) => unit.key)).toEqual(
      expect.arrayContaining(['LOUD', 'LOW']),
    );
    expect(density.outside.find((unit) => unit.key === 'LOUD')?.position).toBe('ABOVE_998');
    expect(density.outside.find((unit) => unit.key === 'LOW')?.position).toBe('BELOW_998');
  });

  it("lays the grid on the plot's axes: log volume by tenths of a decade, linear rate", () => {
    // volumes 5 to 796: over 20 times, so logarithmic, from 1 (10^floor(log10(2.5))) to 1,000
    expect(density.grid.volumeScale).toBe('LOG');
    expect(density.grid.volumeEdges[0]).toBe(1);
    expect(density.grid.volumeEdges.at(-1)).toBe(1000);
    expect(density.grid.volumeEdges).toHaveLength(3 * CELLS_PER_DECADE + 1);
    expect(density.grid.volumeEdges[CELLS_PER_DECADE]).toBe(10);
    // highest rate 80 / 400 = 0.2; × 1.15 = 0.23, rounded up nicely to 0.25
    expect(density.grid.rateEdges).toHaveLength(RATE_CELLS + 1);
    expect(density.grid.rateEdges[0]).toBe(0);
    expect(density.grid.rateEdges.at(-1)).toBe(0.25);
    // each within unit lies in its cell's edges
    for (const unit of comparison.units.filter((one) => one.position === 'WITHIN')) {
      const cell = density.cells.find(
        (one) =>
          density.grid.volumeEdges[one.volumeBin] <= unit.opportunities &&
          unit.opportunities < density.grid.volumeEdges[one.volumeBin + 1] &&
          density.grid.rateEdges[one.rateBin] <= (unit.rate ?? -1) &&
          (unit.rate ?? 2) < density.grid.rateEdges[one.rateBin + 1],
      );
      expect(cell).toBeDefined();
    }
    expect(density.cells.every((cell) => cell.units > 0)).toBe(true);
  });

  it('uses a linear volume axis when volumes are alike, and puts the top value in the last cell', () => {
    const alike = [
      { key: 'A', label: 'A', opportunities: 100, conflicts: 5, awaySwitches: 0 },
      { key: 'B', label: 'B', opportunities: 150, conflicts: 150, awaySwitches: 0 },
      { key: 'C', label: 'C', opportunities: 120, conflicts: 6, awaySwitches: 0 },
    ];
    const compared = comparePracticeVariation(
      alike,
      { opportunities: 370, conflicts: 161, awaySwitches: 0 },
      'CONFLICT_RATE',
    );
    const binned = binFunnelDensity(compared.units, compared.targetRate);
    expect(binned.grid.volumeScale).toBe('LINEAR');
    expect(binned.grid.volumeEdges).toHaveLength(LINEAR_VOLUME_CELLS + 1);
    // 150 × 1.08 = 162, up to 200
    expect(binned.grid.volumeEdges.at(-1)).toBe(200);
    // rate 1 of B: the axis stops at 100 %
    expect(binned.grid.rateEdges.at(-1)).toBe(1);
    const counted = binned.cells.reduce((sum, cell) => sum + cell.units, 0);
    expect(counted + binned.outside.length).toBe(3);
  });

  it('has nothing to draw without a target or opportunities', () => {
    const binned = binFunnelDensity([], null);
    expect(binned).toEqual({
      grid: { volumeScale: 'LINEAR', volumeEdges: [], rateEdges: [] },
      cells: [],
      outside: [],
    });
  });

  it('rounds axis ends up nicely', () => {
    expect(roundUpNicely(0.23)).toBeCloseTo(0.25, 12);
    expect(roundUpNicely(0.031)).toBeCloseTo(0.04, 12);
    expect(roundUpNicely(7)).toBe(8);
    expect(roundUpNicely(0)).toBe(0);
  });
});
