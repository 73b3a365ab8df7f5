import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import { PackError, PackErrorCode } from './domain/pack-error.js';
import type { PackPaper } from './domain/parse-pack-request.js';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. in a container image). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** In the page: the sign-in form showed, or every month of the pack has loaded. */
const PACK_READY = `document.querySelector('.sign-in') !== null ||
  (document.querySelector('.pack-page') !== null && document.querySelector('.state-loading') === null)`;

/** How long the pack may take to load and draw before the server gives up. */
const RENDER_TIMEOUT_MS = 90_000;

export interface PackRenderRequest {
  /** The server's own origin, e.g. http://127.0.0.1:3000. */
  readonly origin: string;
  /** The pack page's search string (validated). */
  readonly search: string;
  readonly paper: PackPaper;
  /** The caller's cg_* cookies (session, CSRF), passed on so the page sees what the caller may see. */
  readonly cookies: readonly { readonly name: string; readonly value: string }[];
  /** The caller's `Authorization: Bearer …` header, for API-token callers. */
  readonly authorization: string | null;
}

/**
 * Prints the dashboard's committee pack to PDF in headless Chromium, signed in as the caller:
 * the PDF holds exactly what the caller sees on the pack page (de-identified for COMMITTEE).
 * One browser is started on first use and reused; each request gets its own context.
 */
@Injectable()
export class CommitteePackRenderer implements OnModuleDestroy {
  private browser: Promise<Browser> | null = null;

  private launch(): Promise<Browser> {
    this.browser ??= chromium
      .launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
      .catch((error: unknown) => {
        this.browser = null;
        throw new PackError(
          PackErrorCode.BAD_GATEWAY,
          `The PDF could not be made: Chromium did not start (${chromiumPath()}; set CHROMIUM_PATH): ${(error as Error).message.split('\n')[0]}`,
        );
      });
    return this.browser;
  }

  async render(request: PackRenderRequest): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({
      viewport: { width: 1000, height: 1400 },
      // the readiness check below is evaluated in the page, which the dashboard's CSP
      // (script-src 'self') would refuse; this context only ever opens our own origin
      bypassCSP: true,
      extraHTTPHeaders: request.authorization ? { Authorization: request.authorization } : {},
    });
    try {
      if (request.cookies.length) {
        await context.addCookies(
          request.cookies.map((cookie) => ({ ...cookie, url: request.origin })),
        );
      }
      const page = await context.newPage();
      await page.goto(`${request.origin}/?noanimation#/pack${request.search}`, {
        waitUntil: 'networkidle',
        timeout: RENDER_TIMEOUT_MS,
      });
      await page.waitForFunction(PACK_READY, null, { timeout: RENDER_TIMEOUT_MS });
      if ((await page.locator('.sign-in').count()) > 0) {
        throw new PackError(
          PackErrorCode.UNAUTHENTICATED,
          'Sign in to download the committee pack.',
        );
      }
      // charts lay out on the next frames after their data arrives
      await page.waitForTimeout(400);
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        format: request.paper === 'Letter' ? 'Letter' : 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' },
      });
    } catch (error) {
      if (error instanceof PackError) throw error;
      throw new PackError(
        PackErrorCode.BAD_GATEWAY,
        `The PDF could not be made: ${(error as Error).message.split('\n')[0]}`,
      );
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
