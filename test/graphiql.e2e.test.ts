/**
 * GraphiQL as an analyst meets it: served from this package (no CDN, so it works behind a firewall),
 * running a real query in Debian's headless Chromium.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server.close();
});

describe('GraphiQL at /graphql', () => {
  it('loads without a CDN and runs a query', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).not.toMatch(/unpkg\.com|jsdelivr/);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    await page.goto(`${server.url}/graphql?query=${encodeURIComponent('{ entity(id: "place:kazakhstan") { id name } }')}`);
    await page.click('.graphiql-execute-button', { timeout: 20_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: the test reads what GraphiQL shows, as rendered
    await page.waitForFunction(() => document.body.innerText.includes('"data"') && document.body.innerText.includes('"Kazakhstan"'), null, { timeout: 20_000 });
    await page.screenshot({ path: 'test-results/graphiql.png' });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
