import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFhirResources, type FhirReadItem } from './read-fhir.js';

const collect = async (path: string): Promise<FhirReadItem[]> => {
  const items: FhirReadItem[] = [];
  for await (const item of readFhirResources(path)) items.push(item);
  return items;
};

describe('readFhirResources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-fhir-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams NDJSON line by line, numbering lines from 1, and goes on after a broken line', async () => {
    const path = join(dir, 'Patient.ndjson');
    await writeFile(
      path,
      '{"resourceType":"Patient","id":"a"}\r\n{"resourceType":"Patient","id":\n\n{"resourceType":"Patient","id":"c"}\n',
    );
    const items = await collect(path);
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      file: 'Patient.ndjson',
      record: 1,
      resource: { resourceType: 'Patient', id: 'a' },
    });
    expect(items[1]).toMatchObject({ file: 'Patient.ndjson', record: 2 });
    expect((items[1] as { error: string }).error).toMatch(/^broken JSON line/);
    expect(items[2]).toEqual({
      file: 'Patient.ndjson',
      record: 4,
      resource: { resourceType: 'Patient', id: 'c' },
    });
  });

  it('yields Bundle entries numbered from 1 with their fullUrl, and reports an entry without resource', async () => {
    const path = join(dir, 'bundle.json');
    await writeFile(
      path,
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient' } },
          { request: { method: 'DELETE' } },
          { resource: { resourceType: 'Encounter', id: 'e' } },
        ],
      }),
    );
    const items = await collect(path);
    expect(items).toEqual([
      {
        file: 'bundle.json',
        record: 1,
        resource: { resourceType: 'Patient' },
        fullUrl: 'urn:uuid:p1',
      },
      { file: 'bundle.json', record: 2, error: 'Bundle.entry[1] has no resource' },
      { file: 'bundle.json', record: 3, resource: { resourceType: 'Encounter', id: 'e' } },
    ]);
  });

  it('reads a directory in file-name order, skipping other files, and reports a broken JSON file', async () => {
    await writeFile(join(dir, 'b.json'), '{"resourceType":"Patient","id":"b"}');
    await writeFile(join(dir, 'a.ndjson'), '{"resourceType":"Patient","id":"a"}\n');
    await writeFile(join(dir, 'c.json'), '{ not json');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const items = await collect(dir);
    expect(items.map((item) => [item.file, item.record, 'error' in item])).toEqual([
      ['a.ndjson', 1, false],
      ['b.json', 1, false],
      ['c.json', 1, true],
    ]);
  });

  it('reports a path that does not exist instead of throwing', async () => {
    const items = await collect(join(dir, 'missing.ndjson'));
    expect(items).toHaveLength(1);
    expect((items[0] as { error: string }).error).toMatch(/^cannot read/);
  });
});
