import { IMPORT_COLUMNS, MODALITIES } from './import-format.js';

describe('import format', () => {
  it('requires the columns DESIGN.md marks in bold', () => {
    const required = IMPORT_COLUMNS.orders.filter((c) => c.required).map((c) => c.name);
    expect(required).toEqual(['order_id', 'patient_id', 'ordered_at', 'requested_modality']);
    expect(MODALITIES).toContain('US');
  });
});
