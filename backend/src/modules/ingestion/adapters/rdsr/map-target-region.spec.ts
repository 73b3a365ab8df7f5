import { mapTargetRegion } from './map-target-region.js';

const region = (codeValue: string, codingSchemeDesignator: string, codeMeaning: string | null) =>
  mapTargetRegion({ codeValue, codingSchemeDesignator, codeMeaning });

describe('mapTargetRegion', () => {
  it('maps SNOMED-RT and SNOMED CT codes', () => {
    expect(region('T-D3000', 'SRT', 'Chest')).toBe('CHEST');
    expect(region('51185008', 'SCT', 'Chest')).toBe('CHEST');
    expect(region('R-FAB56', 'SRT', 'Chest, Abdomen and Pelvis')).toBe('CHEST_ABDOMEN_PELVIS');
    expect(region('T-D0010', 'SRT', 'Entire body')).toBe('WHOLE_BODY');
    expect(region('T-D8800', 'SRT', 'Finger')).toBe('EXTREMITY');
    expect(region('T-D1100', 'SRT', 'Head')).toBe('HEAD');
  });

  it('falls back to the code meaning for codes it does not list', () => {
    expect(region('LOCAL1', '99LOCAL', 'Abdomen and Pelvis')).toBe('ABDOMEN_PELVIS');
    expect(region('LOCAL2', '99LOCAL', 'Neck')).toBe('NECK');
    expect(region('LOCAL3', '99LOCAL', 'Lumbar spine')).toBe('SPINE');
    expect(region('LOCAL4', '99LOCAL', 'Charm')).toBeNull();
    expect(region('LOCAL5', '99LOCAL', null)).toBeNull();
    expect(mapTargetRegion(null)).toBeNull();
  });
});
