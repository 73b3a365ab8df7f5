import type { Command } from 'commander';
import {
  CaseEvidenceService,
  formatCaseEvidence,
} from '../modules/steering/case-evidence.service.js';
import { encodeCaseId } from '../modules/cases/domain/case-id.js';
import { CliError, withDatabase } from './cli-context.js';

/** `case <order_id> [--source NAME]`: an order's assessment and evidence, read back. */
export function registerCaseCommand(program: Command): void {
  program
    .command('case <orderId>')
    .description("Show an order's assessment: outcome, level, score, exclusion and every signal")
    .option('--source <name>', 'the source the order was imported under (default: any)')
    .action(async (orderId: string, options: { source?: string }) => {
      await withDatabase(async ({ get, audit }) => {
        const cases = await get(CaseEvidenceService).read(orderId, options.source ?? null);
        if (cases.length === 0) throw new CliError(`No assessed order ${orderId}.`);
        for (const evidence of cases) {
          await audit({
            action: 'case.viewed',
            objectType: 'case',
            objectId: encodeCaseId(evidence.orderPk),
            details: { via: 'cli' },
          });
        }
        console.log(cases.map(formatCaseEvidence).join('\n\n'));
      });
    });
}
