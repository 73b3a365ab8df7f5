import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { ReferenceSeedService } from '../modules/reference/reference-seed.service.js';
import { CliError, withDatabase } from './cli-context.js';

const GROUPS_FILE = 'indication-groups.csv';
const RATINGS_FILE = 'appropriateness.csv';

const readInput = async (folder: string, name: string): Promise<string> => {
  try {
    return await readFile(path.join(folder, name), 'utf8');
  } catch {
    throw new CliError(`${path.join(folder, name)}: cannot be read.`);
  }
};

/**
 * `reference export --out DIR` writes the current appropriateness table and indication groups
 * in the shipped CSV format; `reference import DIR` stores an edited pair as a new reference
 * version (run `analyse` afterwards to reassess every order under it).
 */
export function registerReferenceCommand(program: Command): void {
  const reference = program
    .command('reference')
    .description('Export or import the appropriateness table and indication groups');
  reference
    .command('export')
    .description(`Write ${RATINGS_FILE} and ${GROUPS_FILE} of the current reference version`)
    .requiredOption('--out <dir>', 'folder to write')
    .action(async (options: { out: string }) => {
      await withDatabase(async ({ get }) => {
        const {
          referenceVersion: version,
          groups,
          ratings,
        } = await get(ReferenceSeedService).currentVersionTables();
        await mkdir(options.out, { recursive: true });
        await writeFile(path.join(options.out, GROUPS_FILE), stringify(groups, { header: true }));
        await writeFile(path.join(options.out, RATINGS_FILE), stringify(ratings, { header: true }));
        console.log(
          `Reference version ${version}: ${ratings.length} ratings in ${groups.length} indication groups written to ${options.out}.`,
        );
      });
    });
  reference
    .command('import <dir>')
    .description(`Store ${RATINGS_FILE} and ${GROUPS_FILE} from DIR as a new reference version`)
    .option('--note <text>', 'what changed and why', 'edited by the site')
    .action(async (dir: string, options: { note: string }) => {
      const groups = await readInput(dir, GROUPS_FILE);
      const ratings = await readInput(dir, RATINGS_FILE);
      await withDatabase(async ({ get }) => {
        const result = await get(ReferenceSeedService).importVersion(groups, ratings, options.note);
        console.log(
          result.created
            ? `Reference version ${result.referenceVersion} stored. Run \`npm run grounds -- analyse\` to reassess the orders under it.`
            : `This content is already reference version ${result.referenceVersion}; nothing changed.`,
        );
      });
    });
}
