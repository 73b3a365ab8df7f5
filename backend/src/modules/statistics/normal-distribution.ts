/**
 * Upper tail of the standard normal distribution, P(Z > z) = erfc(z/√2)/2, from the Chebyshev
 * approximation of erfc in Numerical Recipes (Press et al., 2nd ed., section 6.2: fractional
 * error below 1.2·10⁻⁷ everywhere), ample for p-values that are compared with 0.05 or 0.001.
 */
export function computeNormalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number, got NaN.');
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}
