/**
 * Benjamini–Hochberg step-up adjustment of p-values (Benjamini & Hochberg, J R Stat Soc B 1995),
 * the same values as R's `p.adjust(p, method = "BH")`:
 *
 *   sort p ascending: p(1) ≤ … ≤ p(m)
 *   q(i) = min over j ≥ i of min(1, m · p(j) / j)
 *
 * Rejecting every hypothesis with q ≤ α controls the false discovery rate at α for independent
 * (or positively dependent) tests. The adjusted values come back in the order of the input.
 * Every p-value must be a number in [0, 1]; an empty list gives an empty list.
 */
export function adjustBenjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((pValue, index) => {
    if (typeof pValue !== 'number' || Number.isNaN(pValue) || pValue < 0 || pValue > 1) {
      throw new RangeError(`p-value ${index + 1} must be a number between 0 and 1, got ${pValue}.`);
    }
  });
  const m = pValues.length;
  const order = pValues
    .map((pValue, index) => ({ pValue, index }))
    .sort((a, b) => a.pValue - b.pValue || a.index - b.index);
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const { pValue, index } = order[rank - 1];
    runningMin = Math.min(runningMin, (m * pValue) / rank);
    adjusted[index] = runningMin;
  }
  return adjusted;
}
