import { formatIndicationGroup } from './format-indication-group.js';

describe('formatIndicationGroup', () => {
  it('writes group keys as words, keeping acronyms', () => {
    expect(formatIndicationGroup('PULMONARY_EMBOLISM')).toBe('Pulmonary embolism');
    expect(formatIndicationGroup('RUQ_PAIN')).toBe('RUQ pain');
    expect(formatIndicationGroup('DVT')).toBe('DVT');
    expect(formatIndicationGroup('C_SPINE_TRAUMA')).toBe('C-spine trauma');
    expect(formatIndicationGroup('Already a label')).toBe('Already a label');
  });
});
