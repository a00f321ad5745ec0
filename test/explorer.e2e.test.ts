/**
 * The explorer page end to end in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against the real server and Neo4j: search, the entity card, expanding by a click on the canvas, the path
 * finder, the exports of the view (compared with the server's export endpoints), the value chain and the
 * timeline. What the page shows is checked against the GraphQL API. The tests run in order, as one
 * session of a researcher; test-results/explorer.png keeps a screenshot of the highlighted path.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { RESULTS, useExplorerSession } from './chromium.ts';

const SCREENSHOT = resolve(RESULTS, 'explorer.png');

const session = useExplorerSession({ open: '/explore' });

/** Ids of the entities of a neighbourhood (depth 1, the page's default), as the API returns them. */
async function neighborhoodIds(id: string): Promise<string[]> {
  const { neighborhood } = await session.server.data('query ($id: ID!) { neighborhood(id: $id) { nodes { node { id } } } }', { id });
  return neighborhood.nodes.map((item: { node: { id: string } }) => item.node.id);
}

/** Ids of the entities in the page's view. */
const viewIds = (): Promise<string[]> => session.page.evaluate(() => [...(globalThis as any).explorer.view.nodes.keys()]);

/** Picks a search hit: types the text, clicks the hit with that id, waits for its card. */
async function pickFromSearch(text: string, id: string, name: string): Promise<void> {
  await session.page.fill('#search-input', text);
  await session.page.click(`#search-results button[data-id="${id}"]`);
  await expect.poll(() => session.page.textContent('#card h2')).toBe(name);
}

/** Clicks a button that downloads a file and returns the file's name and text. */
async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([session.page.waitForEvent('download'), session.page.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

describe('the explorer in Chromium', () => {
  it('search finds Šefčovič without diacritics; the card shows his properties and sources as links; his neighbourhood is drawn', async () => {
    await pickFromSearch('sefcovic', 'actor:maros-sefcovic', 'Maroš Šefčovič');

    const { node } = await session.server.data('{ node(id: "actor:maros-sefcovic") { ... on Entity { sources { title url } } } }');
    const links = await session.page.$$eval('#card .sources a', (anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]));
    expect(links).toEqual(
      node.sources.filter((source: { url: string | null }) => source.url).map((source: { title: string; url: string }) => [source.title, source.url]),
    );
    expect(await session.page.$$eval('#card dt', (terms) => terms.map((term) => term.textContent))).toEqual(['confidence', 'kind', 'side']);
    expect(await session.page.$$eval('#card dd', (values) => values.map((value) => value.textContent))).toEqual(['HIGH', 'PERSON', 'EU']);

    const expected = await neighborhoodIds('actor:maros-sefcovic');
    await expect.poll(async () => (await viewIds()).sort()).toEqual([...expected].sort());
    const drawn = await session.page.evaluate(() => (globalThis as any).explorer.cy.nodes().map((node: any) => node.id()));
    expect(drawn.sort()).toEqual([...expected].sort());
    expect(await session.page.textContent('#status')).toMatch(new RegExp(`^${expected.length} entities, \\d+ links in view\\.$`));
  });

  it('a click on a node in the canvas shows its card and merges its neighbourhood into the view', async () => {
    const target = 'event:amm-2023';
    const before = await viewIds();
    const point = await session.page.evaluate((id) => {
      const { cy } = (globalThis as any).explorer;
      const position = cy.getElementById(id).renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + position.x, y: box.top + position.y };
    }, target);
    await session.page.mouse.click(point.x, point.y);

    await expect.poll(() => session.page.textContent('#card h2')).toBe('13th Astana Mining & Metallurgy Congress (AMM 2023)');
    const expected = new Set([...before, ...(await neighborhoodIds(target))]);
    await expect.poll(async () => new Set(await viewIds())).toEqual(expected);
    expect(expected.size).toBeGreaterThan(before.length);
  });

  it('finds the paths between two picked entities and highlights the shortest in the graph', async () => {
    const from = 'actor:maros-sefcovic';
    const to = 'material:lithium';
    await pickFromSearch('sefcovic', from, 'Maroš Šefčovič');
    await session.page.click('#card-from');
    await pickFromSearch('lithium', to, 'Lithium');
    await session.page.click('#card-to');
    expect(await session.page.textContent('#path-from')).toBe('Maroš Šefčovič');
    await session.page.click('#find-paths');

    const { paths } = await session.server.data(
      `{ paths(from: "${from}", to: "${to}", maxHops: 4, first: 3) { length nodes { id name } relationships { id } } }`,
    );
    const items = session.page.locator('#path-list li');
    await expect.poll(() => items.count()).toBe(paths.length);
    const [shortest] = paths;
    const names = shortest.nodes.map((node: { name: string }) => node.name).join(' → ');
    expect(await items.first().textContent()).toBe(`${shortest.length} links: ${names}`);
    expect(await session.page.textContent('#status')).toBe(`Path of ${shortest.length} links: ${names}`);

    const highlighted = await session.page.evaluate(() => (globalThis as any).explorer.cy.$('.on-path').map((element: any) => element.id()));
    const onPath = [...shortest.nodes, ...shortest.relationships].map((element: { id: string }) => element.id);
    expect(highlighted.sort()).toEqual([...onPath].sort());
    const faded = await session.page.evaluate(() => (globalThis as any).explorer.cy.$('.faded').length);
    const total = await session.page.evaluate(() => (globalThis as any).explorer.cy.elements().length);
    expect(faded).toBe(total - onPath.length);

    // The path is really drawn: the graph's own rendering holds a good number of the path's red pixels.
    await session.page.waitForTimeout(400);
    const redPixels = await session.page.evaluate(async () => {
      const scope = globalThis as any;
      const image = new scope.Image();
      image.src = scope.explorer.cy.png({ bg: '#ffffff' });
      await image.decode();
      const canvas = scope.document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const drawing = canvas.getContext('2d');
      drawing.drawImage(image, 0, 0);
      const pixels: Uint8ClampedArray = drawing.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let index = 0; index < pixels.length; index += 4) {
        if (Math.abs(pixels[index]! - 0xd7) < 30 && Math.abs(pixels[index + 1]! - 0x26) < 30 && Math.abs(pixels[index + 2]! - 0x3d) < 30) count += 1;
      }
      return count;
    });
    expect(redPixels).toBeGreaterThan(300);

    const png = await session.page.screenshot({ path: SCREENSHOT });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');

    const exportLink = await session.page.getAttribute('#path-exports a.export-graphml', 'href');
    expect(exportLink).toBe(`${session.server.url}/export/path.graphml?from=actor%3Amaros-sefcovic&to=material%3Alithium&maxHops=4`);

    await session.page.selectOption('#max-hops', '2');
    await session.page.click('#find-paths');
    await expect.poll(() => session.page.textContent('#status')).toBe('No path within 2 hops.');
    expect(await session.page.getAttribute('#status', 'class')).toBe('error');
    expect(await items.count()).toBe(0);
    expect(await session.page.evaluate(() => (globalThis as any).explorer.cy.$('.on-path, .faded').length)).toBe(0);
  });

  it('exports the view as GraphML, JSON and CSV with every entity and link in it', async () => {
    const ids = await viewIds();
    const edgeCount = await session.page.evaluate(() => (globalThis as any).explorer.view.edges.size);

    const graphml = await download('[data-export="graphml"]');
    expect(graphml.name).toBe('view.graphml');
    expect(XMLValidator.validate(graphml.text)).toBe(true);
    expect(graphml.text.match(/<node id=/g)).toHaveLength(ids.length);
    expect(graphml.text.match(/<edge id=/g)).toHaveLength(edgeCount);

    const json = JSON.parse((await download('[data-export="json"]')).text);
    expect(json.kind).toBe('view');
    expect(json.nodes.map((node: { id: string }) => node.id)).toEqual(ids);
    expect(json.edges).toHaveLength(edgeCount);

    const nodes = parse((await download('[data-export="nodes.csv"]')).text, { columns: true }) as Record<string, string>[];
    expect(nodes.map((row) => row.id)).toEqual(ids);
    const edges = parse((await download('[data-export="edges.csv"]')).text, { columns: true }) as Record<string, string>[];
    expect(edges).toHaveLength(edgeCount);
    for (const edge of edges) expect(ids).toEqual(expect.arrayContaining([edge.from, edge.to]));
  });

  it('exports a neighbourhood from the page exactly as the server exports it', async () => {
    await session.page.click('#clear');
    await expect.poll(viewIds).toEqual([]);
    const id = 'event:amm-2023';
    await pickFromSearch('Astana Mining', id, '13th Astana Mining & Metallurgy Congress (AMM 2023)');
    await expect.poll(viewIds).toEqual(await neighborhoodIds(id));

    const served = async (format: string) => (await fetch(`${session.server.url}/export/neighborhood.${format}?id=${id}`)).text();
    expect((await download('[data-export="nodes.csv"]')).text).toBe(await served('nodes.csv'));
    expect((await download('[data-export="edges.csv"]')).text).toBe(await served('edges.csv'));
    expect((await download('[data-export="graphml"]')).text.replace('<graph id="view"', '<graph id="neighborhood"')).toBe(await served('graphml'));
    const fromPage = JSON.parse((await download('[data-export="json"]')).text);
    const fromServer = JSON.parse(await served('json'));
    expect({ nodes: fromPage.nodes, edges: fromPage.edges }).toEqual({ nodes: fromServer.nodes, edges: fromServer.edges });

    const linked = await download('#card a.export-edges-csv');
    expect(linked.name).toBe('neighborhood-event_amm-2023.edges.csv');
    expect(linked.text).toBe(await served('edges.csv'));
  });

  it('shows the battery value chain as stages with EU and KZ lanes, and marks the gaps', async () => {
    await session.page.click('[role="tab"][data-tab="chain"]');
    const { valueChain } = await session.server.data(`{ valueChain(id: "chain:batteries") {
      gaps { id } stages { position stage { name } euActors { name } kzActors { name } } } }`);
    const stages = session.page.locator('#chain-view .stage');
    await expect.poll(() => stages.count()).toBe(valueChain.stages.length);
    expect(await session.page.inputValue('#chain-select')).toBe('chain:batteries');
    expect(await stages.allTextContents()).toEqual(
      valueChain.stages.map((stage: { position: number; stage: { name: string } }) => expect.stringContaining(`${stage.position}. ${stage.stage.name}`)),
    );
    expect(await session.page.locator('#chain-view .stage.gap').count()).toBe(valueChain.gaps.length);
    const lane = (className: string) =>
      session.page.$$eval(`#chain-view .cell.${className}`, (cells) =>
        cells.map((cell) => [...cell.querySelectorAll('.chip')].map((chip) => chip.textContent)),
      );
    expect(await lane('lane-eu')).toEqual(valueChain.stages.map((stage: { euActors: { name: string }[] }) => stage.euActors.map((actor) => actor.name)));
    expect(await lane('lane-kz')).toEqual(valueChain.stages.map((stage: { kzActors: { name: string }[] }) => stage.kzActors.map((actor) => actor.name)));

    const kzActor = session.page.locator('#chain-view .cell.lane-kz .chip').first();
    const name = await kzActor.textContent();
    await kzActor.click();
    await expect.poll(() => session.page.textContent('#card h2')).toBe(name);
  });

  it('shows the timeline, and narrows it to the dates asked', async () => {
    await session.page.click('[role="tab"][data-tab="timeline"]');
    const all = (await session.server.data('{ timeline(first: 200) { entries { date summary } } }')).timeline.entries;
    await expect.poll(() => session.page.locator('#timeline-list li time').count()).toBe(all.length);

    await session.page.fill('#timeline-from', '2023-05-01');
    await session.page.fill('#timeline-to', '2023-06-30');
    await session.page.click('#timeline-form button[type="submit"]');
    const { entries } = (await session.server.data('{ timeline(from: "2023-05-01", to: "2023-06-30", first: 200) { entries { date summary } } }')).timeline;
    expect(entries.length).toBeGreaterThan(0);
    await expect.poll(() => session.page.locator('#timeline-list li time').allTextContents()).toEqual(entries.map((entry: { date: string }) => entry.date));
    expect(await session.page.locator('#timeline-list .summary').allTextContents()).toEqual(entries.map((entry: { summary: string }) => entry.summary));
  });
});
