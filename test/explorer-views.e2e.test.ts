/**
 * The explorer's views in Debian's Chromium against the real server and Neo4j: the landing view, a shared
 * link (reload, back and forward restore it; "Copy link" copies it), "Copy as GraphQL / curl" run through
 * /graphql and compared with what the page drew, and a large view (over 100 entities) laid out without overlaps.
 * What the page shows is checked against the GraphQL API; screenshots go to test-results/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './chromium.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results');

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium(server.url);
  page = browser.page;
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(browser.problems.splice(0)).toEqual([]);
});

/** A subgraph as the API returns it: entity ids and relationship ids. */
interface Drawn {
  nodes: string[];
  edges: string[];
}

/** Waits until the page has drawn its latest state, and fails on a drawing error. */
async function settle(on: Page = page): Promise<void> {
  await on.waitForFunction(() => (globalThis as any).explorer !== undefined);
  expect(await on.evaluate(() => (globalThis as any).explorer.settled())).toBe(true);
}

/** What the page's graph holds (sorted ids of its Cytoscape nodes and edges). */
function drawn(on: Page = page): Promise<Drawn> {
  return on.evaluate(() => {
    const { cy } = (globalThis as any).explorer;
    return { nodes: cy.nodes().map((node: any) => node.id()).sort(), edges: cy.edges().map((edge: any) => edge.id()).sort() };
  });
}

/** The union of neighbourhoods the API returns for these centres, with these options, as sorted ids. */
async function neighbourhoods(ids: string[], options: { depth?: number; types?: string[] } = {}): Promise<Drawn> {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const id of ids) {
    const { neighborhood } = await server.data('query ($id: ID!, $depth: Int, $types: [RelationshipType!]) { neighborhood(id: $id, depth: $depth, types: $types) { nodes { node { id } } relationships { id } } }', { id, ...options });
    for (const item of neighborhood.nodes) nodes.add(item.node.id);
    for (const relationship of neighborhood.relationships) edges.add(relationship.id);
  }
  return { nodes: [...nodes].sort(), edges: [...edges].sort() };
}

/** Entity and relationship ids of an answer to the page's view operation: every neighbourhood and path in it. */
function idsOfAnswer(data: Record<string, any>): Drawn {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const [key, value] of Object.entries(data)) {
    if (/^n\d+$/.test(key)) {
      for (const item of value.nodes) nodes.add(item.node.id);
      for (const relationship of value.relationships) edges.add(relationship.id);
    }
  }
  for (const path of data.paths ?? []) {
    for (const node of path.nodes) nodes.add(node.id);
    for (const relationship of path.relationships) edges.add(relationship.id);
  }
  return { nodes: [...nodes].sort(), edges: [...edges].sort() };
}

/** Clicks an entity where the canvas draws it. */
async function clickNode(id: string): Promise<void> {
  const point = await page.evaluate((target) => {
    const { cy } = (globalThis as any).explorer;
    const position = cy.getElementById(target).renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + position.x, y: box.top + position.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

describe('the explorer opens on the partnership core', () => {
  it('draws the MoU and the roadmaps with their parties and instruments, and a legend of the types in view', async () => {
    await page.goto(`${server.url}/explore/`);
    await settle();
    const state = await page.evaluate(() => (globalThis as any).explorer.state);
    expect(state.expand).toEqual(['agreement:eu-kz-mou-2022', 'agreement:eu-kz-roadmap-2023-2024', 'agreement:eu-kz-roadmap-2025-2026']);
    expect(state.types).toEqual(expect.arrayContaining(['PARTY_TO', 'SIGNED', 'IMPLEMENTS', 'FUNDS']));

    const expected = await neighbourhoods(state.expand, { types: state.types });
    expect(await drawn()).toEqual(expected);
    expect(expected.nodes.length).toBeGreaterThan(10);
    expect(page.url()).toBe(`${server.url}/explore/`);

    const types = await page.evaluate(() => [...new Set((globalThis as any).explorer.cy.nodes().map((node: any) => node.data('type')))].sort());
    expect((await page.locator('#legend-types li').allTextContents()).sort()).toEqual(types);
    expect(types).toEqual(expect.arrayContaining(['Actor', 'Agreement']));
    expect(await page.locator('.legend-sides li').allTextContents()).toEqual(expect.arrayContaining(['EU', 'KZ', 'Other']));
    expect(await page.textContent('#card')).toContain('The partnership’s core');
    await page.screenshot({ path: resolve(RESULTS, 'explorer-landing.png') });
  });
});

describe('the URL is the view', () => {
  const focus = 'project:hyrasia-one';
  const types = ['PARTICIPATES_IN', 'INVOLVES', 'LOCATED_IN', 'FUNDS', 'PRODUCES', 'AT_STAGE'];
  const link = `/explore/?focus=${focus}&depth=2&types=${types.join(',')}`;

  it('a shared link shows its entity, depth and link types; reload, back and forward restore each view', async () => {
    await page.goto(`${server.url}${link}`);
    await settle();
    const first = await neighbourhoods([focus], { depth: 2, types });
    expect(await drawn()).toEqual(first);
    const { node } = await server.data('query ($id: ID!) { node(id: $id) { ... on Entity { name } } }', { id: focus });
    await expect.poll(() => page.textContent('#card h2')).toBe(node.name);
    expect(await page.inputValue('#depth')).toBe('2');
    expect((await page.$$eval('#type-options input:checked', (inputs) => inputs.map((input) => (input as HTMLInputElement).value))).sort()).toEqual([...types].sort());
    expect(await page.evaluate(() => (globalThis as any).explorer.cy.$('node.focus').map((element: any) => element.id()))).toEqual([focus]);

    const next = first.nodes.find((id) => id.startsWith('actor:'))!;
    await clickNode(next);
    await settle();
    const second = await neighbourhoods([focus, next], { depth: 2, types });
    expect(await drawn()).toEqual(second);
    expect(page.url()).toBe(`${server.url}/explore/?focus=${next}&expand=${focus}&depth=2&types=${types.join(',')}`);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${server.url}${link}`);
    await settle();
    expect(await drawn()).toEqual(first);
    await expect.poll(() => page.textContent('#card h2')).toBe(node.name);

    await page.goForward();
    await expect.poll(() => page.url()).toContain(`focus=${next}`);
    await settle();
    expect(await drawn()).toEqual(second);

    await page.reload();
    await settle();
    expect(await drawn()).toEqual(second);
    expect(await page.evaluate(() => (globalThis as any).explorer.cy.$('node.focus').map((element: any) => element.id()))).toEqual([next]);
  });

  it('"Copy link" copies the address, and the copied link opens the same view in another tab', async () => {
    await page.click('#copy-link');
    await expect.poll(clipboard).toBe(page.url());
    const other = await browser.newPage();
    try {
      await other.goto(await clipboard());
      await settle(other);
      expect(await drawn(other)).toEqual(await drawn());
    } finally {
      await other.close();
    }
  });

  it('the path finder\'s ends, hops and chosen path are in the URL', async () => {
    const from = 'actor:maros-sefcovic';
    const to = 'material:lithium';
    await page.goto(`${server.url}/explore/?focus=${from}&depth=1&from=${from}&to=${to}&hops=4&path=2`);
    await settle();
    const { paths } = await server.data('query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { nodes { id name } relationships { id } } }', { from, to });
    expect(paths.length).toBeGreaterThan(1);
    expect(await page.textContent('#path-from')).toBe(paths[0].nodes[0].name);
    expect(await page.locator('#path-list li').count()).toBe(paths.length);
    expect(await page.getAttribute('#path-list li:nth-child(2)', 'class')).toBe('active');
    const onPath = await page.evaluate(() => (globalThis as any).explorer.cy.$('.on-path').map((element: any) => element.id()).sort());
    expect(onPath).toEqual([...paths[1].nodes, ...paths[1].relationships].map((element: { id: string }) => element.id).sort());

    await page.click('#path-list li:nth-child(1) button');
    await settle();
    expect(page.url()).toContain('path=1');
  });
});

describe('Copy as GraphQL / curl', () => {
  it('the document and variables, run through /graphql, return exactly what the graph drew; so does the curl line', async () => {
    const from = 'actor:maros-sefcovic';
    const to = 'material:lithium';
    await page.goto(`${server.url}/explore/?focus=actor:marat-karabayev&expand=event:amm-2023&depth=1&types=ATTENDED,MET,ANNOUNCED,HOLDS_DEPOSIT,HOLDS_OFFICE&from=${from}&to=${to}&path=1`);
    await settle();
    await page.click('#copy-graphql');
    expect(await page.isVisible('#query-dialog')).toBe(true);
    const query = await page.inputValue('#query-document');
    const variables = JSON.parse(await page.inputValue('#query-variables'));

    const answer = await server.query(query, variables);
    expect(answer.errors).toBeUndefined();
    const fromApi = idsOfAnswer(answer.data!);
    expect(fromApi.nodes.length).toBeGreaterThan(5);
    expect(await drawn()).toEqual(fromApi);
    const highlighted = await page.evaluate(() => (globalThis as any).explorer.cy.$('.on-path').map((element: any) => element.id()).sort());
    const [shortest] = answer.data!.paths;
    expect(highlighted).toEqual([...shortest.nodes, ...shortest.relationships].map((element: { id: string }) => element.id).sort());

    const curl = await page.inputValue('#query-curl');
    expect(curl).toMatch(/^curl -sS 'http:\/\/127\.0\.0\.1:\d+\/graphql' /);
    // Asynchronously: the server answering curl runs in this very process.
    const fromCurl = JSON.parse((await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8' })).stdout);
    expect(fromCurl).toEqual({ data: answer.data });

    await page.click('[data-copy="query-curl"]');
    await expect.poll(clipboard).toBe(curl);
    await page.click('[data-copy="query-document"]');
    await expect.poll(clipboard).toBe(query);
    await page.click('#query-close');
  });

  it('on the value chain tab it hands out the value chain query, whose stages are the ones shown', async () => {
    await page.click('[role="tab"][data-tab="chain"]');
    await settle();
    await expect.poll(() => page.locator('#chain-view .stage').count()).toBeGreaterThan(0);
    await page.click('#copy-graphql');
    const answer = await server.data(await page.inputValue('#query-document'), JSON.parse(await page.inputValue('#query-variables')));
    const stages = answer.valueChain.stages.map((stage: { position: number; stage: { name: string } }) => `${stage.position}. ${stage.stage.name}`);
    expect((await page.locator('#chain-view .stage strong').allTextContents())).toEqual(stages);
    await page.click('#query-close');
    expect(page.url()).toContain('tab=chain');
  });
});

describe('readable at a large view', () => {
  it('lays out over 100 entities (six depth-2 neighbourhoods) with (almost) no two overlapping, shows link labels only on hover or selection, and marks the focus', async () => {
    const centres = ['place:kazakhstan', 'place:european-union', 'chain:batteries', 'chain:renewable-hydrogen', 'agreement:eu-kz-roadmap-2023-2024', 'material:lithium'];
    await page.goto(`${server.url}/explore/?focus=${centres.at(-1)}&expand=${centres.slice(0, -1).join(',')}&depth=2`);
    await settle();
    const expected = await neighbourhoods(centres, { depth: 2 });
    expect(await drawn()).toEqual(expected);
    // Six depth-2 neighbourhoods reach most of the curated graph (117 entities when written).
    expect(expected.nodes.length).toBeGreaterThanOrEqual(100);

    const overlaps = await page.evaluate(() => {
      const boxes = (globalThis as any).explorer.cy.nodes().map((node: any) => node.boundingBox({ includeLabels: false, includeOverlays: false }));
      let count = 0;
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) count += 1;
        }
      }
      return count;
    });
    // fCoSE spreads nodes apart but removes no overlap strictly: at most one pair in a hundred nodes may touch.
    expect(overlaps).toBeLessThanOrEqual(Math.ceil(expected.nodes.length / 100));

    const labels = () => page.evaluate(() => (globalThis as any).explorer.cy.edges().filter((edge: any) => edge.style('label') !== '').map((edge: any) => edge.id()));
    expect(await labels()).toEqual([]);
    const edge = await page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const target = cy.getElementById('material:lithium').connectedEdges()[0];
      const box = cy.container().getBoundingClientRect();
      const point = target.renderedMidpoint();
      return { id: target.id(), type: target.data('type'), x: box.left + point.x, y: box.top + point.y, neighbour: target.connectedNodes().map((node: any) => node.id()) };
    });
    await page.evaluate((id) => {
      (globalThis as any).explorer.cy.getElementById(id).select();
    }, edge.id);
    expect(await labels()).toEqual([edge.id]);
    await page.evaluate(() => {
      (globalThis as any).explorer.cy.elements().unselect();
    });
    const lithium = await page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const position = cy.getElementById('material:lithium').renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + position.x, y: box.top + position.y, edges: cy.getElementById('material:lithium').connectedEdges().map((element: any) => element.id()).sort() };
    });
    await page.mouse.move(lithium.x, lithium.y);
    await expect.poll(async () => (await labels()).sort()).toEqual(lithium.edges);
    const corner = await page.evaluate(() => {
      const box = (globalThis as any).explorer.cy.container().getBoundingClientRect();
      return { x: box.left + 3, y: box.top + 3 };
    });
    await page.mouse.move(corner.x, corner.y, { steps: 5 });
    await expect.poll(labels).toEqual([]);

    const focusStyle = await page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const focused = cy.$('node.focus');
      return { ids: focused.map((node: any) => node.id()), width: focused.renderedWidth() / cy.zoom(), other: cy.nodes().not(focused)[0].renderedWidth() / cy.zoom() };
    });
    expect(focusStyle.ids).toEqual(['material:lithium']);
    expect(focusStyle.width).toBeGreaterThan(focusStyle.other);
    await page.screenshot({ path: resolve(RESULTS, 'explorer-200.png') });
  });
});

describe('the date slider (asOf)', () => {
  const focus = 'project:hyrasia-one';

  /** Links of the focus's depth-2 neighbourhood that the API says hold (stated or attested) on this day. */
  async function holding(asOf: string): Promise<string[]> {
    const { neighborhood } = await server.data('query ($id: ID!, $asOf: Date) { neighborhood(id: $id, depth: 2, asOf: $asOf, includeUncertain: true) { relationships { id validity } } }', { id: focus, asOf });
    return neighborhood.relationships.filter((relationship: any) => relationship.validity !== 'UNCERTAIN').map((relationship: any) => relationship.id).sort();
  }

  /** Drawn links carrying this class (stale: faded; hidden: hidden by the switch). */
  function marked(className: string): Promise<string[]> {
    return page.evaluate((name) => (globalThis as any).explorer.cy.edges(`.${name}`).map((edge: any) => edge.id()).sort(), className);
  }

  it('fades the links the API does not say hold on asOf, follows the slider, hides with the switch, and keeps asOf in the URL', async () => {
    const asOf = '2019-01-01';
    await page.goto(`${server.url}/explore/?focus=${focus}&depth=2&asOf=${asOf}`);
    await settle();
    const all = (await neighbourhoods([focus], { depth: 2 })).edges;
    expect((await drawn()).edges).toEqual(all);
    const hold = await holding(asOf);
    expect(await marked('stale')).toEqual(all.filter((id) => !hold.includes(id)));
    expect(await page.inputValue('#as-of-date')).toBe(asOf);

    await page.evaluate(() => {
      const range = document.querySelector('#as-of-range') as HTMLInputElement;
      range.value = range.max;
      range.dispatchEvent(new Event('change'));
    });
    await expect.poll(() => page.url()).not.toContain(`asOf=${asOf}`);
    await settle();
    const later = new URL(page.url()).searchParams.get('asOf')!;
    expect(later).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const holdLater = await holding(later);
    expect(await marked('stale')).toEqual(all.filter((id) => !holdLater.includes(id)));

    await page.check('#as-of-hide');
    await expect.poll(() => page.url()).toContain('hide=1');
    await settle();
    expect(await marked('hidden')).toEqual(all.filter((id) => !holdLater.includes(id)));

    await page.reload();
    await settle();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(later);
    expect(await page.inputValue('#as-of-date')).toBe(later);
    expect(await marked('hidden')).toEqual(all.filter((id) => !holdLater.includes(id)));
    await page.uncheck('#as-of-hide');
    await settle();
    await page.screenshot({ path: resolve(RESULTS, 'explorer-as-of.png') });
  });
});
