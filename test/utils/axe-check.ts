import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/**
 * axe-core run inside the page (on Node 20 @axe-core/playwright is not available): the serious
 * and critical violations, one line each, e.g. "color-contrast: Elements must meet minimum
 * color contrast ratio thresholds (2): .figure-change, .badge".
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // evaluated through the debugging protocol: the page's CSP (script-src 'self') refuses an
  // injected <script>, and the check must run under the CSP the server really sends
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.length}): ${violation.nodes
          .slice(0, 4)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}
