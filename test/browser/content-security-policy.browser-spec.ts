import { hashSecretToken } from '../../backend/src/modules/auth/secret-token.js';
import { startDashboardHarness, type DashboardHarness } from '../utils/dashboard-harness.js';
import { createUserWithToken } from '../utils/auth.js';

/**
 * The built dashboard runs under the server's Content Security Policy: a signed-in page draws
 * its chart and the browser reports no CSP violation. (The session cookie is made here, so the
 * spec does not depend on the sign-in page.)
 */
describe('the dashboard under the Content Security Policy', () => {
  let harness: DashboardHarness;

  beforeAll(async () => {
    harness = await startDashboardHarness({ patients: 300, months: 4, seed: 11 });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('draws a chart with no CSP violation', async () => {
    const { userId } = await createUserWithToken(harness.database.dataSource, {
      role: 'COMMITTEE',
    });
    const sessionToken = 'cgs_browser-spec-session';
    await harness.database.dataSource.query(
      `INSERT INTO sessions (id, user_id, csrf_token) VALUES ($1, $2, 'csrf')`,
      [hashSecretToken(sessionToken), userId],
    );
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([
      { name: 'cg_session', value: sessionToken, url: harness.baseUrl, httpOnly: true },
      { name: 'cg_csrf', value: 'csrf', url: harness.baseUrl },
    ]);
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    const response = await page.goto(`${harness.baseUrl}/?noanimation#/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('.recharts-surface', { timeout: 30000 });
    expect(violations).toEqual([]);
    await context.close();
  });
});
