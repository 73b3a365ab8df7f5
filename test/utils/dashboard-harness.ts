import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AppModule } from '../../backend/src/app.module.js';
import { FRONTEND_DIST_DIR, REPO_ROOT } from '../../backend/src/config/paths.js';
import { PipelineService } from '../../backend/src/modules/pipeline/pipeline.service.js';
import { generateHospital } from '../../backend/src/modules/synthetic/generate-hospital.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createBrowserSession, type BrowserSession } from './browser-session.js';
import type { Role } from '../../backend/src/modules/auth/principal.js';

/** Debian's Chromium; `npm test` installs it first (scripts/ensure-chromium.sh). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'screenshots');

export interface DashboardHarness {
  readonly database: TestDatabase;
  readonly browser: Browser;
  readonly baseUrl: string;
  /**
   * A browser context signed in as a new user of the role (a session straight in the database,
   * as signing in would leave it), with a 1280 × 900 viewport.
   */
  signedIn(role: Role, departments?: readonly string[] | null): Promise<SignedInContext>;
  close(): Promise<void>;
}

export interface SignedInContext {
  readonly context: BrowserContext;
  readonly session: BrowserSession;
  newPage(): Promise<Page>;
}

/**
 * The built dashboard served by the real server over a test database loaded with a generated
 * hospital, and Debian's Chromium headless (the flags this machine needs: no sandbox as root,
 * no background networking on a closed network). Needs `npm run build` first.
 */
export async function startDashboardHarness(hospital: {
  patients: number;
  months: number;
  seed: number;
  /** Ordering clinicians (default: the generator's, one per 250 patients, at least 20). */
  clinicians?: number;
}): Promise<DashboardHarness> {
  if (!existsSync(path.join(FRONTEND_DIST_DIR, 'index.html'))) {
    throw new Error('The dashboard is not built: run `npm run build` first.');
  }
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run bash scripts/ensure-chromium.sh (or apt-get install -y chromium)`,
    );
  const database = await createTestDatabase();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-dashboard-'));
  await generateHospital({ ...hospital, outDir: folder });
  await new PipelineService(database.dataSource).importCsvFolder(folder);
  const app: INestApplication = await NestFactory.create(
    AppModule.forRoot({ dataSource: database.dataSource }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
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
  return {
    database,
    browser,
    baseUrl,
    async signedIn(role, departments = null) {
      const session = await createBrowserSession(database.dataSource, { role, departments });
      // bypassCSP: the specs inject axe-core and evaluate checks in the page
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        bypassCSP: true,
      });
      await context.addCookies([
        { name: 'cg_session', value: session.sessionToken, url: baseUrl, httpOnly: true },
        { name: 'cg_csrf', value: session.csrfToken, url: baseUrl },
      ]);
      return { context, session, newPage: () => context.newPage() };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}
