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

/**
 * The built dashboard in a real headless Chromium against the real server and a generated
 * hospital. Needs `npm run build` (npm test does it) and Debian's chromium (.ci/run installs it).
 */
describe('dashboard in headless Chromium', () => {
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
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-browser-'));
    await generateHospital({ patients: 600, months: 6, seed: 7, outDir: folder });
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

  it('charts the imported orders per month and lists the same numbers in its table', async () => {
    const [{ orders }] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM orders',
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/?noanimation#/`);
    await page.waitForSelector('.recharts-bar-rectangle', { timeout: 30000 });
    const caption = await page.locator('main').innerText();
    expect(caption).toContain(`${orders.toLocaleString('en-US')} orders`);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(6);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'order-volume.png'), fullPage: true });
    await page.close();
  });
});
