/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, as the browser tests launch it: headless,
 * its own throw-away profile, downloads accepted, clipboard allowed; every console error or page error is
 * collected so that a test can end by asserting there were none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A running Chromium with one page; `problems` collects errors the page logged or threw. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Opens another page in the same browser, watched for errors like the first. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium for the origin `origin` (clipboard read and write granted there). */
export async function launchChromium(origin: string): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'vcg-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 860 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    return page;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  return {
    context,
    page,
    problems,
    newPage: async () => watch(await context.newPage()),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
