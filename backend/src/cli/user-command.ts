import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { UsersService } from '../modules/auth/users.service.js';
import { CliError, withDatabase } from './cli-context.js';

/** Reads a password piped on stdin (`printf '%s' "$PW" | grounds user add ... --password-stdin`). */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError('--password-stdin reads the password from a pipe, e.g. printf "%s" "$PW" |');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new CliError('--password-stdin read an empty password.');
  return password;
}

const splitDepartments = (value: string | undefined): string[] | null =>
  value === undefined ? null : value.split(',').map((name) => name.trim());

/**
 * `user add | list | disable | password | token | revoke-token`: accounts and API tokens, audited with
 * the operating-system user as the actor.
 */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage accounts and API tokens');

  user
    .command('add')
    .description('Create an account')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', 'ADMIN, QUALITY_MANAGER, COMMITTEE or AUDITOR')
    .option('--departments <names>', 'comma-separated department names (default: site-wide)')
    .option('--password-stdin', 'read a local password from standard input')
    .action(
      async (options: {
        email: string;
        role: string;
        departments?: string;
        passwordStdin?: boolean;
      }) => {
        const password = options.passwordStdin ? await readPasswordFromStdin() : null;
        await withDatabase(async ({ get }) => {
          const created = await get(UsersService).create(
            {
              email: options.email,
              role: options.role,
              departments: splitDepartments(options.departments),
              password,
            },
            cliPrincipal(),
          );
          const scope = created.departments ? created.departments.join(', ') : 'site-wide';
          console.log(`Created ${created.email} (${created.role}, ${scope}).`);
          if (!password) {
            console.log(
              'No local password: the account signs in through OIDC, or add one with --password-stdin.',
            );
          }
        });
      },
    );

  user
    .command('list')
    .description('List accounts')
    .action(async () => {
      await withDatabase(async ({ get }) => {
        const users = await get(UsersService).list();
        if (users.length === 0) console.log('No accounts yet: add one with `user add`.');
        for (const row of users) {
          const scope = row.departments ? row.departments.join(',') : 'site-wide';
          const state = row.disabled
            ? 'disabled'
            : row.lockedUntil && row.lockedUntil.getTime() > Date.now()
              ? 'locked'
              : 'active';
          const lastSignIn = row.lastSignInAt ? row.lastSignInAt.toISOString() : 'never';
          console.log(`${row.email}\t${row.role}\t${scope}\t${state}\tlast sign-in ${lastSignIn}`);
        }
      });
    });

  user
    .command('disable')
    .description('Disable an account and end its sessions')
    .requiredOption('--email <email>', 'the account')
    .action(async (options: { email: string }) => {
      await withDatabase(async ({ get }) => {
        const disabled = await get(UsersService).disable(options.email, cliPrincipal());
        console.log(`Disabled ${disabled.email}; its sessions and tokens no longer work.`);
      });
    });

  user
    .command('password')
    .description('Set a new local password (read from standard input); ends sessions and lock-out')
    .requiredOption('--email <email>', 'the account')
    .requiredOption('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string }) => {
      const password = await readPasswordFromStdin();
      await withDatabase(async ({ get }) => {
        await get(UsersService).setPassword(options.email, password, cliPrincipal());
        console.log(`New password set for ${options.email.trim().toLowerCase()}; it is unlocked.`);
      });
    });

  user
    .command('token')
    .description('Create a bearer API token (printed once, alone on the last line)')
    .requiredOption('--email <email>', 'the account the token acts as')
    .option('--name <name>', 'a name to revoke it by (default: default, default-2, ...)')
    .action(async (options: { email: string; name?: string }) => {
      await withDatabase(async ({ get }) => {
        const created = await get(UsersService).createToken(
          options.email,
          options.name,
          cliPrincipal(),
        );
        console.log(
          `Token "${created.name}" for ${options.email.trim().toLowerCase()}; it is shown only now. Send it as "Authorization: Bearer <token>":`,
        );
        console.log(created.token);
      });
    });

  user
    .command('revoke-token')
    .description('Revoke an API token by name')
    .requiredOption('--email <email>', 'the account')
    .requiredOption('--name <name>', 'the token name')
    .action(async (options: { email: string; name: string }) => {
      await withDatabase(async ({ get }) => {
        await get(UsersService).revokeToken(options.email, options.name, cliPrincipal());
        console.log(`Revoked token "${options.name}" of ${options.email.trim().toLowerCase()}.`);
      });
    });
}
