import { AdminError } from './admin-error.js';
import { planFileUpload, planZipUpload, type ZipEntryInfo } from './plan-upload.js';

const file = (name: string, size = 100): ZipEntryInfo => ({ name, isDirectory: false, size });
const folder = (name: string): ZipEntryInfo => ({ name, isDirectory: true, size: 0 });

describe('planZipUpload', () => {
  it('imports the folder that holds orders.csv, with the files beside it', () => {
    const plan = planZipUpload('hospital.zip', [
      folder('export/'),
      file('export/orders.csv'),
      file('export/patients.csv'),
      file('export/exams.csv'),
      file('export/old/orders-2019.csv'),
      file('__MACOSX/export/._orders.csv'),
      file('README.txt'),
    ]);
    expect(plan).toEqual({
      kind: 'csv',
      extract: ['export/orders.csv', 'export/patients.csv', 'export/exams.csv'],
      target: 'export',
      flatten: false,
    });
  });

  it('takes FHIR files, then dose reports, when there is no orders.csv', () => {
    expect(planZipUpload('f.zip', [file('a/b.ndjson'), file('c.json'), file('x.dcm')])).toEqual({
      kind: 'fhir',
      extract: ['a/b.ndjson', 'c.json'],
      target: '',
      flatten: true,
    });
    expect(planZipUpload('d.zip', [file('1.dcm'), file('2.DCM'), file('notes.txt')])).toEqual({
      kind: 'rdsr',
      extract: ['1.dcm', '2.DCM'],
      target: '',
      flatten: false,
    });
    expect(() =>
      planZipUpload('f.zip', [file('a/Patient.ndjson'), file('b/patient.ndjson')]),
    ).toThrow(
      'f.zip: two FHIR files are named patient.ndjson in different folders; give them distinct names.',
    );
  });

  it('refuses entries that would land outside the folder', () => {
    expect(() => planZipUpload('evil.zip', [file('../../etc/passwd.csv')])).toThrow(
      'evil.zip: the entry "../../etc/passwd.csv" points outside the zip\'s folder; nothing was imported.',
    );
    expect(() => planZipUpload('evil.zip', [file('/abs/orders.csv')])).toThrow(AdminError);
  });

  it('refuses a zip larger unpacked than the limit, or with too many files', () => {
    const limits = { maxEntries: 2, maxUncompressedBytes: 3 * 1024 ** 2 };
    expect(() =>
      planZipUpload(
        'big.zip',
        [file('orders.csv', 2 * 1024 ** 2), file('exams.csv', 2 * 1024 ** 2)],
        limits,
      ),
    ).toThrow(
      'big.zip: unzipped it would take 4 MB, more than the 3 MB allowed; import it from the command line.',
    );
    expect(() =>
      planZipUpload('many.zip', [file('1.dcm'), file('2.dcm'), file('3.dcm')], limits),
    ).toThrow('many.zip: 3 files is more than the 2 an upload may hold; split it.');
  });

  it('says what a zip must hold when it holds nothing importable', () => {
    expect(() => planZipUpload('x.zip', [file('notes.txt')])).toThrow(
      'x.zip: the zip holds no orders.csv, no FHIR .json or .ndjson and no DICOM .dcm file; nothing was imported.',
    );
    expect(() => planZipUpload('two.zip', [file('a/orders.csv'), file('b/orders.csv')])).toThrow(
      'two.zip: holds 2 orders.csv files (a/orders.csv, b/orders.csv); upload one folder at a time.',
    );
  });
});

describe('planFileUpload', () => {
  it('reads the kind from the extension', () => {
    expect(planFileUpload('bundle.JSON').kind).toBe('fhir');
    expect(planFileUpload('export.ndjson').kind).toBe('fhir');
    expect(planFileUpload('ct.dcm').kind).toBe('rdsr');
    expect(() => planFileUpload('orders.csv')).toThrow(
      'orders.csv: a CSV import is a folder (orders.csv and the files beside it); upload it as a .zip.',
    );
    expect(() => planFileUpload('photo.png')).toThrow(AdminError);
  });
});
