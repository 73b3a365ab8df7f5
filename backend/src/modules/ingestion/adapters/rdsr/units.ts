/**
 * Unit conversion for the measured values dose reports carry. Units come from the Code Value of
 * MeasurementUnitsCodeSequence, which should be UCUM ("Gy.m2", "mGy.cm") but in the field also
 * reads "Gym2", "mGycm", "uGy.m2" or "µGy·m²". A unit is matched after dropping spaces, the
 * multiplication signs ".", "*", "·" and "^", and mapping "²" to "2" and "µ" to "u"; prefixes
 * keep their case ("mGy" is milligray).
 *
 * Each converter returns null for a unit it does not know, so the caller can report it instead
 * of storing a value off by a factor of a thousand.
 */

export type DoseQuantity =
  'dose_area_product' | 'dose_length_product' | 'dose' | 'time' | 'effective_dose';

/** Canonical spelling of a unit code: no separators, ASCII exponents and micro sign. */
export const canonicaliseUnit = (unit: string): string =>
  unit
    .trim()
    .replace(/[µμ]/g, 'u')
    .replace(/²/g, '2')
    .replace(/[\s.*·^]/g, '');

const DOSE_PREFIX_TO_MGY: Readonly<Record<string, number>> = {
  Gy: 1000,
  dGy: 100,
  cGy: 10,
  mGy: 1,
  uGy: 1e-3,
};

/** Factor to Gy·cm² for dose-area products (Gy.m2 = 10⁴ Gy.cm2). */
const DAP_FACTORS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(DOSE_PREFIX_TO_MGY).flatMap(([dose, toMgy]) => [
    [`${dose}cm2`, toMgy / 1000],
    [`${dose}m2`, (toMgy / 1000) * 1e4],
    [`${dose}mm2`, (toMgy / 1000) * 1e-2],
  ]),
);

/** Factor to mGy·cm for dose-length products. */
const DLP_FACTORS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(DOSE_PREFIX_TO_MGY).flatMap(([dose, toMgy]) => [
    [`${dose}cm`, toMgy],
    [`${dose}mm`, toMgy / 10],
    [`${dose}m`, toMgy * 100],
  ]),
);

const TIME_FACTORS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  ms: 1e-3,
  us: 1e-6,
  min: 60,
  h: 3600,
};

const EFFECTIVE_DOSE_FACTORS: Readonly<Record<string, number>> = {
  Sv: 1000,
  mSv: 1,
  uSv: 1e-3,
};

const FACTORS: Readonly<Record<DoseQuantity, Readonly<Record<string, number>>>> = {
  dose_area_product: DAP_FACTORS,
  dose_length_product: DLP_FACTORS,
  dose: DOSE_PREFIX_TO_MGY,
  time: TIME_FACTORS,
  effective_dose: EFFECTIVE_DOSE_FACTORS,
};

/** Lower-cased keys: no two units a quantity knows differ only in case, so this is unambiguous. */
const FACTORS_IGNORING_CASE: Readonly<Record<DoseQuantity, ReadonlyMap<string, number>>> = {
  dose_area_product: lowerCaseKeys(DAP_FACTORS),
  dose_length_product: lowerCaseKeys(DLP_FACTORS),
  dose: lowerCaseKeys(DOSE_PREFIX_TO_MGY),
  time: lowerCaseKeys(TIME_FACTORS),
  effective_dose: lowerCaseKeys(EFFECTIVE_DOSE_FACTORS),
};

function lowerCaseKeys(factors: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  return new Map(Object.entries(factors).map(([unit, factor]) => [unit.toLowerCase(), factor]));
}

/**
 * The factor that turns a value in `unit` into the quantity's storage unit, or null. An exact
 * match wins; otherwise the unit is matched ignoring case ("GYM2", "MGYCM" as some devices write).
 */
export const findConversionFactor = (quantity: DoseQuantity, unit: string): number | null => {
  const canonical = canonicaliseUnit(unit);
  return (
    FACTORS[quantity][canonical] ??
    FACTORS_IGNORING_CASE[quantity].get(canonical.toLowerCase()) ??
    null
  );
};

const convert = (quantity: DoseQuantity, value: number, unit: string): number | null => {
  const factor = findConversionFactor(quantity, unit);
  return factor === null ? null : value * factor;
};

/** A dose-area product in Gy·cm² (from Gy.m2, Gym2, dGy.cm2, cGy.cm2, mGy.cm2, uGy.m2, ...). */
export const convertToGyCm2 = (value: number, unit: string): number | null =>
  convert('dose_area_product', value, unit);

/** A dose-length product in mGy·cm (from mGy.cm, mGycm, Gy.cm, mGy.mm, ...). */
export const convertToMgyCm = (value: number, unit: string): number | null =>
  convert('dose_length_product', value, unit);

/** An absorbed dose (CTDIvol, dose at the reference point, AGD) in mGy (from Gy, dGy, cGy, mGy, uGy). */
export const convertToMgy = (value: number, unit: string): number | null =>
  convert('dose', value, unit);

/** A duration in seconds (from s, ms, us, min, h). */
export const convertToSeconds = (value: number, unit: string): number | null =>
  convert('time', value, unit);

/** An effective dose in mSv (from Sv, mSv, uSv). */
export const convertToMsv = (value: number, unit: string): number | null =>
  convert('effective_dose', value, unit);
