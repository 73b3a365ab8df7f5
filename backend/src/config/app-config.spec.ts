import { ConfigError, loadConfig } from './app-config.js';

describe('DATABASE_REPLICA_URLS', () => {
  const primary = 'postgres://grounds:secret@primary:5432/clinical_grounds';

  it('is empty by default', () => {
    expect(loadConfig({ DATABASE_URL: primary }).databaseReplicaUrls).toEqual([]);
  });

  it('reads comma-separated replica URLs, ignoring blanks and spaces', () => {
    const config = loadConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' postgres://r1:5432/cg , ,postgresql://r2:5432/cg',
    });
    expect(config.databaseReplicaUrls).toEqual([
      'postgres://r1:5432/cg',
      'postgresql://r2:5432/cg',
    ]);
  });

  it('rejects an entry that is not a postgres URL, naming the entry and not its value', () => {
    const load = () =>
      loadConfig({
        DATABASE_URL: primary,
        DATABASE_REPLICA_URLS: 'postgres://r1/cg,mysql://user:hunter2@r2/cg',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('DATABASE_REPLICA_URLS (entry 2) must be a postgres:// URL.');
  });

  it('needs DATABASE_URL: replicas follow a primary, not the embedded server', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/cg' })).toThrow(
      /DATABASE_REPLICA_URLS needs DATABASE_URL/,
    );
  });
});
