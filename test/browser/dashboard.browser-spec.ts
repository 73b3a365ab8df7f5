import path from 'node:path';
import {
  SCREENSHOTS,
  startDashboardHarness,
  type DashboardHarness,
} from '../utils/dashboard-harness.js';
import type { TestDatabase } from '../utils/test-database.js';

/**
 * The built dashboard in a real headless Chromium against the real server and a generated
 * hospital. Needs `npm run build` (npm test does it) and Debian's chromium (.ci/run installs it).
 */
describe('dashboard in headless Chromium', () => {
  let harness: DashboardHarness;
  let database: TestDatabase;
  let baseUrl: string;

  beforeAll(async () => {
    harness = await startDashboardHarness({ patients: 600, months: 6, seed: 7 });
    ({ database, baseUrl } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('charts the imported orders per month and lists the same numbers in its table', async () => {
    const [{ orders }] = await database.dataSource.query(
      'SELECT count(*)::int AS orders FROM orders',
    );
    const signedIn = await harness.signedIn('QUALITY_MANAGER');
    const page = await signedIn.newPage();
    await page.goto(`${baseUrl}/?noanimation#/volume`);
    await page.waitForSelector('.recharts-bar-rectangle', { timeout: 30000 });
    const caption = await page.locator('main').innerText();
    expect(caption).toContain(`${orders.toLocaleString('en-US')} orders`);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(6);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'order-volume.png'), fullPage: true });
    await signedIn.context.close();
  });
});
