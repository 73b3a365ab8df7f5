import path from 'node:path';
import type { Page } from 'playwright-core';
import { RollupService } from '../../backend/src/modules/analytics/rollup.service.js';
import {
  SCREENSHOTS,
  startDashboardHarness,
  type DashboardHarness,
} from '../utils/dashboard-harness.js';
import type { TestDatabase } from '../utils/test-database.js';

const ASSESSABLE = `a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL`;

/**
 * The p-chart's y-axis labels as percentages, ascending ("5.0%" → 5). Recharts 3 draws them in
 * a layer of their own, outside `.recharts-yAxis`.
 */
const valueAxisPercents = async (page: Page): Promise<number[]> =>
  (
    await page
      .locator('.p-chart .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents()
  )
    .map((label) => Number(label.replace('%', '')))
    .sort((one, other) => one - other);

/**
 * The committee's Trend and Departments pages, built, in headless Chromium against the real
 * server and a generated hospital. Needs `npm run build` and Debian's chromium.
 */
describe('committee pages in headless Chromium', () => {
  let harness: DashboardHarness;
  let database: TestDatabase;
  let baseUrl: string;

  beforeAll(async () => {
    harness = await startDashboardHarness({ patients: 1500, months: 12, seed: 5 });
    ({ database, baseUrl } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('draws the p-chart with one point per month, its caption and a department filter', async () => {
    const [{ conflicts, opportunities }] = await database.dataSource.query(`
      SELECT count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts,
        count(*)::int AS opportunities
      FROM order_assessments a WHERE ${ASSESSABLE}`);
    const [{ months }] = await database.dataSource.query(
      `SELECT count(DISTINCT month)::int AS months FROM order_assessments`,
    );
    const signedIn = await harness.signedIn('COMMITTEE');
    const page = await signedIn.newPage();
    await page.goto(`${baseUrl}/?noanimation#/trend`);
    await page.waitForSelector('.p-chart .recharts-line-dots', { timeout: 30000 });

    const caption = await page.locator('.card .caption').innerText();
    expect(caption).toContain(
      `${conflicts.toLocaleString('en-US')} conflicts in ${opportunities.toLocaleString('en-US')} opportunities`,
    );
    expect(caption).toMatch(/Centre line p̄ = \d+\.\d\d% .*the first 12 months loaded/);
    const points = await page
      .locator('.p-chart .recharts-line-dots')
      .last()
      .locator('circle, path');
    expect(await points.count()).toBeGreaterThanOrEqual(months);
    expect(await page.locator('.data-table tbody tr').count()).toBeGreaterThanOrEqual(months);
    expect(await page.locator('.rules-legend dt').allInnerTexts()).toEqual([
      'Beyond a limit',
      'Run of 8',
      'Trend of 6',
    ]);
    // the axis follows the rates: from 0 to a top above the centre line, never past 100 %
    const percents = await valueAxisPercents(page);
    expect(percents[0]).toBe(0);
    expect(percents[percents.length - 1]).toBeGreaterThan(
      Number(caption.match(/p̄ = ([\d.]+)%/)![1]),
    );
    expect(percents[percents.length - 1]).toBeLessThanOrEqual(100);
    expect(await page.locator('.p-chart .chart-note').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'committee-trend.png'), fullPage: true });

    const [{ name }] = await database.dataSource.query(
      `SELECT name FROM departments ORDER BY name LIMIT 1`,
    );
    await page.getByLabel('Department').selectOption(name);
    await page.getByRole('heading', { name: `Monthly conflict rate, ${name}` }).waitFor();
    await signedIn.context.close();
  });

  it('draws the funnel plot, names a department on hover and tables every department', async () => {
    const [{ departments }] = await database.dataSource.query(`
      SELECT count(DISTINCT d.name) FILTER (WHERE ${ASSESSABLE})::int AS departments
      FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      JOIN departments d ON d.id = o.department_id`);
    const signedIn = await harness.signedIn('COMMITTEE');
    const page = await signedIn.newPage();
    // the former Departments page is Practice variation by department
    await page.goto(`${baseUrl}/?noanimation#/departments`);
    await page.waitForSelector('.funnel-plot .funnel-point', { timeout: 30000 });
    expect(page.url()).toContain('#/variation?by=DEPARTMENT');

    expect(await page.locator('.funnel-point').count()).toBe(departments);
    expect(await page.locator('.reading-guide').innerText()).toContain('How to read it');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'committee-departments.png'),
      fullPage: true,
    });

    const marker = page.locator('.funnel-point circle, .funnel-point path').first();
    await marker.scrollIntoViewIfNeeded();
    const box = await marker.boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor({ timeout: 5000 });
    expect(await tooltip.innerText()).toMatch(
      /Conflict rate: \d+\.\d%\nAssessable opportunities: [\d,]+/,
    );
    await signedIn.context.close();
  });

  // last: it rewrites a department's assessments in the spec's database
  it('charts a department without conflicts on a 0–5 % axis with a note, on Trend and Overview', async () => {
    const [{ name }] = await database.dataSource.query(
      `SELECT name FROM departments ORDER BY name LIMIT 1`,
    );
    // its conflicts become POSSIBLE cases (not conflicts), and the rollups follow
    await database.dataSource.query(
      `UPDATE order_assessments a SET level = 'POSSIBLE'
       FROM orders o JOIN departments d ON d.id = o.department_id
       WHERE o.id = a.order_pk AND d.name = $1 AND a.level IN ('DOCUMENTED', 'PROBABLE')`,
      [name],
    );
    await new RollupService(database.dataSource).refreshAll();
    const [{ conflicts, opportunities }] = await database.dataSource.query(
      `SELECT count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts,
         count(*)::int AS opportunities
       FROM order_assessments a JOIN orders o ON o.id = a.order_pk
       JOIN departments d ON d.id = o.department_id
       WHERE ${ASSESSABLE} AND d.name = $1`,
      [name],
    );
    expect(conflicts).toBe(0);
    expect(opportunities).toBeGreaterThan(0);

    const signedIn = await harness.signedIn('COMMITTEE');
    const page = await signedIn.newPage();
    await page.goto(`${baseUrl}/?noanimation#/trend`);
    await page.waitForSelector('.p-chart .recharts-line-dots', { timeout: 30000 });
    await page.getByLabel('Department').selectOption(name);
    await page.getByRole('heading', { name: `Monthly conflict rate, ${name}` }).waitFor();
    const note = page.locator('.p-chart .chart-note');
    await note.waitFor({ timeout: 30000 });
    expect(await note.innerText()).toBe('No conflicts in these months.');
    // Recharts' own ticks were 0–400 %
    expect(await valueAxisPercents(page)).toEqual([0, 1, 2, 3, 4, 5]);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'committee-trend-no-conflicts.png'),
      fullPage: true,
    });

    await page.goto(`${baseUrl}/?noanimation#/?department=${encodeURIComponent(name)}`);
    await page.getByRole('heading', { name: `Monthly conflict rate, ${name}` }).waitFor();
    await page.locator('.p-chart .chart-note').waitFor({ timeout: 30000 });
    expect(await valueAxisPercents(page)).toEqual([0, 1, 2, 3, 4, 5]);
    await page
      .locator('.chart-with-table')
      .screenshot({ path: path.join(SCREENSHOTS, 'overview-trend-no-conflicts.png') });
    await signedIn.context.close();
  });
});
