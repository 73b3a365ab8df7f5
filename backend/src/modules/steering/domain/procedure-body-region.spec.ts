import { INDICATIONS } from '../../synthetic/hospital-model.data.js';
import {
  bodyRegionPartsSql,
  bodyRegionsOverlap,
  inferProcedureBodyRegion,
  procedureBodyRegionSql,
} from './procedure-body-region.data.js';

describe('inferProcedureBodyRegion', () => {
  it('reads the region of common requested procedures', () => {
    const cases: [string | null, string | null][] = [
      ['CT head without contrast', 'HEAD'],
      ['CT pulmonary angiography', 'CHEST'],
      ['CT chest-abdomen-pelvis with contrast', 'CHEST_ABDOMEN_PELVIS'],
      ['CT abdomen-pelvis with contrast', 'ABDOMEN_PELVIS'],
      ['CT KUB without contrast (stone protocol)', 'ABDOMEN_PELVIS'],
      ['CT abdomen with contrast', 'ABDOMEN'],
      ['CT cervical spine without contrast', 'SPINE'],
      ['MRI thoracic spine', 'SPINE'],
      ['Coronary angiography', 'CARDIAC'],
      ['Screening mammography', 'BREAST'],
      ['Knee radiographs', 'EXTREMITY'],
      ['PET/CT whole body (FDG)', 'WHOLE_BODY'],
      ['US right lower quadrant', 'ABDOMEN'],
      ['Something unusual', null],
      [null, null],
    ];
    for (const [procedure, region] of cases) {
      expect([procedure, inferProcedureBodyRegion(procedure)]).toEqual([procedure, region]);
    }
  });

  it('agrees with the region of every ionizing procedure of the synthetic hospital', () => {
    const ionizing = INDICATIONS.flatMap((indication) => indication.procedures).filter(
      (procedure) => !['US', 'MR'].includes(procedure.modality),
    );
    expect(ionizing.length).toBeGreaterThan(10);
    for (const procedure of ionizing) {
      const inferred = inferProcedureBodyRegion(procedure.procedure);
      expect([procedure.procedure, inferred !== null]).toEqual([procedure.procedure, true]);
      expect([
        procedure.procedure,
        bodyRegionsOverlap(inferred as string, procedure.bodyRegion),
      ]).toEqual([procedure.procedure, true]);
    }
  });
});

describe('bodyRegionsOverlap', () => {
  it('matches a region with itself and with regions that contain it, not with others', () => {
    expect(bodyRegionsOverlap('CHEST', 'CHEST')).toBe(true);
    expect(bodyRegionsOverlap('ABDOMEN_PELVIS', 'ABDOMEN')).toBe(true);
    expect(bodyRegionsOverlap('PELVIS', 'CHEST_ABDOMEN_PELVIS')).toBe(true);
    expect(bodyRegionsOverlap('WHOLE_BODY', 'HEAD')).toBe(true);
    expect(bodyRegionsOverlap('HEAD', 'CHEST')).toBe(false);
    expect(bodyRegionsOverlap('ABDOMEN_PELVIS', 'CHEST')).toBe(false);
  });
});

describe('the SQL forms', () => {
  it('quote the patterns and list the regions', () => {
    const sql = procedureBodyRegionSql('o.requested_procedure');
    expect(sql).toContain("WHEN o.requested_procedure ~* 'spine|spinal");
    expect(sql.indexOf("'SPINE'")).toBeLessThan(sql.indexOf("'CHEST'"));
    expect(bodyRegionPartsSql('e.body_region')).toContain(
      "WHEN 'ABDOMEN_PELVIS' THEN ARRAY['ABDOMEN', 'PELVIS']",
    );
  });
});
