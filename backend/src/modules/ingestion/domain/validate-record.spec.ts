import { checkTimestamp, validateRecord } from './validate-record.js';

const order = (overrides: Record<string, string | null> = {}) => ({
  order_id: 'O1',
  patient_id: 'P1',
  ordered_at: '2024-03-01T10:00:00Z',
  requested_modality: 'ct',
  ...overrides,
});

describe('validateRecord', () => {
  it('cleans enums, booleans and empty fields', () => {
    const result = validateRecord(
      'orders',
      order({ contrast_allergy: 'Yes', egfr: ' ', setting: 'ed' }),
    );
    expect(result).toEqual({
      ok: true,
      values: expect.objectContaining({
        requested_modality: 'CT',
        contrast_allergy: 'true',
        egfr: null,
        setting: 'ED',
        comment: null,
      }),
    });
  });

  it.each([
    [{ ordered_at: '2023-02-29T10:00:00Z' }, 'ordered_at', 'is not a calendar date'],
    [{ ordered_at: '01/03/2024' }, 'ordered_at', 'is not an ISO 8601 timestamp'],
    [{ requested_modality: 'XR' }, 'requested_modality', 'unknown modality "XR"'],
    [{ patient_id: '' }, 'patient_id', 'required field is empty'],
    [{ egfr: '-3' }, 'egfr', 'is negative'],
    [{ dose_alert_shown: 'maybe' }, 'dose_alert_shown', 'is not true or false'],
    [{ order_id: 'O1\nO2' }, 'order_id', 'cannot span lines'],
  ])('rejects %j naming field %s', (overrides, field, reason) => {
    const result = validateRecord('orders', order(overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe(field);
      expect(result.reason).toContain(reason);
    }
  });

  it('requires new_modality for a modality change but not for a cancel', () => {
    const change = {
      order_id: 'O1',
      changed_at: '2024-03-01T11:00:00Z',
      action: 'MODALITY_CHANGE',
    };
    expect(validateRecord('order_changes', change)).toMatchObject({
      ok: false,
      field: 'new_modality',
    });
    expect(validateRecord('order_changes', { ...change, action: 'cancel' })).toMatchObject({
      ok: true,
    });
  });
});

describe('checkTimestamp', () => {
  it.each([
    ['2024-02-29T23:30:00+02:00', '2024-02-29T23:30:00+02:00'],
    ['2024-02-29 23:30', '2024-02-29T23:30:00'],
    ['2024-02-29', '2024-02-29T00:00:00'],
    ['2024-02-29T23:30:00.123z', '2024-02-29T23:30:00.123Z'],
    ['2024-02-29T23:30:00-0500', '2024-02-29T23:30:00-0500'],
  ])('reads %s as %s', (input, expected) => {
    expect(checkTimestamp(input)).toEqual({ value: expected });
  });

  it('rejects an hour of 24 and an offset beyond 14 hours', () => {
    expect(checkTimestamp('2024-01-01T24:00:00Z')).toHaveProperty('reason');
    expect(checkTimestamp('2024-01-01T10:00:00+15:00')).toHaveProperty('reason');
  });
});
