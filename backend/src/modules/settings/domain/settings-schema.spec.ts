import { defaultSettings, parseSetting } from './settings-schema.js';

describe('parseSetting', () => {
  it.each([
    ['band.high_ced_5y_msv', '50', 50],
    ['band.moderate_ced_5y_msv', '0.5', 0.5],
    ['level.probable_min_clinician_lower95', '1.25', 1.25],
    ['band.high_ct_12m', '3', 3],
    ['dose.method', 'aapm_report_96', 'AAPM_REPORT_96'],
    ['level.at_entry_probable', 'off', false],
    ['level.at_entry_probable', ' Yes ', true],
  ])('reads %s = %j as %j', (key, raw, expected) => {
    expect(parseSetting(key, raw)).toEqual(expected);
  });

  it.each([
    ['band.high_ced_5y_msv', '0'],
    ['band.moderate_ced_5y_msv', '-1'],
    ['level.probable_min_clinician_lower95', '0'],
    ['band.high_ced_5y_msv', ''],
    ['band.high_ced_5y_msv', '  '],
    ['band.high_ced_5y_msv', 'Infinity'],
    ['band.high_ced_5y_msv', 'ten'],
  ])('refuses %s = %j: a threshold must be above zero', (key, raw) => {
    expect(() => parseSetting(key, raw)).toThrow(
      `Setting ${key}: expected a number > 0, not "${raw}".`,
    );
  });

  it.each([
    ['band.high_ct_12m', '0'],
    ['cascade.days', '1.5'],
  ])('refuses %s = %j: a whole number >= 1', (key, raw) => {
    expect(() => parseSetting(key, raw)).toThrow(
      `Setting ${key}: expected a whole number >= 1, not "${raw}".`,
    );
  });

  it('refuses a level switch that is neither true nor false', () => {
    expect(() => parseSetting('level.at_entry_probable', 'maybe')).toThrow(
      'Setting level.at_entry_probable: expected true or false, not "maybe".',
    );
  });

  it('makes at-entry HIGH-band downgrades PROBABLE under the gate by default', () => {
    expect(defaultSettings()['level.at_entry_probable']).toBe(true);
  });

  it('names the known settings when the key is unknown', () => {
    expect(() => parseSetting('band.low', '1')).toThrow(
      /^Unknown setting "band.low"\. Known settings: /,
    );
  });

  it('accepts every default value', () => {
    for (const [key, value] of Object.entries(defaultSettings())) {
      const raw = Array.isArray(value) ? value.join(',') : String(value);
      expect({ key, value: parseSetting(key, raw) }).toEqual({ key, value });
    }
  });
});
