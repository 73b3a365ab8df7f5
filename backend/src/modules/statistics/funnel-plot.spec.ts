import { computeFunnelPlot } from './funnel-plot.js';

describe('computeFunnelPlot', () => {
  it('places units against limits around an explicit target of 0.05', () => {
    const plot = computeFunnelPlot(
      [
        // 5/40 = 0.125: above the 95 % limit 0.11686, below the 99.8 % limit 0.17231.
        { id: 'dr-a', events: 5, n: 40 },
        // 21/200 = 0.105: above the 99.8 % limit 0.10118.
        { id: 'dr-b', events: 21, n: 200 },
        // 3/200 = 0.015: below the lower 95 % limit 0.01958, above the 99.8 % one 0.00654.
        { id: 'dr-c', events: 3, n: 200 },
        // 10/200 = 0.05: on target.
        { id: 'dr-d', events: 10, n: 200 },
      ],
      0.05,
    );
    expect(plot.target).toBe(0.05);
    expect(plot.units.map((unit) => unit.position)).toEqual([
      'ABOVE_95',
      'ABOVE_998',
      'BELOW_95',
      'WITHIN',
    ]);
    const [first, second, third] = plot.units;
    expect(first.rate).toBeCloseTo(0.125, 12);
    expect(first.limits?.upper95).toBeCloseTo(0.11686, 5);
    expect([first.above95, first.above998, first.below95]).toEqual([true, false, false]);
    expect([second.above95, second.above998]).toEqual([true, true]);
    expect([third.below95, third.below998, third.above95]).toEqual([true, false, false]);
  });

  it('defaults the target to the pooled rate', () => {
    // (2 + 8) / (40 + 160) = 0.05.
    const plot = computeFunnelPlot([
      { id: 'cardiology', events: 2, n: 40 },
      { id: 'emergency', events: 8, n: 160 },
    ]);
    expect(plot.target).toBeCloseTo(0.05, 12);
    expect(plot.units[0].limits?.upper998).toBeCloseTo(0.17231, 5);
  });

  it('gives a unit with no opportunities no rate and no limits', () => {
    const plot = computeFunnelPlot([
      { id: 'dr-a', events: 2, n: 40 },
      { id: 'dr-new', events: 0, n: 0 },
    ]);
    expect(plot.units[1].rate).toBeNull();
    expect(plot.units[1].limits).toBeNull();
    expect(plot.units[1].position).toBeNull();
  });

  it('has no target, limits or curve when no unit has opportunities', () => {
    const plot = computeFunnelPlot([{ id: 'dr-new', events: 0, n: 0 }]);
    expect(plot.target).toBeNull();
    expect(plot.curve).toEqual([]);
  });

  it('draws the limit curve from n = 1 to the largest volume, narrowing with n', () => {
    const plot = computeFunnelPlot([{ id: 'site', events: 50, n: 1000 }], 0.05);
    const volumes = plot.curve.map((point) => point.n);
    expect(volumes[0]).toBe(1);
    expect(volumes[volumes.length - 1]).toBe(1000);
    expect(volumes).toEqual([...volumes].sort((left, right) => left - right));
    expect(new Set(volumes).size).toBe(volumes.length);
    const last = plot.curve[plot.curve.length - 1];
    // scipy.stats.binom with the same interpolation: upper 95 % at n = 1000 is 0.063446.
    expect(last.upper95).toBeCloseTo(0.063446, 6);
    expect(last.upper998).toBeLessThan(plot.curve[10].upper998);
  });
});
