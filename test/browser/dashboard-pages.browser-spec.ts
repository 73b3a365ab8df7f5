import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../backend/src/modules/auth/password-hasher.js';
import type { Role } from '../../backend/src/modules/auth/principal.js';
import { seriousAccessibilityViolations } from '../utils/axe-check.js';
import {
  SCREENSHOTS,
  startDashboardHarness,
  type DashboardHarness,
  type SignedInContext,
} from '../utils/dashboard-harness.js';

/**
 * The dashboard's shell and analysis pages (Overview, Dose-history sensitivity, Practice
 * variation, Committee pack) in headless Chromium against the real server and a generated
 * hospital, signed in as each role. Saves a screenshot of every page, the committee pack as PDF,
 * and the time each page took to show its figures (reported, not asserted). Needs
 * `npm run build` and Debian's chromium. DASHBOARD_PATIENTS sets the hospital's size.
 */

const PATIENTS = Number(process.env.DASHBOARD_PATIENTS ?? 1500);
const HOSPITAL = { patients: PATIENTS, months: 12, seed: 5 };

interface PageUnderTest {
  readonly name: string;
  readonly path: string;
  /** Shown once the page has its figures (or says it has none). */
  readonly ready: string;
}

const PAGES: readonly PageUnderTest[] = [
  { name: 'overview', path: '/', ready: '.figure-grid, .state-empty' },
  { name: 'sensitivity', path: '/sensitivity', ready: '.small-multiples, .state-empty' },
  { name: 'variation', path: '/variation', ready: '.funnel-point, .state-empty' },
  { name: 'pack', path: '/pack', ready: '.pack-page' },
];

const ROLES: readonly Role[] = ['QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR', 'ADMIN'];

/** Patient, order and exam identifiers as the generator writes them. */
const PATIENT_IDENTIFIERS = [/MRN\d{7}/, /ORD\d{8}/, /ACC\d{9}/];

const NO_LOADING = `document.querySelector('.state-loading') === null`;

const timings: { role: Role; page: string; shownMs: number }[] = [];

/** Opens a route in a fresh page; waits until its figures and charts show; returns the time. */
async function openRoute(
  signedIn: SignedInContext,
  baseUrl: string,
  route: PageUnderTest,
  search = '',
): Promise<{ page: Page; shownMs: number }> {
  const page = await signedIn.newPage();
  await page.goto(`${baseUrl}/?noanimation#${route.path}${search}`);
  await page.waitForSelector(route.ready, { timeout: 90000 });
  await page.waitForFunction(NO_LOADING, null, { timeout: 90000 });
  const shownMs = (await page.evaluate('performance.now()')) as number;
  return { page, shownMs };
}

describe('dashboard pages in headless Chromium, signed in as each role', () => {
  let harness: DashboardHarness;
  let departments: string[];
  let latestMonth: string;

  beforeAll(async () => {
    harness = await startDashboardHarness(HOSPITAL);
    const rows: { name: string }[] = await harness.database.dataSource.query(
      `SELECT name FROM departments ORDER BY name`,
    );
    departments = rows.map((row) => row.name);
    const [{ month }] = await harness.database.dataSource.query(
      `SELECT max(month) AS month FROM order_assessments`,
    );
    latestMonth = month;
  }, 3600000);

  afterAll(async () => {
    if (timings.length) {
      await writeFile(
        path.join(SCREENSHOTS, 'page-timings.json'),
        `${JSON.stringify({ hospital: HOSPITAL, timings }, null, 2)}\n`,
      );
      console.log(
        `Time until each page showed its figures (${PATIENTS.toLocaleString('en-US')} patients):\n` +
          timings.map((row) => `${row.role} ${row.page}: ${Math.round(row.shownMs)} ms`).join('\n'),
      );
    }
    await harness?.close();
  });

  it('sends a signed-out visitor to the sign-in form and back to the page asked for', async () => {
    const context = await harness.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/#/variation?by=CLINICIAN`);
    await page.waitForSelector('.sign-in-card');
    expect(decodeURIComponent(page.url())).toContain('#/sign-in?next=/variation?by=CLINICIAN');
    await page.getByLabel('Email').waitFor();
    expect(await page.getByLabel('Password').getAttribute('type')).toBe('password');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

    await page.getByLabel('Email').fill('nobody@hospital.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('.form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/do not match an active account|Too many attempts/);

    // a quality manager with a password signs in and lands on the page first asked for
    const email = 'quality.manager@hospital.test';
    await harness.database.dataSource.query(
      `INSERT INTO users (email, role, departments, password_hash) VALUES ($1, 'QUALITY_MANAGER', $2, $3)`,
      [email, departments.slice(0, 2), await hashPassword('correct horse battery staple')],
    );
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.funnel-point, .state-empty', { timeout: 60000 });
    expect(page.url()).toContain('#/variation?by=CLINICIAN');
    expect(await page.locator('.user-name').innerText()).toBe(email);
    expect(await page.locator('.user-role').innerText()).toBe(
      `Quality manager · ${departments.slice(0, 2).join(', ')}`,
    );
    await context.close();
  });

  for (const role of ROLES) {
    it(`shows every analysis page to ${role} with the role's navigation and no serious accessibility violation`, async () => {
      const scope = role === 'QUALITY_MANAGER' ? departments.slice(0, 2) : null;
      const signedIn = await harness.signedIn(role, scope);
      for (const route of PAGES) {
        const { page, shownMs } = await openRoute(signedIn, harness.baseUrl, route);
        timings.push({ role, page: route.name, shownMs });
        const navigation = await page.locator('nav[aria-label="Main"] a').allInnerTexts();
        expect(navigation).toEqual(
          expect.arrayContaining(['Overview', 'Dose history', 'Practice variation']),
        );
        expect(navigation.includes('Data')).toBe(role === 'ADMIN');
        expect(navigation.includes('Settings')).toBe(role === 'ADMIN');
        expect(await page.locator('.user-name').innerText()).toBe(signedIn.session.email);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        // a record for the reader, not an assertion: the charts' transitions finished at once
        // and more time on a busy machine (a full-page capture once hung past 30 s in CI)
        await page.screenshot({
          path: path.join(SCREENSHOTS, `${role.toLowerCase()}-${route.name}.png`),
          fullPage: true,
          animations: 'disabled',
          timeout: 90_000,
        });
        if (role === 'COMMITTEE') {
          const text = await page.locator('body').innerText();
          for (const pattern of PATIENT_IDENTIFIERS) expect(text).not.toMatch(pattern);
        }
        await page.close();
      }
      await signedIn.context.close();
    });
  }

  it('never names a patient or a clinician to a COMMITTEE member', async () => {
    const signedIn = await harness.signedIn('COMMITTEE');
    const providers: { name: string }[] = await harness.database.dataSource.query(
      `SELECT DISTINCT name FROM providers WHERE name IS NOT NULL`,
    );
    expect(providers.length).toBeGreaterThan(0);
    const { page } = await openRoute(
      signedIn,
      harness.baseUrl,
      { name: 'variation', path: '/variation', ready: '.funnel-point' },
      '?by=CLINICIAN',
    );
    const text = await page.locator('body').innerText();
    for (const provider of providers) expect(text).not.toContain(provider.name);
    for (const pattern of PATIENT_IDENTIFIERS) expect(text).not.toMatch(pattern);
    const pseudonyms = await page.locator('.variation-table tbody th').allInnerTexts();
    expect(pseudonyms.length).toBeGreaterThan(0);
    for (const pseudonym of pseudonyms) expect(pseudonym).toMatch(/^C-[0-9A-F]{6}$/);
    // the cases list behind a clinician's point: de-identified too
    await page.locator('.variation-table tbody th a').first().click();
    await page.waitForSelector('.case-table, .state-empty', { timeout: 60000 });
    await page.waitForFunction(NO_LOADING);
    const casesText = await page.locator('body').innerText();
    for (const provider of providers) expect(casesText).not.toContain(provider.name);
    for (const pattern of PATIENT_IDENTIFIERS) expect(casesText).not.toMatch(pattern);
    await signedIn.context.close();
  });

  it('keeps a department chosen in the filter bar in the address and shows its figures', async () => {
    const signedIn = await harness.signedIn('ADMIN');
    const { page } = await openRoute(signedIn, harness.baseUrl, PAGES[0]);
    const siteOpportunities = await page.locator('.figure-opportunities .figure-value').innerText();
    const department = departments[0];
    await page.getByRole('combobox', { name: 'Department' }).selectOption(department);
    await page.waitForURL((url) =>
      url.hash.includes(`department=${encodeURIComponent(department).replaceAll('%20', '+')}`),
    );
    await page
      .getByRole('heading', { name: `Monthly conflict rate, ${department}` })
      .waitFor({ timeout: 30000 });
    await page.waitForFunction(NO_LOADING);
    const [{ opportunities }] = await harness.database.dataSource.query(
      `SELECT count(*)::int AS opportunities
       FROM order_assessments a JOIN orders o ON o.id = a.order_pk
       JOIN departments d ON d.id = o.department_id
       WHERE a.is_opportunity AND a.outcome <> 'PENDING' AND a.exclusion IS NULL
         AND d.name = $1 AND a.month = $2`,
      [department, latestMonth],
    );
    await page
      .locator('.figure-opportunities .figure-value', {
        hasText: new RegExp(`^${opportunities.toLocaleString('en-US')}$`),
      })
      .waitFor({ timeout: 30000 });
    expect(siteOpportunities).not.toBe('');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'admin-overview-filtered.png'),
      fullPage: true,
    });

    // the same filter travels with the navigation
    await page.getByRole('link', { name: 'Practice variation' }).click();
    await page.waitForSelector('.funnel-point, .state-empty');
    expect(page.url()).toContain('#/variation?');
    expect(decodeURIComponent(page.url().replaceAll('+', ' '))).toContain(
      `department=${department}`,
    );
    await signedIn.context.close();
  });

  it("counts a case reviewed by a quality manager in the overview's figures", async () => {
    const signedIn = await harness.signedIn('QUALITY_MANAGER');
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const response = await signedIn.context.request.post(`${harness.baseUrl}/graphql`, {
        data: { query, variables },
        headers: { 'X-CSRF-Token': signedIn.session.csrfToken },
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data as Record<string, never>;
    };
    const { page } = await openRoute(signedIn, harness.baseUrl, PAGES[0]);
    const openBefore = Number(
      (await page.locator('.figure-open-cases .figure-value').innerText()).replaceAll(',', ''),
    );
    const data = await graphql(
      `
        query ($filter: CaseFilter) {
          cases(filter: $filter, first: 1) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
      {
        filter: {
          analysis: {
            from: latestMonth,
            to: latestMonth,
            levels: ['DOCUMENTED', 'PROBABLE', 'POSSIBLE'],
          },
          reviewStatuses: ['OPEN'],
        },
      },
    );
    const edges = (data.cases as { edges: { node: { id: string } }[] }).edges;
    expect(openBefore).toBeGreaterThan(0);
    expect(edges.length).toBe(1);
    await graphql(
      `
        mutation ($input: ReviewCaseInput!) {
          reviewCase(input: $input) {
            summary {
              reviewStatus
            }
          }
        }
      `,
      { input: { caseId: edges[0].node.id, disposition: 'CLINICALLY_JUSTIFIED', note: 'test' } },
    );
    await page.reload();
    await page.waitForSelector('.figure-grid');
    await page.waitForFunction(NO_LOADING);
    expect(await page.locator('.figure-open-cases .figure-value').innerText()).toBe(
      (openBefore - 1).toLocaleString('en-US'),
    );
    expect(await page.locator('.figure-open-cases .figure-detail').innerText()).toMatch(
      /· [1-9][\d,]* reviewed ·/,
    );
    await signedIn.context.close();
  });

  it('opens the cases behind a point of the funnel plot', async () => {
    const signedIn = await harness.signedIn('QUALITY_MANAGER', departments);
    const { page } = await openRoute(signedIn, harness.baseUrl, PAGES[2]);
    const point = page.locator('.funnel-point').first();
    const key = await point.getAttribute('data-id');
    expect(key).toBeTruthy();
    await point.scrollIntoViewIfNeeded();
    const box = await point.boundingBox();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.waitForURL((url) => url.hash.startsWith('#/cases?'));
    const search = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(search.getAll('department')).toEqual([key]);
    // the cases list opens filtered to that department, the filter bar showing it
    await page.waitForSelector('.case-table, .state-empty', { timeout: 60000 });
    await page.waitForFunction(NO_LOADING);
    expect(await page.getByRole('combobox', { name: 'Department' }).inputValue()).toBe(key);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'cases-from-funnel.png'),
      fullPage: true,
    });
    await signedIn.context.close();
  });

  it('sorts the practice-variation table by a column heading', async () => {
    const signedIn = await harness.signedIn('ADMIN');
    const { page } = await openRoute(signedIn, harness.baseUrl, PAGES[2]);
    await page.getByRole('button', { name: /^Opportunities/ }).click();
    const header = page.locator('th[aria-sort="descending"]');
    expect(await header.innerText()).toContain('Opportunities');
    const volumes = (
      await page.locator('.variation-table tbody tr td:nth-of-type(1)').allInnerTexts()
    ).map((text) => Number(text.replaceAll(',', '')));
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    await signedIn.context.close();
  });

  it('prints the committee pack to PDF as the caller, on A4 and Letter', async () => {
    const signedIn = await harness.signedIn('COMMITTEE');
    const [{ first }] = await harness.database.dataSource.query(
      `SELECT to_char(to_date($1, 'YYYY-MM') - interval '1 month', 'YYYY-MM') AS first`,
      [latestMonth],
    );
    const response = await signedIn.context.request.get(
      `${harness.baseUrl}/exports/committee-pack.pdf?from=${first}&to=${latestMonth}`,
      { timeout: 180000 },
    );
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await response.body();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(path.join(SCREENSHOTS, 'committee-pack.pdf'), pdf);
    // two months: at least two pages
    expect(
      (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
    ).toBeGreaterThanOrEqual(2);

    const letter = await signedIn.context.request.get(
      `${harness.baseUrl}/exports/committee-pack.pdf?from=${latestMonth}&paper=Letter`,
      { timeout: 180000 },
    );
    expect(letter.status()).toBe(200);
    // Letter is 612 × 792 points
    expect((await letter.body()).toString('latin1')).toMatch(/MediaBox\s*\[\s*0 0 612 792\s*\]/);
    await writeFile(path.join(SCREENSHOTS, 'committee-pack-letter.pdf'), await letter.body());

    const bad = await signedIn.context.request.get(
      `${harness.baseUrl}/exports/committee-pack.pdf?from=2025-13`,
    );
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('from must be a month as YYYY-MM, not \\"2025-13\\".');

    const anonymous = await harness.browser.newContext();
    const refused = await anonymous.request.get(
      `${harness.baseUrl}/exports/committee-pack.pdf?from=${latestMonth}`,
    );
    expect(refused.status()).toBe(401);
    await anonymous.close();

    const { page } = await openRoute(
      signedIn,
      harness.baseUrl,
      PAGES[3],
      `?from=${first}&to=${latestMonth}`,
    );
    expect(await page.locator('.pack-page').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      `/exports/committee-pack.pdf?from=${first}&to=${latestMonth}&paper=A4`,
    );
    expect(await page.getByRole('link', { name: /Download the cases/ }).getAttribute('href')).toBe(
      `/exports/cases.csv?from=${first}&to=${latestMonth}`,
    );
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'committee-pack-print.png'),
      fullPage: true,
    });
    await page
      .locator('.pack-page')
      .last()
      .screenshot({ path: path.join(SCREENSHOTS, 'committee-pack-month.png') });
    await signedIn.context.close();
  });

  it('signs out from the header', async () => {
    const signedIn = await harness.signedIn('AUDITOR');
    const { page } = await openRoute(signedIn, harness.baseUrl, PAGES[1]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('.sign-in-card');
    await page.goto(`${harness.baseUrl}/#/sensitivity`);
    await page.waitForSelector('.sign-in-card');
    await signedIn.context.close();
  });
});
