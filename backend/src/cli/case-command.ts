import type { Command } from 'commander';
import { AuditService, cliPrincipal } from '../modules/auth/audit/audit.service.js';
import {
  CaseEvidenceService,
  formatCaseEvidence,
} from '../modules/steering/case-evidence.service.js';
import { CliError, withDatabase } from './cli-context.js';

/** `case <order_id> [--source NAME]`: an order's assessment and evidence, read back. */
export function registerCaseCommand(program: Command): void {
  program
    .command('case <orderId>')
    .description("Show an order's assessment: outcome, level, score, exclusion and every signal")
    .option('--source <name>', 'the source the order was imported under (default: any)')
    .action(async (orderId: string, options: { source?: string }) => {
      await withDatabase(async ({ database }) => {
        const cases = await new CaseEvidenceService(database.dataSource).read(
          orderId,
          options.source ?? null,
        );
        if (cases.length === 0) throw new CliError(`No assessed order ${orderId}.`);
        await new AuditService(database.dataSource).record({
          principal: cliPrincipal(),
          action: 'case.viewed',
          objectType: 'order',
          objectId: orderId,
          details: { source: options.source ?? null, via: 'cli' },
        });
        console.log(cases.map(formatCaseEvidence).join('\n\n'));
      });
    });
}
