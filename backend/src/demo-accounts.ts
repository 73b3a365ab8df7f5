import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Role } from './modules/auth/principal.js';
import { UsersService } from './modules/auth/users.service.js';

export interface DemoAccount {
  readonly email: string;
  readonly role: Role;
  readonly departments: readonly string[] | null;
}

/** One account per role on the embedded demo; the quality manager sees two departments. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.local', role: 'ADMIN', departments: null },
  { email: 'quality@demo.local', role: 'QUALITY_MANAGER', departments: ['Emergency', 'Surgery'] },
  { email: 'committee@demo.local', role: 'COMMITTEE', departments: null },
  { email: 'auditor@demo.local', role: 'AUDITOR', departments: null },
];

const SYSTEM = { name: 'demo set-up', kind: 'system' } as const;

/**
 * Creates the demo accounts (never in production, never with DATABASE_URL: main.ts decides)
 * with one generated password kept in `<dataDir>/demo-password.txt`, so it stays the same
 * from one start to the next. Returns the password to print.
 */
export async function ensureDemoAccounts(dataSource: DataSource, dataDir: string) {
  const file = path.join(dataDir, 'demo-password.txt');
  let password: string;
  let fresh = false;
  if (existsSync(file)) {
    password = (await readFile(file, 'utf8')).trim();
  } else {
    password = `demo-${randomBytes(9).toString('base64url')}`;
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    fresh = true;
  }
  const users = new UsersService(dataSource);
  for (const account of DEMO_ACCOUNTS) {
    const existing = await users.findByEmail(account.email);
    if (!existing) {
      await users.create({ ...account, password }, SYSTEM);
    } else if (fresh) {
      await users.setPassword(account.email, password, SYSTEM); // the file was removed
    }
  }
  return { password, accounts: DEMO_ACCOUNTS };
}
