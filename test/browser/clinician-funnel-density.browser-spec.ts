import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../utils/axe-check.js';
import {
  SCREENSHOTS,
  startDashboardHarness,
  type DashboardHarness,
} from '../utils/dashboard-harness.js';

/**
 * The clinician funnel of everyone in headless Chromium: a generated hospital with more
 * clinicians than a page (150, 50 a page), so the plot draws the density of every clinician
 * under the page's points, and every clinician outside a limit as a point. Needs
 * `npm run build` and Debian's chromium; saves screenshots for a person to read.
 */
const HOSPITAL = { patients: 12000, months: 12, seed: 11, clinicians: 150 };

const NO_LOADING = `document.querySelector('.state-loading') === null`;

/** Opens the clinician funnel and waits for the density and the points. */
async function openClinicianFunnel(page: Page, baseUrl: string, search = ''): Promise<void> {
  await page.goto(`${baseUrl}/?noanimation#/variation?by=CLINICIAN${search}`);
  await page.waitForSelector('.funnel-density-cell', { timeout: 90000 });
  await page.waitForSelector('.funnel-point', { timeout: 90000 });
  await page.waitForFunction(NO_LOADING, null, { timeout: 90000 });
}

/** The plot's figures: units per shaded cell, points by tone, and the caption's number of all. */
async function plotted(page: Page) {
  const counts = await page
    .locator('.funnel-density-cell')
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-count'))));
  const above = await page.locator('.funnel-point-above').count();
  const below = await page.locator('.funnel-point-below').count();
  const within = await page.locator('.funnel-point-within').count();
  const note = await page.locator('.page-note').innerText();
  const everyone = Number(/shows all ([\d,]+) clinicians/.exec(note)?.[1].replaceAll(',', ''));
  return { counts, above, below, within, note, everyone };
}

describe('the clinician funnel draws every clinician', () => {
  let harness: DashboardHarness;

  beforeAll(async () => {
    harness = await startDashboardHarness(HOSPITAL);
  }, 3600000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shades the clinicians within the limits and draws those outside as points', async () => {
    const signedIn = await harness.signedIn('ADMIN');
    const page = await signedIn.newPage();
    await openClinicianFunnel(page, harness.baseUrl);
    const { counts, above, below, within, note, everyone } = await plotted(page);
    const [{ compared }] = await harness.database.dataSource.query(
      `SELECT count(*)::int AS compared FROM (
         SELECT provider_id FROM clinician_totals GROUP BY provider_id
         HAVING sum(opportunities) > 0) clinicians`,
    );
    expect(compared).toBeGreaterThan(50);
    expect(everyone).toBe(compared);
    // every clinician once: in a shaded cell, or as a point outside a limit
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.every((count) => count >= 1)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count, 0) + above + below).toBe(compared);
    expect(above + below).toBeGreaterThan(0);
    // the page's rows within the limits are drawn as well (the table's 50)
    expect(await page.locator('.variation-table tbody tr').count()).toBe(50);
    expect(within).toBeGreaterThan(0);
    expect(note).toMatch(/as shaded cells/);
    // the legend and the chart's description say what a shaded cell means
    expect(await page.locator('.chart-legend-density').innerText()).toMatch(
      /^Shaded cell: clinicians within the limits at that volume and rate, lightest 1, darkest \d+/,
    );
    const description = await page.locator('.funnel-plot svg desc').first().textContent();
    expect(description).toContain(`Funnel plot of all ${compared} clinicians`);
    expect(description).toMatch(/Shaded cells count the [\d,]+ clinicians within the 95% limits/);
    // a table of 150 rows is still offered whole
    expect(
      await page.getByRole('button', { name: `Show all ${compared} clinicians` }).count(),
    ).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'clinician-funnel-density.png'),
      fullPage: true,
    });
    await page
      .locator('.funnel-plot')
      .screenshot({ path: path.join(SCREENSHOTS, 'clinician-funnel-density-plot.png') });
    await signedIn.context.close();
  });

  it('opens the cases of a clinician outside the limits who is not on the page', async () => {
    const signedIn = await harness.signedIn('QUALITY_MANAGER');
    const page = await signedIn.newPage();
    // away-switches: clinicians below the funnel come last by evidence, off the first page
    await openClinicianFunnel(page, harness.baseUrl, '&measure=AWAY_SWITCH_RATE');
    const { counts, above, below, everyone } = await plotted(page);
    expect(counts.reduce((sum, count) => sum + count, 0) + above + below).toBe(everyone);
    await page
      .locator('.funnel-plot')
      .screenshot({ path: path.join(SCREENSHOTS, 'clinician-funnel-density-away.png') });
    const onPage = new Set(
      (await page
        .locator('.variation-table tbody th a')
        .evaluateAll((links) =>
          links.map((link) =>
            new URLSearchParams(link.getAttribute('href')?.split('?')[1]).get('clinician'),
          ),
        )) as string[],
    );
    const outside = page.locator('.funnel-point-above, .funnel-point-below');
    const ids = await outside.evaluateAll((points) =>
      points.map((point) => point.getAttribute('data-id')),
    );
    const index = ids.findIndex((id) => id !== null && !onPage.has(id));
    expect(index).toBeGreaterThanOrEqual(0);
    const point = outside.nth(index);
    await point.scrollIntoViewIfNeeded();
    const box = await point.boundingBox();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.waitForURL((url) => url.hash.startsWith('#/cases?'));
    const search = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(search.getAll('clinician')).toEqual([ids[index]]);
    await signedIn.context.close();
  });

  it('shows the committee every clinician by pseudonym only', async () => {
    const signedIn = await harness.signedIn('COMMITTEE');
    const page = await signedIn.newPage();
    await openClinicianFunnel(page, harness.baseUrl);
    const providers: { provider_id: string; name: string | null }[] =
      await harness.database.dataSource.query(`SELECT provider_id, name FROM providers`);
    const ids = await page
      .locator('.funnel-point')
      .evaluateAll((points) => points.map((point) => point.getAttribute('data-id')));
    for (const id of ids) expect(id).toMatch(/^C-[0-9A-F]{6}$/);
    const svg = await page.locator('.funnel-plot').innerHTML();
    const text = await page.locator('body').innerText();
    for (const provider of providers) {
      expect(svg).not.toContain(provider.provider_id);
      if (provider.name) expect(text).not.toContain(provider.name);
    }
    await page
      .locator('.funnel-plot')
      .screenshot({ path: path.join(SCREENSHOTS, 'clinician-funnel-density-committee.png') });
    await signedIn.context.close();
  });
});
