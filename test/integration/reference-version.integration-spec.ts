import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REFERENCE_DATA_DIR } from '../../backend/src/config/paths.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { ReferenceSeedService } from '../../backend/src/modules/reference/reference-seed.service.js';
import { makeExam, makeOrder, makePatient, writeCsvFolder } from '../factories/csv-folder.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('a site edits the appropriateness table', () => {
  let database: TestDatabase;
  let groups: string;
  let ratings: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    groups = await readFile(path.join(REFERENCE_DATA_DIR, 'indication-groups.csv'), 'utf8');
    ratings = await readFile(path.join(REFERENCE_DATA_DIR, 'appropriateness.csv'), 'utf8');
    const folder = await writeCsvFolder({
      patients: [makePatient({ patient_id: 'P1' })],
      orders: [makeOrder({ order_id: 'O1', patient_id: 'P1', ordered_at: '2024-06-10T10:00:00Z' })],
      order_changes: [
        {
          order_id: 'O1',
          changed_at: '2024-06-10T12:00:00Z',
          action: 'MODALITY_CHANGE',
          new_modality: 'US',
          reason: 'has had too many CTs',
        },
      ],
      exams: [
        makeExam({
          accession: 'X1',
          order_id: 'O1',
          performed_at: '2024-06-10T14:00:00Z',
          modality: 'US',
        }),
      ],
    });
    await new PipelineService(database.dataSource).importCsvFolder(folder);
  });
  afterAll(async () => {
    await database.drop();
  });

  const assessment = async () => {
    const [row] = await database.dataSource.query(
      `SELECT a.outcome, a.outcome_rating, a.level, a.reference_version FROM order_assessments a`,
    );
    return row;
  };

  it('reassesses every order under the new version once analyse runs', async () => {
    // shipped table: US is rated 3 for suspected PE, so the switch is a downgrade: DOCUMENTED
    expect(await assessment()).toMatchObject({
      outcome: 'DOWNGRADED',
      outcome_rating: 3,
      level: 'DOCUMENTED',
      reference_version: 1,
    });
    const edited = ratings.replace(
      'PULMONARY_EMBOLISM,I26,ADULT,US,3,',
      'PULMONARY_EMBOLISM,I26,ADULT,US,7,',
    );
    expect(edited).not.toBe(ratings);
    const service = new ReferenceSeedService(database.dataSource);
    expect(await service.importVersion(groups, edited, 'US acceptable for PE here')).toEqual({
      referenceVersion: 2,
      created: true,
    });
    expect(await service.importVersion(groups, edited, 'again')).toEqual({
      referenceVersion: 2,
      created: false,
    });
    await new PipelineService(database.dataSource).analyse();
    // rated 7 now: a concordant substitute with dose wording, the grey zone
    expect(await assessment()).toMatchObject({
      outcome: 'SUBSTITUTED',
      outcome_rating: 7,
      level: 'POSSIBLE',
      reference_version: 2,
    });
  });

  it('refuses a table with an unusable row, naming file, line and field', async () => {
    const broken = ratings.replace(
      'PULMONARY_EMBOLISM,I26,ADULT,NM,7,',
      'PULMONARY_EMBOLISM,I26,ADULT,NM,12,',
    );
    await expect(
      new ReferenceSeedService(database.dataSource).importVersion(groups, broken, 'broken'),
    ).rejects.toThrow('appropriateness.csv: line 3: rating: a whole number from 1 to 9.');
  });
});
