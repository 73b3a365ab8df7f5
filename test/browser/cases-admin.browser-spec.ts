import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import AdmZip from 'adm-zip';
import type { Page } from 'playwright-core';
import { encodeCaseId } from '../../backend/src/modules/cases/domain/case-id.js';
import { seriousAccessibilityViolations } from '../utils/axe-check.js';
import {
  SCREENSHOTS,
  startDashboardHarness,
  type DashboardHarness,
  type SignedInContext,
} from '../utils/dashboard-harness.js';

/**
 * The Cases list, the case page with its timeline and review, and the admin Data and Settings
 * pages in headless Chromium against the real server and a generated hospital. Saves a
 * screenshot of each page and the time each took to show (reported, not asserted). Needs
 * `npm run build` and Debian's chromium. DASHBOARD_PATIENTS sets the hospital's size.
 */

const PATIENTS = Number(process.env.DASHBOARD_PATIENTS ?? 1500);
const HOSPITAL = { patients: PATIENTS, months: 12, seed: 5 };

/** Patient, order and exam identifiers as the generator writes them. */
const PATIENT_IDENTIFIERS = [/MRN\d{7}/, /ORD\d{8}/, /ACC\d{9}/];

/**
 * Waits until nothing matches the selector (polled from here: the page's CSP refuses the
 * string functions of waitForFunction).
 */
async function waitUntilGone(page: Page, selector: string, timeoutMs = 90000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.locator(selector).count()) > 0) {
    if (Date.now() > deadline) throw new Error(`${selector} still shown after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

const LOADING = '.state-loading';
const BUSY = '[aria-busy="true"]';

const timings: { role: string; page: string; shownMs: number }[] = [];

async function open(
  signedIn: SignedInContext,
  baseUrl: string,
  route: string,
  ready: string,
): Promise<Page> {
  const page = await signedIn.newPage();
  await page.goto(`${baseUrl}/?noanimation#${route}`);
  await page.waitForSelector(ready, { timeout: 90000 });
  await waitUntilGone(page, LOADING);
  return page;
}

const shownAt = async (page: Page): Promise<number> =>
  (await page.evaluate('performance.now()')) as number;

describe('cases, case page, data and settings in headless Chromium', () => {
  let harness: DashboardHarness;
  let departments: string[];

  beforeAll(async () => {
    harness = await startDashboardHarness(HOSPITAL);
    // the quality manager's departments: the two with the most flagged cases
    const rows: { department: string }[] = await harness.database.dataSource.query(
      `SELECT d.name AS department
         FROM order_assessments a JOIN orders o ON o.id = a.order_pk
         JOIN departments d ON d.id = o.department_id
        WHERE a.level IN ('DOCUMENTED', 'PROBABLE', 'POSSIBLE')
        GROUP BY d.name ORDER BY count(*) DESC, d.name LIMIT 2`,
    );
    departments = rows.map((row) => row.department);
  }, 1800000);

  afterAll(async () => {
    if (timings.length) {
      await writeFile(
        path.join(SCREENSHOTS, 'cases-admin-timings.json'),
        `${JSON.stringify({ hospital: HOSPITAL, timings }, null, 2)}\n`,
      );
      console.log(
        `Time until each page showed (${PATIENTS.toLocaleString('en-US')} patients):\n` +
          timings.map((row) => `${row.role} ${row.page}: ${Math.round(row.shownMs)} ms`).join('\n'),
      );
    }
    await harness?.close();
  });

  it('lets a quality manager filter the cases, open one with the keyboard, review it and see the review in its history and in the list', async () => {
    const signedIn = await harness.signedIn('QUALITY_MANAGER', departments);
    const page = await open(signedIn, harness.baseUrl, '/cases', '.case-table, .state-empty');
    timings.push({ role: 'QUALITY_MANAGER', page: 'cases', shownMs: await shownAt(page) });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // only the manager's departments are listed
    const listed = await page.locator('.case-table tbody tr td:nth-child(5)').allInnerTexts();
    expect(listed.length).toBeGreaterThan(1);
    for (const department of listed) expect(departments).toContain(department);

    // a filter goes into the address and narrows the list
    await page.getByLabel('Review status').selectOption('OPEN');
    await page.waitForURL((url) => url.hash.includes('status=OPEN'));
    await waitUntilGone(page, LOADING);
    await waitUntilGone(page, BUSY);
    const statuses = await page.locator('.case-table tbody tr td:nth-child(10)').allInnerTexts();
    expect(new Set(statuses)).toEqual(new Set(['Open']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cases.png'), fullPage: true });

    // keyboard: j moves to the second case, Enter opens it
    const links = page.locator('a.case-link');
    const secondName = await links.nth(1).innerText();
    await links.first().focus();
    await page.keyboard.press('j');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(secondName);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash.startsWith('#/cases/'));
    const caseUrl = page.url();
    expect(caseUrl).toContain('status=OPEN');
    await page.waitForSelector('#why-heading');
    await page.waitForSelector('.timeline-chart svg .timeline-exam', { timeout: 60000 });
    await waitUntilGone(page, LOADING);
    expect(await page.locator('h1').innerText()).toBe(`Order ${secondName}`);
    // the timeline's table lists the exams with their dose source, in mSv
    const examRows = await page.locator('.case-section table tbody tr').allInnerTexts();
    expect(examRows.length).toBeGreaterThan(0);
    expect(examRows.join('\n')).toMatch(/mSv/);
    expect(await page.getByRole('link', { name: 'Next case →' }).count()).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case.png'), fullPage: true });

    // hovering an exam shows its dose and where the dose came from
    await page.locator('.timeline-exam').last().hover();
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.innerText()).toMatch(/Dose source: /);
    await page
      .locator('.timeline-chart')
      .screenshot({ path: path.join(SCREENSHOTS, 'case-timeline-hover.png') });

    // review it
    await page.getByLabel('Confirmed steering').check();
    await page
      .getByLabel('Note (optional)')
      .fill('Switched to US after the dose alert; no clinical reason.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByText('Review saved: Confirmed steering.').waitFor();
    const history = page.locator('ol.review-history');
    await history.waitFor();
    expect(await history.innerText()).toContain('Confirmed steering');
    expect(await history.innerText()).toContain('no clinical reason');
    expect(await page.locator('.case-head').innerText()).toContain(
      'Review: Reviewed (Confirmed steering)',
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case-reviewed.png'), fullPage: true });

    // "Next case" moves on to another case of the same list, the filter kept
    await page.getByRole('link', { name: 'Next case →' }).click();
    await page.waitForURL((url) => url.href !== caseUrl && url.hash.startsWith('#/cases/'));
    expect(page.url()).toContain('status=OPEN');
    await page.waitForSelector('#why-heading');
    expect(await page.locator('h1').innerText()).not.toBe(`Order ${secondName}`);
    expect(await page.locator('.review-form input:checked').count()).toBe(0);

    // back in the list: no longer open; among the reviewed with its disposition
    await page.getByRole('link', { name: '← Back to the cases' }).click();
    await page.waitForSelector('.case-table');
    await waitUntilGone(page, BUSY);
    expect(await page.locator('a.case-link').allInnerTexts()).not.toContain(secondName);
    await page.getByLabel('Review status').selectOption('REVIEWED');
    await page.waitForURL((url) => url.hash.includes('status=REVIEWED'));
    await waitUntilGone(page, BUSY);
    const reviewedRow = page.locator('.case-table tbody tr', { hasText: secondName });
    await reviewedRow.waitFor();
    expect(await reviewedRow.locator('td').nth(8).innerText()).toBe('Reviewed: Confirmed steering');

    // the case page on its own, as a shared link opens it: the time until its timeline shows
    const route = decodeURIComponent(new URL(caseUrl).hash.slice(1));
    const direct = await open(
      signedIn,
      harness.baseUrl,
      route,
      '.timeline-chart svg .timeline-exam',
    );
    timings.push({ role: 'QUALITY_MANAGER', page: 'case', shownMs: await shownAt(direct) });
    await signedIn.context.close();
  });

  it('lets a quality manager assign a case to themselves, then to a colleague of the department, and unassign it; each change audited', async () => {
    const signedIn = await harness.signedIn('QUALITY_MANAGER', departments);
    // a colleague who may review the department, one who may not, and a disabled one
    const [department] = departments;
    await harness.database.dataSource.query(
      `INSERT INTO users (email, role, departments, disabled) VALUES
         ('colleague@hospital.test', 'QUALITY_MANAGER', $1, false),
         ('elsewhere@hospital.test', 'QUALITY_MANAGER', ARRAY['No such department'], false),
         ('gone@hospital.test', 'QUALITY_MANAGER', $1, true)`,
      [[department]],
    );
    const [{ order_pk: orderPk }]: { order_pk: string }[] = await harness.database.dataSource.query(
      `SELECT a.order_pk::text AS order_pk FROM order_assessments a JOIN orders o ON o.id = a.order_pk
           JOIN departments d ON d.id = o.department_id
          WHERE a.level IS NOT NULL AND d.name = $1
            AND NOT EXISTS (SELECT 1 FROM case_assignments ca WHERE ca.order_pk = a.order_pk)
          ORDER BY a.score DESC, o.order_id LIMIT 1`,
      [department],
    );
    const list = await open(
      signedIn,
      harness.baseUrl,
      `/cases/${encodeURIComponent(encodeCaseId(orderPk))}`,
      '#assign-heading',
    );
    const card = list.locator('section', { has: list.locator('#assign-heading') });
    expect(await card.innerText()).toContain('Not assigned to anyone.');

    // the choices: reviewers of this department and administrators, not others nor the disabled
    const select = card.getByLabel('Assign to');
    while ((await select.locator('option').count()) < 2) await list.waitForTimeout(50);
    const options = await select.locator('option').allInnerTexts();
    expect(options.join('\n')).toContain('colleague@hospital.test — quality manager');
    expect(options.join('\n')).toContain(`${signedIn.session.email} (me) — quality manager`);
    expect(options.join('\n')).not.toContain('elsewhere@hospital.test');
    expect(options.join('\n')).not.toContain('gone@hospital.test');

    await card.getByRole('button', { name: 'Assign to me' }).click();
    await card.getByText('The case is assigned to you.').waitFor();
    expect(await card.locator('.assign-current').innerText()).toBe(
      `Assigned to you (${signedIn.session.email}).`,
    );
    expect(await list.locator('.case-facts').first().innerText()).toContain(signedIn.session.email);
    expect(await seriousAccessibilityViolations(list)).toEqual([]);
    await list.screenshot({ path: path.join(SCREENSHOTS, 'case-assigned.png'), fullPage: true });

    await select.selectOption('colleague@hospital.test');
    await card.getByRole('button', { name: 'Assign', exact: true }).click();
    await card.getByText('The case is assigned to colleague@hospital.test.').waitFor();
    expect(await card.locator('.assign-current').innerText()).toBe(
      'Assigned to colleague@hospital.test.',
    );

    await card.getByRole('button', { name: 'Unassign' }).click();
    await card.getByText('The case is no longer assigned.').waitFor();
    expect(await card.locator('.assign-current').innerText()).toBe('Not assigned to anyone.');

    const audited: { action: string; details: { before: string | null; after: string | null } }[] =
      await harness.database.dataSource.query(
        `SELECT action, details FROM audit_events
          WHERE actor = $1 AND action LIKE 'case.%assigned' ORDER BY id`,
        [signedIn.session.email],
      );
    expect(audited).toEqual([
      { action: 'case.assigned', details: { before: null, after: signedIn.session.email } },
      {
        action: 'case.assigned',
        details: { before: signedIn.session.email, after: 'colleague@hospital.test' },
      },
      { action: 'case.unassigned', details: { before: 'colleague@hospital.test', after: null } },
    ]);
    await signedIn.context.close();
  });

  it('shows a committee member a case without any patient identifier', async () => {
    const signedIn = await harness.signedIn('COMMITTEE');
    const page = await open(signedIn, harness.baseUrl, '/cases', '.case-table');
    timings.push({ role: 'COMMITTEE', page: 'cases', shownMs: await shownAt(page) });
    for (const pattern of PATIENT_IDENTIFIERS) {
      expect(await page.locator('main').innerText()).not.toMatch(pattern);
    }

    // cursor pages: the second page follows the first, and Previous comes back
    await page.getByLabel('Per page').selectOption('10');
    await page.waitForURL((url) => url.hash.includes('size=10'));
    await page.getByText(/^Cases 1–10 of /).waitFor();
    const firstPage = await page.locator('a.case-link').allInnerTexts();
    expect(firstPage).toHaveLength(10);
    expect(new Set(firstPage).size).toBe(10);
    // the next page's answer is held: the first page's rows stay, never labelled as the second
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as {
        operationName?: string;
        variables?: { after?: string | null };
      } | null;
      if (body?.operationName === 'Cases' && body.variables?.after) await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL((url) => url.hash.includes('after='));
    await page.getByText('Loading page 2…').waitFor();
    expect(await page.locator('a.case-link').allInnerTexts()).toEqual(firstPage);
    expect(await page.getByText(/^Cases \d+–\d+ of /).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await waitUntilGone(page, BUSY);
    await page.getByText(/^Cases 11–20 of /).waitFor();
    const secondPage = await page.locator('a.case-link').allInnerTexts();
    expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
    expect(await page.locator('.pager').innerText()).toContain('Page 2');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText(/^Cases 1–10 of /).waitFor();
    expect(await page.locator('a.case-link').allInnerTexts()).toEqual(firstPage);
    await page.locator('a.case-link').first().click();
    await page.waitForSelector('#why-heading');
    await waitUntilGone(page, LOADING);
    const text = await page.locator('main').innerText();
    for (const pattern of PATIENT_IDENTIFIERS) expect(text).not.toMatch(pattern);
    expect(text).toContain('The patient’s imaging timeline is not shown to your role');
    expect(await page.locator('.review-form').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case-committee.png'), fullPage: true });
    await signedIn.context.close();
  });

  it('lets an admin upload a zipped CSV folder and read its rejections on the Data page', async () => {
    const signedIn = await harness.signedIn('ADMIN');
    const page = await open(signedIn, harness.baseUrl, '/data', '#runs-heading');
    timings.push({ role: 'ADMIN', page: 'data', shownMs: await shownAt(page) });
    expect(await page.locator('.data-table tbody tr').count()).toBe(1);

    const zip = new AdmZip();
    zip.addFile(
      'late/orders.csv',
      Buffer.from(
        'order_id,patient_id,ordered_at,requested_modality\n' +
          'LATE1,NOBODY,2025-01-05T10:00:00Z,CT\n',
      ),
    );
    await page.getByLabel('File to import').setInputFiles({
      name: 'late-orders.zip',
      mimeType: 'application/zip',
      buffer: zip.toBuffer(),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    // the server answers once the run is open, then the form says how it ended
    await page.getByText(/^Import run 2 started from late-orders\.zip/).waitFor({ timeout: 60000 });
    const status = page.getByText(/^Import run 2: 1 record read, 0 loaded, 1 rejected/);
    await status.waitFor({ timeout: 60000 });
    // the run says what was loaded and who started it
    const runRow = page.locator('.data-table tbody tr', {
      has: page.locator('th', { hasText: /^2$/ }),
    });
    const runText = await runRow.innerText();
    expect(runText).toContain('upload: late-orders.zip');
    expect(runText).toContain('orders.csv');
    expect(runText).toContain(signedIn.session.email);
    const rejections = page.locator('section.rejections');
    await rejections.waitFor();
    await waitUntilGone(page, LOADING);
    expect(await rejections.innerText()).toContain('unknown patient');
    expect(await rejections.innerText()).toContain('late/orders.csv');
    expect(await page.getByRole('link', { name: /Download it as CSV/ }).getAttribute('href')).toBe(
      '/exports/rejections.csv?runId=2',
    );
    const csv = await page.evaluate(
      `fetch('/exports/rejections.csv?runId=2', { credentials: 'same-origin' }).then((response) => response.text())`,
    );
    expect(String(csv)).toContain('unknown patient');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'data.png'), fullPage: true });
    await signedIn.context.close();
  });

  it('lets an admin read the settings and save an edited appropriateness table as a new reference version', async () => {
    const signedIn = await harness.signedIn('ADMIN');
    const page = await open(signedIn, harness.baseUrl, '/settings', '#appropriateness-heading');
    timings.push({ role: 'ADMIN', page: 'settings', shownMs: await shownAt(page) });
    const settingsText = await page
      .locator('section', { hasText: 'Analysis settings' })
      .first()
      .innerText();
    expect(settingsText).toContain('band.high_ced_5y_msv');
    expect(settingsText).toContain('HIGH dose-history band when CED over 5 years reaches');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings.png'), fullPage: true });

    // a setting changed here is a new settings version, listed in the history
    await page.getByRole('button', { name: 'Change cascade.days' }).click();
    await page.getByLabel('New value of cascade.days').fill('31');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByText(/^cascade\.days is now 31 \(settings version \d+\)\.$/)
      .waitFor({ timeout: 120000 });
    expect(
      await page.locator('ol[aria-label="Settings versions, newest first"] li').first().innerText(),
    ).toContain('cascade.days');

    const [{ version }] = await harness.database.dataSource.query(
      'SELECT max(version)::int AS version FROM reference_versions',
    );
    const rating = page.locator('input.rating-input').first();
    const before = Number(await rating.inputValue());
    await rating.fill(String(before === 9 ? 8 : 9));
    await page.getByLabel('Note: what changed and why').fill('Browser spec: one rating changed');
    await page.getByRole('button', { name: 'Save as a new reference version' }).click();
    await page
      .getByText(
        new RegExp(
          `^Reference version ${version + 1} stored; the orders are being reassessed under it \\(run \\d+\\)\\.$`,
        ),
      )
      .waitFor({ timeout: 120000 });
    // the reassessment runs on the server; the page says when it is done and what it did
    await page
      .locator('.reassessment-succeeded', {
        hasText: `reference version ${version + 1}: Browser spec: one rating changed`,
      })
      .waitFor({ timeout: 180000 });
    expect(await page.locator('.reassessment-status').innerText()).toMatch(
      /orders reassessed, [\d,]+ re-dosed/,
    );
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'settings-reassessed.png'),
      fullPage: true,
    });
    expect(await page.locator('#appropriateness-heading').innerText()).toBe(
      `Appropriateness table (reference version ${version + 1})`,
    );
    await signedIn.context.close();
  });
});
