import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { chromium, type Browser } from 'playwright-core';
import { AppModule } from '../../backend/src/app.module.js';
import { FRONTEND_DIST_DIR, REPO_ROOT } from '../../backend/src/config/paths.js';
import { ImportService } from '../../backend/src/modules/ingestion/import.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from '../utils/test-database.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');
const ASSESSABLE = `a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL`;

/**
 * The committee's Trend and Departments pages, built, in headless Chromium against the real
 * server and a generated hospital. Needs `npm run build` and Debian's chromium.
 */
describe('committee pages in headless Chromium', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(path.join(FRONTEND_DIST_DIR, 'index.html'))) {
      throw new Error('The dashboard is not built: run `npm run build` first.');
    }
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    database = await createTestDatabase();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-committee-browser-'));
    await generateHospital({ patients: 1500, months: 12, seed: 5, outDir: folder });
    await new ImportService(database.dataSource).importCsvFolder(folder);
    app = await NestFactory.create(AppModule.forRoot({ dataSource: database.dataSource }), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('draws the p-chart with one point per month, its caption and a department filter', async () => {
    const [{ conflicts, opportunities }] = await database.dataSource.query(`
      SELECT count(*) FILTER (WHERE a.level IN ('DOCUMENTED', 'PROBABLE'))::int AS conflicts,
        count(*)::int AS opportunities
      FROM order_assessments a WHERE ${ASSESSABLE}`);
    const [{ months }] = await database.dataSource.query(
      `SELECT count(DISTINCT month)::int AS months FROM order_assessments`,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
    await page.screenshot({ path: path.join(SCREENSHOTS, 'committee-trend.png'), fullPage: true });

    const [{ name }] = await database.dataSource.query(
      `SELECT name FROM departments ORDER BY name LIMIT 1`,
    );
    await page.getByLabel('Department').selectOption(name);
    await page.getByRole('heading', { name: `Monthly conflict rate, ${name}` }).waitFor();
    await page.close();
  });

  it('draws the funnel plot, names a department on hover and tables every department', async () => {
    const [{ departments }] = await database.dataSource.query(`
      SELECT count(DISTINCT d.name) FILTER (WHERE ${ASSESSABLE})::int AS departments
      FROM order_assessments a JOIN orders o ON o.id = a.order_pk
      JOIN departments d ON d.id = o.department_id`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/?noanimation#/departments`);
    await page.waitForSelector('.funnel-plot .funnel-point', { timeout: 30000 });

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
    await page.close();
  });
});
