import type { Command } from 'commander';
import { cliPrincipal } from '../modules/auth/audit/audit.service.js';
import { PipelineService } from '../modules/pipeline/pipeline.service.js';
import { withDatabase } from './cli-context.js';
import { printRunRejections, printSummaryLine } from './print-import-summary.js';

/** `grounds import fhir <file|dir> [--source NAME]`: FHIR R4 Bundles, resources and NDJSON. */
export function registerImportFhirCommand(importCommand: Command): void {
  importCommand
    .command('fhir <path>')
    .description('Import FHIR R4: a Bundle or resource .json, an .ndjson file, or a folder of them')
    .option('--source <name>', 'source name that keys orders and exams', 'fhir')
    .action(async (inputPath: string, options: { source: string }) => {
      await withDatabase(async (context) => {
        const summary = await context.get(PipelineService).importFhir(inputPath, {
          source: options.source,
          startedBy: cliPrincipal().email,
        });
        for (const note of summary.notes) process.stderr.write(`note: ${note}\n`);
        printSummaryLine(summary);
        await printRunRejections(context, summary);
      });
    });
}
