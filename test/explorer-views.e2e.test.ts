/**
 * The explorer's views in Debian's Chromium against the real server and Neo4j: the landing view, a shared
 * link (reload, back and forward restore it; "Copy link" copies it), "Copy as GraphQL / curl" run through
 * /graphql and compared with what the page drew, a large view (the whole reachable graph, ~185 entities) laid out
 * without overlaps, and the date slider on the graph, path and value-chain views.
 * What the page shows is checked against the GraphQL API; screenshots go to test-results/.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RESULTS, useExplorerSession } from './chromium.ts';

const session = useExplorerSession();

/** A subgraph as the API returns it: entity ids and relationship ids. */
interface Drawn {
  nodes: string[];
  edges: string[];
}

/** Waits until the page has drawn its latest state, and fails on a drawing error. */
async function settle(on: Page = session.page): Promise<void> {
  await on.waitForFunction(() => (globalThis as any).explorer !== undefined);
  expect(await on.evaluate(() => (globalThis as any).explorer.settled())).toBe(true);
}

/** What the page's graph holds (sorted ids of its Cytoscape nodes and edges). */
function drawn(on: Page = session.page): Promise<Drawn> {
  return on.evaluate(() => {
    const { cy } = (globalThis as any).explorer;
    return {
      nodes: cy
        .nodes()
        .map((node: any) => node.id())
        .sort(),
      edges: cy
        .edges()
        .map((edge: any) => edge.id())
        .sort(),
    };
  });
}

/** The union of neighbourhoods the API returns for these centres, with these options, as sorted ids. */
async function neighbourhoods(ids: string[], options: { depth?: number; types?: string[]; first?: number } = {}): Promise<Drawn> {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const id of ids) {
    const { neighborhood } = await session.server.data(
      'query ($id: ID!, $depth: Int, $types: [RelationshipType!], $first: Int) { neighborhood(id: $id, depth: $depth, types: $types, first: $first) { nodes { node { id } } relationships { id } } }',
      { id, ...options },
    );
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
  const point = await session.page.evaluate((target) => {
    const { cy } = (globalThis as any).explorer;
    const position = cy.getElementById(target).renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + position.x, y: box.top + position.y };
  }, id);
  await session.page.mouse.click(point.x, point.y);
}

const clipboard = (): Promise<string> => session.page.evaluate(() => navigator.clipboard.readText());

describe('the explorer opens on the partnership core', () => {
  it('draws the MoU and the roadmaps with their parties and instruments, and a legend of the types in view', async () => {
    await session.page.goto(`${session.server.url}/explore/`);
    await settle();
    const state = await session.page.evaluate(() => (globalThis as any).explorer.state);
    expect(state.expand).toEqual(['agreement:eu-kz-mou-2022', 'agreement:eu-kz-roadmap-2023-2024', 'agreement:eu-kz-roadmap-2025-2026']);
    expect(state.types).toEqual(expect.arrayContaining(['PARTY_TO', 'SIGNED', 'IMPLEMENTS', 'FUNDS']));

    const expected = await neighbourhoods(state.expand, { types: state.types });
    expect(await drawn()).toEqual(expected);
    expect(expected.nodes.length).toBeGreaterThan(10);
    expect(session.page.url()).toBe(`${session.server.url}/explore/`);

    const types = await session.page.evaluate(() => [...new Set((globalThis as any).explorer.cy.nodes().map((node: any) => node.data('type')))].sort());
    expect((await session.page.locator('#legend-types li').allTextContents()).sort()).toEqual(types);
    expect(types).toEqual(expect.arrayContaining(['Actor', 'Agreement']));
    expect(await session.page.locator('.legend-sides li').allTextContents()).toEqual(expect.arrayContaining(['EU', 'KZ', 'Other']));
    expect(await session.page.textContent('#card')).toContain('The partnership’s core');
    await session.page.screenshot({ path: resolve(RESULTS, 'explorer-landing.png') });
  });
});

describe('the URL is the view', () => {
  const focus = 'project:hyrasia-one';
  const types = ['PARTICIPATES_IN', 'INVOLVES', 'LOCATED_IN', 'FUNDS', 'PRODUCES', 'AT_STAGE'];
  const link = `/explore/?focus=${focus}&depth=2&types=${types.join(',')}`;

  it('a shared link shows its entity, depth and link types; reload, back and forward restore each view', async () => {
    await session.page.goto(`${session.server.url}${link}`);
    await settle();
    const first = await neighbourhoods([focus], { depth: 2, types });
    expect(await drawn()).toEqual(first);
    const { node } = await session.server.data('query ($id: ID!) { node(id: $id) { ... on Entity { name } } }', { id: focus });
    await expect.poll(() => session.page.textContent('#card h2')).toBe(node.name);
    expect(await session.page.inputValue('#depth')).toBe('2');
    expect((await session.page.$$eval('#type-options input:checked', (inputs) => inputs.map((input) => (input as HTMLInputElement).value))).sort()).toEqual(
      [...types].sort(),
    );
    expect(await session.page.evaluate(() => (globalThis as any).explorer.cy.$('node.focus').map((element: any) => element.id()))).toEqual([focus]);

    const next = first.nodes.find((id) => id.startsWith('actor:'))!;
    await clickNode(next);
    await settle();
    const second = await neighbourhoods([focus, next], { depth: 2, types });
    expect(await drawn()).toEqual(second);
    expect(session.page.url()).toBe(`${session.server.url}/explore/?focus=${next}&expand=${focus}&depth=2&types=${types.join(',')}`);

    await session.page.goBack();
    await expect.poll(() => session.page.url()).toBe(`${session.server.url}${link}`);
    await settle();
    expect(await drawn()).toEqual(first);
    await expect.poll(() => session.page.textContent('#card h2')).toBe(node.name);

    await session.page.goForward();
    await expect.poll(() => session.page.url()).toContain(`focus=${next}`);
    await settle();
    expect(await drawn()).toEqual(second);

    await session.page.reload();
    await settle();
    expect(await drawn()).toEqual(second);
    expect(await session.page.evaluate(() => (globalThis as any).explorer.cy.$('node.focus').map((element: any) => element.id()))).toEqual([next]);
  });

  it('"Copy link" copies the address, and the copied link opens the same view in another tab', async () => {
    await session.page.click('#copy-link');
    await expect.poll(clipboard).toBe(session.page.url());
    const other = await session.browser.newPage();
    try {
      await other.goto(await clipboard());
      await settle(other);
      expect(await drawn(other)).toEqual(await drawn());
    } finally {
      await other.close();
    }
  });

  it("the path finder's ends, hops and chosen path are in the URL", async () => {
    const from = 'actor:maros-sefcovic';
    const to = 'material:lithium';
    await session.page.goto(`${session.server.url}/explore/?focus=${from}&depth=1&from=${from}&to=${to}&hops=4&path=2`);
    await settle();
    const { paths } = await session.server.data(
      'query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { nodes { id name } relationships { id } } }',
      { from, to },
    );
    expect(paths.length).toBeGreaterThan(1);
    expect(await session.page.textContent('#path-from')).toBe(paths[0].nodes[0].name);
    expect(await session.page.locator('#path-list li').count()).toBe(paths.length);
    expect(await session.page.getAttribute('#path-list li:nth-child(2)', 'class')).toBe('active');
    const onPath = await session.page.evaluate(() =>
      (globalThis as any).explorer.cy
        .$('.on-path')
        .map((element: any) => element.id())
        .sort(),
    );
    expect(onPath).toEqual([...paths[1].nodes, ...paths[1].relationships].map((element: { id: string }) => element.id).sort());

    await session.page.click('#path-list li:nth-child(1) button');
    await settle();
    expect(session.page.url()).toContain('path=1');
  });
});

describe('Copy as GraphQL / curl', () => {
  it('the document and variables, run through /graphql, return exactly what the graph drew; so does the curl line', async () => {
    const from = 'actor:maros-sefcovic';
    const to = 'material:lithium';
    await session.page.goto(
      `${session.server.url}/explore/?focus=actor:marat-karabayev&expand=event:amm-2023&depth=1&types=ATTENDED,MET,ANNOUNCED,HOLDS_DEPOSIT,HOLDS_OFFICE&from=${from}&to=${to}&path=1`,
    );
    await settle();
    await session.page.click('#copy-graphql');
    expect(await session.page.isVisible('#query-dialog')).toBe(true);
    const query = await session.page.inputValue('#query-document');
    const variables = JSON.parse(await session.page.inputValue('#query-variables'));

    const answer = await session.server.query(query, variables);
    expect(answer.errors).toBeUndefined();
    const fromApi = idsOfAnswer(answer.data!);
    expect(fromApi.nodes.length).toBeGreaterThan(5);
    expect(await drawn()).toEqual(fromApi);
    const highlighted = await session.page.evaluate(() =>
      (globalThis as any).explorer.cy
        .$('.on-path')
        .map((element: any) => element.id())
        .sort(),
    );
    const [shortest] = answer.data!.paths;
    expect(highlighted).toEqual([...shortest.nodes, ...shortest.relationships].map((element: { id: string }) => element.id).sort());

    const curl = await session.page.inputValue('#query-curl');
    expect(curl).toMatch(/^curl -sS 'http:\/\/127\.0\.0\.1:\d+\/graphql' /);
    // Asynchronously: the server answering curl runs in this very process.
    const fromCurl = JSON.parse((await promisify(execFile)('bash', ['-c', curl], { encoding: 'utf8' })).stdout);
    expect(fromCurl).toEqual({ data: answer.data });

    await session.page.click('[data-copy="query-curl"]');
    await expect.poll(clipboard).toBe(curl);
    await session.page.click('[data-copy="query-document"]');
    await expect.poll(clipboard).toBe(query);
    await session.page.click('#query-close');
  });

  it('on the value chain tab it hands out the value chain query, whose stages are the ones shown', async () => {
    await session.page.click('[role="tab"][data-tab="chain"]');
    await settle();
    await expect.poll(() => session.page.locator('#chain-view .stage').count()).toBeGreaterThan(0);
    await session.page.click('#copy-graphql');
    const answer = await session.server.data(await session.page.inputValue('#query-document'), JSON.parse(await session.page.inputValue('#query-variables')));
    const stages = answer.valueChain.stages.map((stage: { position: number; stage: { name: string } }) => `${stage.position}. ${stage.stage.name}`);
    expect(await session.page.locator('#chain-view .stage strong').allTextContents()).toEqual(stages);
    await session.page.click('#query-close');
    expect(session.page.url()).toContain('tab=chain');
  });
});

describe('readable at a large view', () => {
  it('lays out the whole reachable graph (six depth-3 neighbourhoods of up to 200) with no two entities overlapping, shows link labels only on hover or selection, and marks the focus', async () => {
    const centres = [
      'place:kazakhstan',
      'place:european-union',
      'chain:batteries',
      'chain:renewable-hydrogen',
      'agreement:eu-kz-roadmap-2023-2024',
      'material:lithium',
    ];
    await session.page.goto(`${session.server.url}/explore/?focus=${centres.at(-1)}&expand=${centres.slice(0, -1).join(',')}&depth=3&size=200`);
    await settle();
    const expected = await neighbourhoods(centres, { depth: 3, first: 200 });
    expect(await drawn()).toEqual(expected);
    // At least 180 entities (or nearly every linkable one, if the curated graph held fewer): six depth-3
    // neighbourhoods of up to 200 each; Sources are never reached by a link.
    const { stats } = await session.server.data('{ stats { entities { key count } } }');
    const linkable = stats.entities
      .filter((entry: { key: string }) => entry.key !== 'Source')
      .reduce((sum: number, entry: { count: number }) => sum + entry.count, 0);
    expect(expected.nodes.length).toBeGreaterThanOrEqual(Math.min(180, linkable - 10));

    const overlaps = await session.page.evaluate(() => {
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
    expect(overlaps).toBe(0);

    const labels = () =>
      session.page.evaluate(() =>
        (globalThis as any).explorer.cy
          .edges()
          .filter((edge: any) => edge.style('label') !== '')
          .map((edge: any) => edge.id()),
      );
    expect(await labels()).toEqual([]);
    const edge = await session.page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const target = cy.getElementById('material:lithium').connectedEdges()[0];
      const box = cy.container().getBoundingClientRect();
      const point = target.renderedMidpoint();
      return {
        id: target.id(),
        type: target.data('type'),
        x: box.left + point.x,
        y: box.top + point.y,
        neighbour: target.connectedNodes().map((node: any) => node.id()),
      };
    });
    await session.page.evaluate((id) => {
      (globalThis as any).explorer.cy.getElementById(id).select();
    }, edge.id);
    expect(await labels()).toEqual([edge.id]);
    await session.page.evaluate(() => {
      (globalThis as any).explorer.cy.elements().unselect();
    });
    const lithium = await session.page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const position = cy.getElementById('material:lithium').renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return {
        x: box.left + position.x,
        y: box.top + position.y,
        edges: cy
          .getElementById('material:lithium')
          .connectedEdges()
          .map((element: any) => element.id())
          .sort(),
      };
    });
    await session.page.mouse.move(lithium.x, lithium.y);
    await expect.poll(async () => (await labels()).sort()).toEqual(lithium.edges);
    const corner = await session.page.evaluate(() => {
      const box = (globalThis as any).explorer.cy.container().getBoundingClientRect();
      return { x: box.left + 3, y: box.top + 3 };
    });
    await session.page.mouse.move(corner.x, corner.y, { steps: 5 });
    await expect.poll(labels).toEqual([]);

    const focusStyle = await session.page.evaluate(() => {
      const { cy } = (globalThis as any).explorer;
      const focused = cy.$('node.focus');
      return {
        ids: focused.map((node: any) => node.id()),
        width: focused.renderedWidth() / cy.zoom(),
        other: cy.nodes().not(focused)[0].renderedWidth() / cy.zoom(),
      };
    });
    expect(focusStyle.ids).toEqual(['material:lithium']);
    expect(focusStyle.width).toBeGreaterThan(focusStyle.other);
    await session.page.screenshot({ path: resolve(RESULTS, 'explorer-200.png') });
  });
});

describe('the date slider (asOf)', () => {
  const focus = 'project:hyrasia-one';

  /** Links of the focus's depth-2 neighbourhood that the API says hold (stated or attested) on this day. */
  async function holding(asOf: string): Promise<string[]> {
    const { neighborhood } = await session.server.data(
      'query ($id: ID!, $asOf: Date) { neighborhood(id: $id, depth: 2, asOf: $asOf, includeUncertain: true) { relationships { id validity } } }',
      { id: focus, asOf },
    );
    return neighborhood.relationships
      .filter((relationship: any) => relationship.validity !== 'UNCERTAIN')
      .map((relationship: any) => relationship.id)
      .sort();
  }

  /** Drawn links carrying this class (stale: faded; hidden: hidden by the switch). */
  function marked(className: string): Promise<string[]> {
    return session.page.evaluate(
      (name) =>
        (globalThis as any).explorer.cy
          .edges(`.${name}`)
          .map((edge: any) => edge.id())
          .sort(),
      className,
    );
  }

  it('fades the links the API does not say hold on asOf, follows the slider, hides with the switch, and keeps asOf in the URL', async () => {
    const asOf = '2019-01-01';
    await session.page.goto(`${session.server.url}/explore/?focus=${focus}&depth=2&asOf=${asOf}`);
    await settle();
    const all = (await neighbourhoods([focus], { depth: 2 })).edges;
    expect((await drawn()).edges).toEqual(all);
    const hold = await holding(asOf);
    expect(await marked('stale')).toEqual(all.filter((id) => !hold.includes(id)));
    expect(await session.page.inputValue('#as-of-date')).toBe(asOf);

    await session.page.evaluate(() => {
      const range = document.querySelector('#as-of-range') as HTMLInputElement;
      range.value = range.max;
      range.dispatchEvent(new Event('change'));
    });
    await expect.poll(() => session.page.url()).not.toContain(`asOf=${asOf}`);
    await settle();
    const later = new URL(session.page.url()).searchParams.get('asOf')!;
    expect(later).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const holdLater = await holding(later);
    expect(await marked('stale')).toEqual(all.filter((id) => !holdLater.includes(id)));

    await session.page.check('#as-of-hide');
    await expect.poll(() => session.page.url()).toContain('hide=1');
    await settle();
    expect(await marked('hidden')).toEqual(all.filter((id) => !holdLater.includes(id)));

    await session.page.reload();
    await settle();
    expect(new URL(session.page.url()).searchParams.get('asOf')).toBe(later);
    expect(await session.page.inputValue('#as-of-date')).toBe(later);
    expect(await marked('hidden')).toEqual(all.filter((id) => !holdLater.includes(id)));
    await session.page.uncheck('#as-of-hide');
    await settle();
    await session.page.screenshot({ path: resolve(RESULTS, 'explorer-as-of.png') });
  });
});

describe('the date slider on the path view', () => {
  const from = 'actor:maros-sefcovic';
  const to = 'material:lithium';
  const asOf = '2023-06-01';

  /** The drawn paths' links and, by the relationship fields as of `day`, those that hold (STATED or ATTESTED). */
  async function pathLinks(day: string): Promise<{ paths: string[][]; holding: Set<string> }> {
    const { paths } = await session.server.data(
      'query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { relationships { id type from } } }',
      { from, to },
    );
    const links = paths.flatMap((path: { relationships: { id: string; type: string; from: string }[] }) => path.relationships);
    const { nodes } = await session.server.data(
      `query ($starts: [ID!]!, $types: [RelationshipType!], $day: Date) { nodes(ids: $starts) { ... on Entity { id
        relationships(types: $types, direction: OUT, asOf: $day, includeUncertain: true, first: 100) { edges { type key validity node { id } } } } } }`,
      { starts: [...new Set(links.map((link: { from: string }) => link.from))], types: [...new Set(links.map((link: { type: string }) => link.type))], day },
    );
    const holding = new Set<string>();
    for (const node of nodes) {
      for (const edge of node.relationships.edges) {
        if (edge.validity !== 'UNCERTAIN') holding.add(`${node.id}|${edge.type}|${edge.node.id}${edge.key ? `|${edge.key}` : ''}`);
      }
    }
    return { paths: paths.map((path: { relationships: { id: string }[] }) => path.relationships.map((link) => link.id)), holding };
  }

  /** Drawn links carrying a class, sorted. */
  const marked = (className: string, on: Page = session.page): Promise<string[]> =>
    on.evaluate(
      (name) =>
        (globalThis as any).explorer.cy
          .edges(`.${name}`)
          .map((edge: any) => edge.id())
          .sort(),
      className,
    );

  it('fades the path links the API does not say hold on asOf, counts them per path, and a shared link reopens the same faded links', async () => {
    await session.page.goto(`${session.server.url}/explore/?depth=1&asOf=${asOf}&from=${from}&to=${to}&path=1`);
    await settle();
    const { paths, holding } = await pathLinks(asOf);
    const all = [...new Set(paths.flat())].sort();
    expect((await drawn()).edges).toEqual(all);
    const faded = all.filter((id) => !holding.has(id));
    expect(faded.length).toBeGreaterThan(0);
    expect(faded.length).toBeLessThan(all.length);
    expect(await marked('stale')).toEqual(faded);
    expect(await marked('on-path')).toEqual([...paths[0]!].sort());
    expect(await session.page.$$eval('#path-list li', (items) => items.map((item) => Number((item as HTMLElement).dataset.holding)))).toEqual(
      paths.map((links) => links.filter((id) => holding.has(id)).length),
    );
    expect(await session.page.textContent('#status')).toContain(`${paths[0]!.filter((id) => holding.has(id)).length} of ${paths[0]!.length} hold on ${asOf}.`);

    // "Copy as GraphQL" hands out the question about the path links too; its answer gives the faded links.
    await session.page.click('#copy-graphql');
    expect(await session.page.isVisible('#query-path-links')).toBe(true);
    const { nodes } = await session.server.data(
      await session.page.inputValue('#query-path-links-document'),
      JSON.parse(await session.page.inputValue('#query-path-links-variables')),
    );
    const held = new Set<string>(
      nodes.flatMap((node: { id: string; relationships: { edges: { type: string; key: string | null; validity: string; node: { id: string } }[] } }) =>
        node.relationships.edges
          .filter((edge) => edge.validity !== 'UNCERTAIN')
          .map((edge) => `${node.id}|${edge.type}|${edge.node.id}${edge.key ? `|${edge.key}` : ''}`),
      ),
    );
    expect(all.filter((id) => !held.has(id))).toEqual(faded);
    await session.page.click('#query-close');
    await session.page.screenshot({ path: resolve(RESULTS, 'explorer-path-as-of.png') });

    await session.page.click('#copy-link');
    await expect.poll(clipboard).toBe(session.page.url());
    const shared = await session.browser.newPage();
    await shared.goto(await clipboard());
    await settle(shared);
    expect(new URL(shared.url()).searchParams.get('asOf')).toBe(asOf);
    expect(await shared.inputValue('#as-of-date')).toBe(asOf);
    expect(await marked('stale', shared)).toEqual(faded);
    expect(await marked('on-path', shared)).toEqual([...paths[0]!].sort());
    await shared.close();

    const later = '2024-06-01';
    await session.page.evaluate((day) => {
      const range = document.querySelector('#as-of-range') as HTMLInputElement;
      range.value = String(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
      range.dispatchEvent(new Event('change'));
    }, later);
    await expect.poll(() => new URL(session.page.url()).searchParams.get('asOf')).toBe(later);
    await settle();
    const moved = await pathLinks(later);
    expect(await marked('stale')).toEqual(all.filter((id) => !moved.holding.has(id)));
    expect(await marked('stale')).not.toEqual(faded);
  });
});

describe('the date slider on the value-chain view', () => {
  const chain = 'chain:batteries';

  /** Per stage, the actor chips (lane, id) and whether the page fades, hides or dashes them. */
  function chips(): Promise<{ stage: number; id: string; stale: boolean; hidden: boolean; uncertain: boolean }[]> {
    return session.page.evaluate(() => {
      const grid = document.querySelector('#chain-view') as HTMLElement;
      const columns = grid.querySelectorAll('.stage').length;
      return [...grid.querySelectorAll('.cell.lane-eu, .cell.lane-kz')].flatMap((cell, index) =>
        [...cell.querySelectorAll('.chip')].map((chip) => ({
          stage: index % columns,
          id: (chip as HTMLElement).dataset.id!,
          stale: chip.classList.contains('stale'),
          hidden: chip.classList.contains('hidden'),
          uncertain: chip.classList.contains('uncertain'),
        })),
      );
    });
  }

  /** What the API says for the chain on `day`: per stage, actor id -> best validity, and the day's gaps. */
  async function chainOn(day: string): Promise<{ holding: Map<string, string>[]; gaps: string[] }> {
    const { uncertain, known } = await session.server.data(
      `query ($id: ID!, $day: Date) {
        uncertain: valueChain(id: $id, asOf: $day, includeUncertain: true) { stages { links { from validity } } }
        known: valueChain(id: $id, asOf: $day) { gaps { id } } }`,
      { id: chain, day },
    );
    const rank: Record<string, number> = { STATED: 3, ATTESTED: 2, UNCERTAIN: 1 };
    const holding = uncertain.stages.map((stage: { links: { from: string; validity: string }[] }) => {
      const actors = new Map<string, string>();
      for (const link of stage.links) if (!actors.has(link.from) || rank[link.validity]! > rank[actors.get(link.from)!]!) actors.set(link.from, link.validity);
      return actors;
    });
    return { holding, gaps: known.gaps.map((gap: { id: string }) => gap.id).sort() };
  }

  /** Checks every actor chip against the API's answer for `day`: faded (or hidden) unless a link known to hold that day puts it there. */
  async function expectChips(day: string, hide: boolean): Promise<number> {
    const { holding, gaps } = await chainOn(day);
    const shown = await chips();
    expect(shown.length).toBeGreaterThan(0);
    let faded = 0;
    for (const chip of shown) {
      const validity = holding[chip.stage]!.get(chip.id);
      const holds = validity === 'STATED' || validity === 'ATTESTED';
      if (!holds) faded += 1;
      expect({ ...chip, validity }).toEqual({ ...chip, validity, stale: !holds && !hide, hidden: !holds && hide, uncertain: validity === 'UNCERTAIN' });
    }
    expect((await session.page.$$eval('#chain-view .stage.gap', (stages) => stages.map((stage) => (stage as HTMLElement).dataset.id))).sort()).toEqual(gaps);
    return faded;
  }

  it("fades the actors no link holding on asOf puts at a stage, marks that day's gaps, follows the slider and the switch, and keeps asOf in the URL", async () => {
    const asOf = '2025-06-01';
    await session.page.goto(`${session.server.url}/explore/?depth=1&asOf=${asOf}&tab=chain&chain=${chain}`);
    await settle();
    await expect.poll(() => session.page.locator('#chain-view .stage').count()).toBeGreaterThan(0);
    const faded = await expectChips(asOf, false);
    expect(faded).toBeGreaterThan(0);
    expect(faded).toBeLessThan((await chips()).length);
    await session.page.screenshot({ path: resolve(RESULTS, 'explorer-chain-as-of.png') });
    const before = (await chips()).map((chip) => chip.stale);

    await session.page.evaluate(() => {
      const range = document.querySelector('#as-of-range') as HTMLInputElement;
      range.value = String(Date.parse('2019-06-01T00:00:00Z') / 86_400_000);
      range.dispatchEvent(new Event('change'));
    });
    await expect.poll(() => new URL(session.page.url()).searchParams.get('asOf')).toBe('2019-06-01');
    await settle();
    expect(new URL(session.page.url()).searchParams.get('tab')).toBe('chain');
    await expectChips('2019-06-01', false);
    expect((await chips()).map((chip) => chip.stale)).not.toEqual(before);

    await session.page.check('#as-of-hide');
    await expect.poll(() => session.page.url()).toContain('hide=1');
    await settle();
    await expectChips('2019-06-01', true);

    await session.page.reload();
    await settle();
    await expect.poll(() => session.page.locator('#chain-view .chip').count()).toBeGreaterThan(0);
    expect(await session.page.inputValue('#as-of-date')).toBe('2019-06-01');
    await expectChips('2019-06-01', true);
    await session.page.uncheck('#as-of-hide');
    await settle();

    await session.page.click('#copy-graphql');
    const answer = await session.server.data(await session.page.inputValue('#query-document'), JSON.parse(await session.page.inputValue('#query-variables')));
    expect(answer.asOf.stages.length).toBe(answer.valueChain.stages.length);
    await session.page.click('#query-close');
  });

  it('a date on the timeline sets the slider for all three views', async () => {
    await session.page.goto(`${session.server.url}/explore/?depth=1&focus=project:hyrasia-one&tab=timeline&chain=${chain}`);
    await settle();
    await expect.poll(() => session.page.locator('#timeline-list li button.date').count()).toBeGreaterThan(0);
    const date = await session.page.locator('#timeline-list li time').last().textContent();
    await session.page.locator('#timeline-list li button.date').last().click();
    const day = `${date}-01-01`.slice(0, 10);
    await expect.poll(() => new URL(session.page.url()).searchParams.get('asOf')).toBe(day);
    await settle();
    expect(await session.page.inputValue('#as-of-date')).toBe(day);
    expect(await session.page.isChecked('#as-of-on')).toBe(true);

    await session.page.click('[role="tab"][data-tab="chain"]');
    await settle();
    await expect.poll(() => session.page.locator('#chain-view .chip').count()).toBeGreaterThan(0);
    await expectChips(day, false);

    await session.page.click('[role="tab"][data-tab="graph"]');
    await settle();
    await session.page.click('#copy-graphql');
    const operation = { query: await session.page.inputValue('#query-document'), variables: JSON.parse(await session.page.inputValue('#query-variables')) };
    await session.page.click('#query-close');
    expect(operation.variables.asOf).toBe(day);
    const answer = await session.server.data(operation.query, operation.variables);
    const holding = new Set(
      (answer.n1AsOf.relationships as { id: string; validity: string }[]).filter((link) => link.validity !== 'UNCERTAIN').map((link) => link.id),
    );
    const edges = (answer.n1.relationships as { id: string }[]).map((link) => link.id).sort();
    expect((await drawn()).edges).toEqual(edges);
    const stale = await session.page.evaluate(() =>
      (globalThis as any).explorer.cy
        .edges('.stale')
        .map((edge: any) => edge.id())
        .sort(),
    );
    expect(stale).toEqual(edges.filter((id) => !holding.has(id)));
  });
});
