/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, as the browser tests launch it: headless,
 * its own throw-away profile, downloads accepted, clipboard allowed; every console error or page error is
 * collected so that a test can end by asserting there were none. useExplorerSession gives a browser test
 * file its server, browser and page, with the hooks every such file needs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';

/** Debian's Chromium and the flags every browser test launches it with. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

/** Where browser tests leave their screenshots. */
export const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');

/** The real server and a Chromium on it, for one browser test file; the fields are set once beforeAll ran. */
export interface ExplorerSession {
  server: TestServer;
  browser: Browser;
  /** The browser's first page. */
  page: Page;
}

/**
 * Registers the hooks of a browser test file: beforeAll starts the real server (over the test Neo4j) and
 * Chromium on it, makes test-results/ and opens `open` (a path on the server) when given; afterAll closes
 * both; afterEach fails the test that let the page log or throw an error. Read the session's fields inside
 * tests and hooks, not at the top level of the file.
 */
export function useExplorerSession(options: { open?: string } = {}): ExplorerSession {
  const session = {} as ExplorerSession;
  beforeAll(async () => {
    session.server = await startTestServer();
    session.browser = await launchChromium(session.server.url);
    session.page = session.browser.page;
    mkdirSync(RESULTS, { recursive: true });
    if (options.open !== undefined) await session.page.goto(`${session.server.url}${options.open}`);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  afterEach(() => {
    expect(session.browser.problems.splice(0)).toEqual([]);
  });
  return session;
}
