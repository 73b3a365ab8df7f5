import { hashSecretToken } from '../../backend/src/modules/auth/secret-token.js';
import { runCli, startCli } from '../utils/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

describe('grounds user ...', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  const fails = async (args: string[], input?: string) => {
    const result = await startCli(args, database.url, 120_000, input).done;
    expect(result.code).toBe(1);
    return result.stderr.trim();
  };

  it('adds accounts with an argon2id password from stdin and department scopes', async () => {
    const admin = await runCli(
      ['user', 'add', '--email', 'Admin@Example.org', '--role', 'admin', '--password-stdin'],
      database.url,
      'a long enough passphrase\n',
    );
    expect(admin.stdout.trim()).toBe('Created admin@example.org (ADMIN, site-wide).');
    const manager = await runCli(
      [
        'user',
        'add',
        '--email',
        'qm@example.org',
        '--role',
        'QUALITY_MANAGER',
        '--departments',
        'Emergency, Surgery',
      ],
      database.url,
    );
    expect(manager.stdout).toContain(
      'Created qm@example.org (QUALITY_MANAGER, Emergency, Surgery).',
    );
    const rows = await database.dataSource.query(
      `SELECT email, role, departments, password_hash FROM users ORDER BY email`,
    );
    expect(rows).toEqual([
      {
        email: 'admin@example.org',
        role: 'ADMIN',
        departments: null,
        password_hash: expect.stringMatching(/^\$argon2id\$v=19\$/),
      },
      {
        email: 'qm@example.org',
        role: 'QUALITY_MANAGER',
        departments: ['Emergency', 'Surgery'],
        password_hash: null,
      },
    ]);
  });

  it('refuses a duplicate, an unknown role and a weak password in one line', async () => {
    expect(await fails(['user', 'add', '--email', 'ADMIN@example.org', '--role', 'ADMIN'])).toBe(
      'grounds: A user with the email admin@example.org already exists.',
    );
    expect(await fails(['user', 'add', '--email', 'x@example.org', '--role', 'BOSS'])).toBe(
      'grounds: Role must be one of ADMIN, QUALITY_MANAGER, COMMITTEE, AUDITOR, not "BOSS".',
    );
    expect(
      await fails(
        ['user', 'add', '--email', 'y@example.org', '--role', 'AUDITOR', '--password-stdin'],
        'short\n',
      ),
    ).toBe('grounds: The password must be at least 12 characters long.');
  });

  it('lists accounts with role, scope and state', async () => {
    const { stdout } = await runCli(['user', 'list'], database.url);
    expect(stdout.trim().split('\n')).toEqual([
      'admin@example.org\tADMIN\tsite-wide\tactive\tlast sign-in never',
      'qm@example.org\tQUALITY_MANAGER\tEmergency,Surgery\tactive\tlast sign-in never',
    ]);
  });

  it('prints a new token alone on the last line, stores only its hash, and revokes by name', async () => {
    const first = await runCli(['user', 'token', '--email', 'qm@example.org'], database.url);
    const token = first.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^cg_[\w-]{43}$/);
    const second = await runCli(
      ['user', 'token', '--email', 'qm@example.org', '--name', 'ci-export'],
      database.url,
    );
    const secondToken = second.stdout.trim().split('\n').at(-1)!;
    const third = await runCli(['user', 'token', '--email', 'qm@example.org'], database.url);
    expect(third.stdout).toContain('Token "default-2"');

    const stored = await database.dataSource.query(
      `SELECT name, token_hash FROM api_tokens ORDER BY created_at`,
    );
    expect(stored.map((row: { name: string }) => row.name)).toEqual([
      'default',
      'ci-export',
      'default-2',
    ]);
    expect(stored[0].token_hash).toBe(hashSecretToken(token));
    expect(stored[1].token_hash).toBe(hashSecretToken(secondToken));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await fails(['user', 'token', '--email', 'qm@example.org', '--name', 'ci-export'])).toBe(
      'grounds: qm@example.org already has a token named "ci-export"; revoke it or choose another name.',
    );
    await runCli(
      ['user', 'revoke-token', '--email', 'qm@example.org', '--name', 'ci-export'],
      database.url,
    );
    const [revoked] = await database.dataSource.query(
      `SELECT revoked_at FROM api_tokens WHERE name = 'ci-export'`,
    );
    expect(revoked.revoked_at).toBeInstanceOf(Date);
    expect(
      await fails(['user', 'revoke-token', '--email', 'qm@example.org', '--name', 'ci-export']),
    ).toBe('grounds: qm@example.org has no active token named "ci-export".');
    // the name is free again once revoked
    await runCli(
      ['user', 'token', '--email', 'qm@example.org', '--name', 'ci-export'],
      database.url,
    );
  });

  it('sets a new password from stdin and unlocks the account', async () => {
    await database.dataSource.query(
      `UPDATE users SET locked_until = now() + interval '1 hour' WHERE email = 'qm@example.org'`,
    );
    const { stdout } = await runCli(
      ['user', 'password', '--email', 'qm@example.org', '--password-stdin'],
      database.url,
      'another long passphrase\n',
    );
    expect(stdout.trim()).toBe('New password set for qm@example.org; it is unlocked.');
    const [user] = await database.dataSource.query(
      `SELECT password_hash, locked_until FROM users WHERE email = 'qm@example.org'`,
    );
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.locked_until).toBeNull();
  });

  it('disables an account and audits every change with the operating-system user', async () => {
    await runCli(['user', 'disable', '--email', 'qm@example.org'], database.url);
    const [user] = await database.dataSource.query(
      `SELECT disabled FROM users WHERE email = 'qm@example.org'`,
    );
    expect(user.disabled).toBe(true);
    expect(await fails(['user', 'disable', '--email', 'nobody@example.org'])).toBe(
      'grounds: There is no user with the email nobody@example.org.',
    );
    const events = await database.dataSource.query(
      `SELECT action, count(*)::int AS count, min(actor_kind) AS kind, bool_and(actor LIKE '%@%') AS named
       FROM audit_events GROUP BY action ORDER BY action`,
    );
    expect(events).toEqual([
      { action: 'api_token.created', count: 4, kind: 'cli', named: true },
      { action: 'api_token.revoked', count: 1, kind: 'cli', named: true },
      { action: 'user.created', count: 2, kind: 'cli', named: true },
      { action: 'user.disabled', count: 1, kind: 'cli', named: true },
      { action: 'user.password_set', count: 1, kind: 'cli', named: true },
    ]);
  });
});
