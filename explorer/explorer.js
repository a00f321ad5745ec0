/**
 * The graph explorer: search, an entity card with its sources, neighbourhoods merged into one view, paths
 * between two picked entities, a value chain by stage and a timeline. It talks only to the public GraphQL
 * API (POST /graphql) and draws with Cytoscape.js and the fCoSE layout.
 *
 * The URL is the view: every user action changes the state (focus, expanded entities, depth, link types,
 * asOf, the path finder's ends and choice, the tab), pushes it to the address bar as readable query
 * parameters, and the page draws from the state alone, so a reload, back / forward or a shared link shows
 * the same view. What the graph shows is the answer to one GraphQL operation (viewOperation), which "Copy as
 * GraphQL / curl" hands out as it is. "Export view" writes the server's own export formats (graph-formats.js
 * is the server's module src/export/graph-formats.js).
 */
import cytoscape from './vendor/cytoscape.esm.min.mjs';
import { EXPORT_EDGE_FRAGMENT, EXPORT_NODE_FRAGMENT, FORMATS, toExportEdge, toExportNode } from './graph-formats.js';

cytoscape.use(globalThis.cytoscapeFcose);

const GRAPHQL_URL = new URL('../graphql', location.href);
const EXPORT_URL = new URL('../export/', location.href);

const $ = (selector) => document.querySelector(selector);

// ---- The state and its URL ----

/** Most entities whose neighbourhoods are drawn at once (each is one field of the view operation). */
const MAX_EXPANDED = 6;
/** Most entities per drawn neighbourhood unless the view asks for more (`size`, up to the API's 200): the API's default. */
const DEFAULT_SIZE = 50;
/** Paths the path finder asks for. */
const PATH_COUNT = 3;
const TABS = ['graph', 'chain', 'timeline'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The landing view (an empty query string): the partnership's core, the MoU and the roadmaps with their parties and instruments. */
const LANDING = {
  expand: ['agreement:eu-kz-mou-2022', 'agreement:eu-kz-roadmap-2023-2024', 'agreement:eu-kz-roadmap-2025-2026'],
  types: ['PARTY_TO', 'SIGNED', 'ANNOUNCED', 'IMPLEMENTS', 'BUILDS_ON', 'FRAMED_BY', 'FUNDS', 'FINANCES', 'MANAGES'],
};

/**
 * The state of the page, read from a query string: `focus` (the entity whose card is shown), `expand`
 * (other entities whose neighbourhoods are drawn, comma-separated), `depth` (1–3), `size` (most entities per
 * neighbourhood, 1–200, default 50), `types` (relationship
 * types, comma-separated; all when absent), `asOf` (YYYY-MM-DD), `hide` (1: hide links that do not hold
 * on asOf instead of fading them), `from` / `to` / `hops` / `path` (the path finder's ends, maximum hops and
 * the chosen path, 1–3, once paths were asked for), `tab` and `chain`. Malformed values are dropped.
 */
function readState(search) {
  const params = new URLSearchParams(search);
  const list = (name) =>
    (params.get(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const id = (name) => params.get(name)?.trim() || null;
  const integer = (name, low, high, fallback) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value >= low && value <= high ? value : fallback;
  };
  const landing = [...params.keys()].length === 0;
  const state = {
    landing,
    focus: id('focus'),
    expand: landing ? [...LANDING.expand] : list('expand'),
    depth: integer('depth', 1, 3, 1),
    size: integer('size', 1, 200, DEFAULT_SIZE),
    types: (landing ? LANDING.types : list('types')).filter((type) => /^[A-Z_]+$/.test(type)),
    asOf: ISO_DATE.test(params.get('asOf') ?? '') ? params.get('asOf') : null,
    hide: params.get('hide') === '1',
    from: id('from'),
    to: id('to'),
    hops: integer('hops', 1, 6, 4),
    path: integer('path', 1, PATH_COUNT, null),
    tab: TABS.includes(params.get('tab')) ? params.get('tab') : 'graph',
    chain: id('chain'),
  };
  state.expand = [...new Set(state.expand)].filter((item) => item !== state.focus);
  return state;
}

/** The query string of a state: empty for the landing view, else only what differs from the defaults (depth always). */
function writeSearch(state) {
  if (state.landing) return '';
  const params = new URLSearchParams();
  if (state.focus) params.set('focus', state.focus);
  if (state.expand.length) params.set('expand', state.expand.join(','));
  params.set('depth', String(state.depth));
  if (state.size !== DEFAULT_SIZE) params.set('size', String(state.size));
  if (state.types.length) params.set('types', state.types.join(','));
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.asOf && state.hide) params.set('hide', '1');
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.from && state.to && state.hops !== 4) params.set('hops', String(state.hops));
  if (state.path) params.set('path', String(state.path));
  if (state.tab !== 'graph') params.set('tab', state.tab);
  if (state.chain) params.set('chain', state.chain);
  return `?${params.toString().replaceAll('%3A', ':').replaceAll('%2C', ',')}`;
}

let state = readState(location.search);

/** Moves to a new state: the change is applied to the current one, pushed to the history, and drawn. */
function navigate(change, { replace = false } = {}) {
  const next = { ...state, landing: false, ...change };
  next.expand = [...new Set(next.expand)].filter((item) => item !== next.focus);
  while (next.expand.length + (next.focus ? 1 : 0) > MAX_EXPANDED) next.expand.shift();
  const url = `${location.pathname}${writeSearch(next)}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return apply(next);
}

addEventListener('popstate', () => act(() => apply(readState(location.search)))());

/** The latest apply, for the tests (window.explorer.settled). */
let pending = Promise.resolve();

/** Shows a state: controls, tab, card, graph. */
function apply(next) {
  pending = applyNow(next);
  return pending;
}

async function applyNow(next) {
  const previous = state;
  state = next;
  syncControls();
  const work = [showTab(state.tab), renderGraph()];
  if (state.focus && (state.focus !== previous.focus || !cardShown)) work.push(showCard(state.focus));
  if (!state.focus) showHint();
  await Promise.all(work);
}

/** The state a click on an entity leads to: it becomes the focus and the old focus stays expanded. */
function focusOn(id) {
  if (state.landing) return { focus: id, expand: [], types: [], path: null, from: null, to: null };
  return { focus: id, expand: state.focus ? [...state.expand, state.focus] : state.expand };
}

// ---- GraphQL ----

/** POSTs one operation to /graphql; rejects with the first error's message. */
async function graphql(query, variables = {}) {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

/** What the graph draws of an entity: no aliases, so that several neighbourhoods fit the API's alias limit. */
const VIEW_NODE_FRAGMENT = `
  fragment ViewNode on Entity {
    __typename id name
    ... on Actor { side } ... on Project { side } ... on Place { side }
  }
`;

/**
 * The one GraphQL operation whose answer the graph draws for `view`: a neighbourhood per expanded entity
 * (`n1`, `n2`, …, the focus last), the path finder's ends and its paths; with asOf, the neighbourhoods again
 * as of that day (`n1AsOf`, …), whose links are the ones that hold. The links of the paths found are asked
 * as of that day afterwards (pathLinksOperation): paths searched as of a day could be other paths.
 * Null when nothing is drawn.
 */
function viewOperation(view) {
  const centres = [...view.expand, ...(view.focus ? [view.focus] : [])];
  const findPaths = Boolean(view.from && view.to && view.path);
  if (centres.length === 0 && !view.from && !view.to) return null;
  const variables = {};
  const definitions = [];
  const fields = [];
  const variable = (name, type, value) => {
    definitions.push(`$${name}: ${type}`);
    variables[name] = value;
  };
  if (centres.length) variable('depth', 'Int', view.depth);
  if (centres.length && view.size !== DEFAULT_SIZE) variable('size', 'Int', view.size);
  const sizeArgument = view.size !== DEFAULT_SIZE ? ', first: $size' : '';
  if (view.types.length && (centres.length || findPaths)) variable('types', '[RelationshipType!]', view.types);
  const typesArgument = view.types.length ? ', types: $types' : '';
  const asOf = view.asOf ? ', asOf: $asOf, includeUncertain: true' : '';
  if (view.asOf && centres.length) variable('asOf', 'Date', view.asOf);
  centres.forEach((id, index) => {
    variable(`c${index + 1}`, 'ID!', id);
    fields.push(`n${index + 1}: neighborhood(id: $c${index + 1}, depth: $depth${sizeArgument}${typesArgument}) {
    truncated reachable nodes { node { ...ViewNode } } relationships { ...ExportEdge } }`);
    if (view.asOf)
      fields.push(`n${index + 1}AsOf: neighborhood(id: $c${index + 1}, depth: $depth${sizeArgument}${typesArgument}${asOf}) { relationships { id validity } }`);
  });
  const ends = [view.from, view.to].filter(Boolean);
  if (ends.length) {
    variable('ends', '[ID!]!', ends);
    fields.push('nodes(ids: $ends) { ... on Entity { id name } }');
  }
  if (findPaths) {
    variable('from', 'ID!', view.from);
    variable('to', 'ID!', view.to);
    variable('maxHops', 'Int', view.hops);
    const pathTypes = view.types.length ? ', relationshipTypes: $types' : '';
    fields.push(`paths(from: $from, to: $to, maxHops: $maxHops${pathTypes}, first: ${PATH_COUNT}) {
    length nodes { ...ViewNode } relationships { ...ExportEdge } }`);
  }
  const fragments = centres.length || findPaths ? `${VIEW_NODE_FRAGMENT}${EXPORT_EDGE_FRAGMENT}` : '';
  const query = `query ExplorerView(${definitions.join(', ')}) {\n  ${fields.join('\n  ')}\n}\n${fragments}`.replace(/\n\s*\n/g, '\n');
  return { query, variables };
}

/** The last operation each tab drew, for "Copy as GraphQL / curl" (and, with asOf, the one asking for the path links' validity). */
const shown = { graph: null, chain: null, timeline: null, pathLinks: null };

// ---- The graph ----

/** Entity types: colour and Cytoscape shape, for the graph and its legend. */
const TYPE_STYLES = [
  ['Actor', '#5b6ee1', 'ellipse'],
  ['Project', '#2a9d8f', 'round-rectangle'],
  ['Material', '#e9a23b', 'hexagon'],
  ['Agreement', '#9b5de5', 'diamond'],
  ['FundingInstrument', '#43aa8b', 'tag'],
  ['Event', '#f15bb5', 'star'],
  ['Place', '#90a955', 'triangle'],
  ['Stage', '#577590', 'barrel'],
  ['ValueChain', '#577590', 'barrel'],
  ['Claim', '#8a94a6', 'round-tag'],
  ['CooperationArea', '#c9a227', 'octagon'],
];
const SIDE_COLOURS = { EU: '#1d4ed8', KZ: '#f4c20d', OTHER: '#d0d4dc' };

const cy = cytoscape({
  container: $('#graph'),
  minZoom: 0.15,
  maxZoom: 2.5,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': 9,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': 110,
        'min-zoomed-font-size': 6,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': 1,
        width: 22,
        height: 22,
        'background-color': '#8a94a6',
        'border-width': 3,
        'border-color': SIDE_COLOURS.OTHER,
      },
    },
    ...TYPE_STYLES.map(([type, colour, shape]) => ({ selector: `node[type="${type}"]`, style: { 'background-color': colour, shape } })),
    { selector: 'node[side="EU"]', style: { 'border-color': SIDE_COLOURS.EU } },
    { selector: 'node[side="KZ"]', style: { 'border-color': SIDE_COLOURS.KZ } },
    {
      selector: 'node.focus',
      style: {
        width: 34,
        height: 34,
        'font-size': 12,
        'font-weight': 'bold',
        'underlay-color': '#1d4ed8',
        'underlay-opacity': 0.18,
        'underlay-padding': 8,
        'underlay-shape': 'ellipse',
        'z-index': 20,
      },
    },
    { selector: 'node:selected', style: { 'overlay-color': '#1d4ed8', 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#b8bec9',
        'target-arrow-color': '#b8bec9',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        label: '',
        'font-size': 8,
        color: '#374151',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 1,
      },
    },
    { selector: 'edge.labelled, edge:selected', style: { label: 'data(type)', 'z-index': 15 } },
    { selector: 'edge.uncertain', style: { 'line-style': 'dashed' } },
    { selector: '.stale', style: { opacity: 0.15 } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.2 } },
    { selector: 'node.on-path', style: { 'border-color': '#d7263d', 'border-width': 5, 'z-index': 10 } },
    {
      selector: 'edge.on-path',
      style: { 'line-color': '#d7263d', 'target-arrow-color': '#d7263d', width: 4, 'z-index': 10, color: '#d7263d', label: 'data(type)' },
    },
  ],
});

/** The entities and relationships in view, in the order the view operation returned them. */
const view = { nodes: new Map(), edges: new Map(), paths: [], asOf: null };

/** For the browser console and the end-to-end tests. */
window.explorer = {
  cy,
  view,
  shown,
  viewOperation,
  get state() {
    return state;
  },
  /** Resolves when the page has drawn its latest state (true) or failed to (false). */
  settled: () =>
    pending.then(
      () => true,
      () => false,
    ),
};

let renderCount = 0;
/** What the graph last drew (operation and the state it was drawn for), so that a tab switch redraws nothing. */
let drawnKey = null;

/** Runs the view operation of the current state and draws its answer. */
async function renderGraph() {
  const operation = viewOperation(state);
  const drawing = state;
  const key = JSON.stringify([operation, drawing.focus, drawing.path, drawing.hide, drawing.asOf]);
  if (key === drawnKey) return;
  drawnKey = key;
  const count = ++renderCount;
  shown.graph = operation;
  if (!operation) {
    draw(drawing, {});
    return;
  }
  setStatus(state.landing ? 'Loading the partnership’s core …' : 'Loading …');
  let data;
  let pathLinks = null;
  let pathValidity = null;
  try {
    data = await graphql(operation.query, operation.variables);
    pathLinks = drawing.asOf && data.paths?.length ? pathLinksOperation(data.paths, drawing.asOf) : null;
    if (pathLinks) pathValidity = readPathValidity(data.paths, await graphql(pathLinks.query, pathLinks.variables));
  } catch (error) {
    drawnKey = null;
    throw error;
  }
  if (count !== renderCount) return;
  shown.pathLinks = pathLinks;
  draw(drawing, data, pathValidity);
}

/**
 * The operation that asks how each link of the drawn paths holds on asOf: the links of the paths' types
 * leaving each link's start, as of that day (with the uncertain ones, marked), one `nodes` field.
 */
function pathLinksOperation(paths, asOf) {
  const links = paths.flatMap((path) => path.relationships);
  return {
    query: `query PathLinksAsOf($starts: [ID!]!, $types: [RelationshipType!], $asOf: Date) {
  nodes(ids: $starts) { ... on Entity { id relationships(types: $types, direction: OUT, asOf: $asOf, includeUncertain: true, first: 100) {
    edges { type key validity node { id } } } } }
}`,
    variables: { starts: [...new Set(links.map((link) => link.from))], types: [...new Set(links.map((link) => link.type))], asOf },
  };
}

/** The id -> validity on asOf of every path link, from the answer of pathLinksOperation; a link left out does not hold. */
function readPathValidity(paths, answer) {
  const holding = new Map();
  for (const node of answer.nodes.filter(Boolean)) {
    for (const edge of node.relationships.edges) holding.set(`${node.id}|${edge.type}|${edge.node.id}${edge.key ? `|${edge.key}` : ''}`, edge.validity);
  }
  return new Map(paths.flatMap((path) => path.relationships).map((link) => [link.id, holding.get(link.id)]));
}

/** Draws an answer of viewOperation(drawing): keeps the positions of entities already drawn and lays out the rest. */
function draw(drawing, data, pathValidity = null) {
  const neighbourhoods = Object.keys(data)
    .filter((key) => /^n\d+$/.test(key))
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((key) => data[key]);
  const entities = new Map();
  const links = new Map();
  const take = (nodes, relationships) => {
    for (const node of nodes) if (!entities.has(node.id)) entities.set(node.id, node);
    for (const relationship of relationships) if (!links.has(relationship.id)) links.set(relationship.id, toExportEdge(relationship));
  };
  for (const subgraph of neighbourhoods)
    take(
      subgraph.nodes.map((item) => item.node),
      subgraph.relationships,
    );
  for (const path of data.paths ?? []) take(path.nodes, path.relationships);

  view.nodes = new Map([...entities.values()].map((node) => [node.id, { id: node.id, name: node.name, type: node.__typename, side: node.side ?? null }]));
  view.edges = links;
  view.paths = data.paths ?? [];
  view.asOf = drawing.asOf ? readValidity(data) : null;
  for (const [id, validity] of pathValidity ?? []) {
    if (validity) view.asOf.set(id, validity);
    else view.asOf.delete(id);
  }

  const hadNodes = cy.nodes().length > 0;
  let addedCount = 0;
  const anchor = drawing.focus && cy.getElementById(drawing.focus).nonempty() ? cy.getElementById(drawing.focus).position() : { x: 0, y: 0 };
  cy.batch(() => {
    cy.elements()
      .filter((element) => (element.isNode() ? !view.nodes.has(element.id()) : !view.edges.has(element.id())))
      .remove();
    const added = [];
    for (const node of view.nodes.values()) {
      const existing = cy.getElementById(node.id);
      if (existing.nonempty()) {
        existing.data({ name: node.name, type: node.type, side: node.side ?? '' });
        continue;
      }
      const position = { x: anchor.x + (Math.random() - 0.5) * 120, y: anchor.y + (Math.random() - 0.5) * 120 };
      added.push({ group: 'nodes', data: { id: node.id, name: node.name, type: node.type, side: node.side ?? '' }, position });
    }
    for (const edge of view.edges.values()) {
      if (cy.getElementById(edge.id).empty()) added.push({ group: 'edges', data: { id: edge.id, source: edge.from, target: edge.to, type: edge.type } });
    }
    cy.add(added);
    addedCount = added.length;
    cy.elements().removeClass('focus faded on-path stale hidden uncertain labelled');
    if (drawing.focus) cy.getElementById(drawing.focus).addClass('focus');
  });
  if (addedCount > 0) layout(!hadNodes);
  markValidity(drawing);
  showPaths(drawing, data);
  showLegendTypes();
}

/**
 * The fCoSE layout: spreads nodes apart with room for their labels; incremental when nodes were already
 * drawn. fCoSE keeps overlaps rare but does not remove them, so a last pass (removeOverlaps) pushes apart any
 * two entities whose boxes, labels included, still meet, and the view is fitted after it.
 */
function layout(fresh) {
  const run = cy.layout({
    name: 'fcose',
    quality: 'proof',
    randomize: fresh,
    animate: false,
    fit: false,
    padding: 30,
    nodeDimensionsIncludeLabels: true,
    packComponents: true,
    nodeRepulsion: () => 30000,
    idealEdgeLength: () => 110,
    edgeElasticity: () => 0.25,
    nodeSeparation: 110,
    numIter: 5000,
    gravity: 0.2,
  });
  run.one('layoutstop', () => {
    removeOverlaps(cy.nodes());
    cy.fit(undefined, 30);
  });
  run.run();
}

/**
 * Moves apart every two entities whose boxes (labels included, plus `gap`) overlap, along the axis that
 * needs the shorter move, half each way; repeats until none overlap or `passes` ran out. Quadratic in the
 * number of entities, which at the API's 200 per neighbourhood stays a few milliseconds.
 */
function removeOverlaps(nodes, { gap = 4, passes = 400 } = {}) {
  const items = nodes.map((node) => ({
    node,
    box: { ...node.boundingBox({ includeLabels: true, includeOverlays: false }) },
    position: { ...node.position() },
  }));
  const shift = (item, dx, dy) => {
    item.position.x += dx;
    item.position.y += dy;
    item.box.x1 += dx;
    item.box.x2 += dx;
    item.box.y1 += dy;
    item.box.y2 += dy;
  };
  for (let pass = 0; pass < passes; pass += 1) {
    let moved = false;
    for (let i = 0; i < items.length; i += 1) {
      for (let j = i + 1; j < items.length; j += 1) {
        const [a, b] = [items[i], items[j]];
        const overlapX = Math.min(a.box.x2, b.box.x2) - Math.max(a.box.x1, b.box.x1) + gap;
        const overlapY = Math.min(a.box.y2, b.box.y2) - Math.max(a.box.y1, b.box.y1) + gap;
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        if (overlapX < overlapY) {
          const dx = (a.position.x <= b.position.x ? -overlapX : overlapX) / 2;
          shift(a, dx, 0);
          shift(b, -dx, 0);
        } else {
          const dy = (a.position.y <= b.position.y ? -overlapY : overlapY) / 2;
          shift(a, 0, dy);
          shift(b, 0, -dy);
        }
      }
    }
    if (!moved) break;
  }
  cy.batch(() => {
    for (const { node, position } of items) node.position(position);
  });
}

/** With asOf: the id -> validity (STATED, ATTESTED, UNCERTAIN) of every drawn link that holds on that day. */
function readValidity(data) {
  const holding = new Map();
  for (const [key, value] of Object.entries(data)) {
    if (!key.endsWith('AsOf')) continue;
    const relationships = Array.isArray(value) ? value.flatMap((path) => path.relationships) : value.relationships;
    for (const relationship of relationships) holding.set(relationship.id, relationship.validity);
  }
  return holding;
}

/** Fades (or, with `hide`, hides) the links that do not hold on asOf or are uncertain then; nothing without asOf. */
function markValidity(drawing) {
  if (!view.asOf) return;
  cy.edges().forEach((edge) => {
    const validity = view.asOf.get(edge.id());
    if (validity === 'UNCERTAIN') edge.addClass('uncertain');
    if (validity === undefined || validity === 'UNCERTAIN') edge.addClass(drawing.hide ? 'hidden' : 'stale');
  });
}

function showCounts(note = '') {
  const stale = view.asOf ? cy.edges('.stale, .hidden').length : 0;
  const asOf = view.asOf ? ` ${view.edges.size - stale} hold on ${state.asOf}.` : '';
  setStatus(`${view.nodes.size} entities, ${view.edges.size} links in view.${asOf} ${note}`.trim());
}

function setStatus(message, isError = false) {
  $('#status').textContent = message;
  $('#status').classList.toggle('error', isError);
}

/** Runs an async UI action, showing its failure in the status line. */
function act(action) {
  return (...args) =>
    Promise.resolve()
      .then(() => action(...args))
      .catch((error) => setStatus(error.message, true));
}

cy.on(
  'tap',
  'node',
  act((event) => navigate(focusOn(event.target.id()))),
);
cy.on('mouseover', 'node', (event) => event.target.connectedEdges().addClass('labelled'));
cy.on('mouseout', 'node', (event) => event.target.connectedEdges().removeClass('labelled'));
cy.on('mouseover', 'edge', (event) => event.target.addClass('labelled'));
cy.on('mouseout', 'edge', (event) => event.target.removeClass('labelled'));

// ---- Search ----

let searchTimer;
$('#search-input').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(act(runSearch), 250);
});

async function runSearch() {
  const text = $('#search-input').value.trim();
  const list = $('#search-results');
  if (!text) {
    list.hidden = true;
    return;
  }
  const data = await graphql('query Search($q: String!) { search(query: $q, first: 10) { matchedName node { __typename id name } } }', { q: text });
  list.replaceChildren(
    ...data.search.map(({ matchedName, node }) => {
      const note = matchedName !== node.name ? ` · “${matchedName}”` : '';
      return el(
        'li',
        {},
        el(
          'button',
          { type: 'button', dataset: { id: node.id }, onclick: act(() => pickSearchHit(node.id)) },
          node.name,
          el('small', {}, ` ${node.__typename}${note}`),
        ),
      );
    }),
  );
  if (data.search.length === 0) list.replaceChildren(el('li', { className: 'empty' }, 'Nothing found.'));
  list.hidden = false;
}

function pickSearchHit(id) {
  $('#search-results').hidden = true;
  return navigate({ ...focusOn(id), tab: 'graph' });
}

// ---- The entity card ----

const CARD_QUERY = `query Card($id: ID!) { node(id: $id) { ... on Entity {
  __typename id name description confidence names { language value }
  sources { id title url publisher date }
  ... on Actor { actorKind: kind side }
  ... on Project { side status startDate endDate }
  ... on Material { materialKind: kind crmaCritical crmaStrategic }
  ... on FundingInstrument { instrumentKind: kind amount currency startDate }
  ... on Agreement { agreementKind: kind date validFrom validTo legallyBinding }
  ... on Event { eventKind: kind eventStartDate: startDate endDate }
  ... on Stage { position }
  ... on Place { placeKind: kind side }
  ... on Claim { date }
  ... on Source { title publisher url date language }
} } }`;

let cardShown = null;

function showHint() {
  cardShown = null;
  const text = state.landing
    ? 'The partnership’s core: the 2022 MoU and the roadmaps with their parties and instruments. Click an entity, or search, to explore.'
    : 'Search for an entity, or click one in the graph, to see its properties and sources.';
  $('#card').replaceChildren(el('p', { className: 'hint' }, text));
}
showHint();

/** Shows the card of `id`: its properties, other names and sources (as links), and what to do with it. */
async function showCard(id) {
  const { node } = await graphql(CARD_QUERY, { id });
  if (!node) throw new Error(`No entity has the id "${id}".`);
  cardShown = id;
  const { __typename, name, description, names, sources, id: _id, ...properties } = node;
  const rows = Object.entries(properties)
    .filter(([, value]) => value !== null && value !== undefined)
    .flatMap(([key, value]) => [el('dt', {}, propertyLabel(key)), el('dd', {}, String(value))]);
  const otherNames = [...new Set(names.map((item) => item.value))].filter((value) => value !== name);
  const depth = String(state.depth);
  $('#card').replaceChildren(
    el('h2', {}, name),
    el('p', { className: 'meta' }, `${__typename} · `, el('code', {}, id)),
    description ? el('p', {}, description) : '',
    otherNames.length ? el('p', { className: 'names' }, `Also: ${otherNames.join(' · ')}`) : '',
    el('dl', {}, ...rows),
    el('h3', {}, 'Sources'),
    el(
      'ul',
      { className: 'sources' },
      ...sources.map((source) =>
        el(
          'li',
          {},
          source.url ? el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title) : source.title,
          el(
            'small',
            {},
            [source.publisher, source.date]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join(''),
          ),
        ),
      ),
    ),
    el(
      'div',
      { className: 'actions' },
      el('button', { type: 'button', id: 'card-expand', onclick: act(() => navigate({ ...focusOn(id), tab: 'graph' })) }, 'Expand'),
      el('button', { type: 'button', id: 'card-from', onclick: act(() => navigate({ from: id, path: null })) }, 'Path from here'),
      el('button', { type: 'button', id: 'card-to', onclick: act(() => navigate({ to: id, path: null })) }, 'Path to here'),
    ),
    el('p', { className: 'exports' }, 'Neighbourhood (depth ', depth, '): ', ...exportLinks('neighborhood', { id, depth })),
  );
}

/** The field name behind an alias of CARD_QUERY (aliased where two types' fields have different types). */
function propertyLabel(key) {
  if (key.endsWith('Kind')) return 'kind';
  return key === 'eventStartDate' ? 'startDate' : key;
}

/** Links to the server's export endpoints for one neighbourhood or path. */
function exportLinks(what, params) {
  const query = new URLSearchParams(params).toString();
  return [
    ['graphml', 'GraphML'],
    ['json', 'JSON'],
    ['nodes.csv', 'Nodes CSV'],
    ['edges.csv', 'Edges CSV'],
  ].flatMap(([format, label], index) => [
    index ? ' · ' : '',
    el('a', { href: new URL(`${what}.${format}?${query}`, EXPORT_URL).href, download: '', className: `export-${format.replace('.', '-')}` }, label),
  ]);
}

// ---- Paths ----

$('#find-paths').addEventListener(
  'click',
  act(() => navigate({ hops: Number($('#max-hops').value), path: 1 })),
);

/** The path finder's ends, its list of paths and the highlighted one, from the drawn state. */
function showPaths(drawing, data) {
  const names = new Map((data.nodes ?? []).filter(Boolean).map((node) => [node.id, node.name]));
  for (const end of ['from', 'to']) {
    const target = $(`#path-${end}`);
    target.dataset.id = drawing[end] ?? '';
    target.textContent = drawing[end] ? (names.get(drawing[end]) ?? drawing[end]) : '—';
  }
  $('#find-paths').disabled = !(drawing.from && drawing.to);
  const paths = view.paths;
  const searched = Boolean(drawing.from && drawing.to && drawing.path);
  $('#path-list').replaceChildren(
    ...paths.map((path, index) => {
      const holding = holdingLinks(path);
      return el(
        'li',
        { dataset: holding === null ? {} : { holding: String(holding) } },
        el(
          'button',
          { type: 'button', onclick: act(() => navigate({ path: index + 1 })) },
          `${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map((node) => node.name).join(' → ')}`,
        ),
        holding === null ? '' : el('span', { className: 'stale-links' }, `${holding} of ${path.length} hold on ${drawing.asOf}`),
      );
    }),
  );
  $('#path-exports').hidden = !searched || paths.length === 0;
  if (searched) $('#path-exports').replaceChildren('Shortest path: ', ...exportLinks('path', { from: drawing.from, to: drawing.to, maxHops: drawing.hops }));
  if (searched && paths.length === 0) {
    setStatus(`No path within ${drawing.hops} hop${drawing.hops === 1 ? '' : 's'}.`, true);
  } else if (searched) {
    highlightPath(paths[Math.min(drawing.path, paths.length) - 1], Math.min(drawing.path, paths.length) - 1);
  } else {
    const truncated = Object.keys(data).filter((key) => /^n\d+$/.test(key) && data[key].truncated);
    showCounts(truncated.length ? `Some neighbourhoods show only their nearest entities (${truncated.length} truncated).` : '');
  }
}

/** Marks one path's entities and links and fades the rest of the view. */
function highlightPath(path, index) {
  const members = cy.collection();
  for (const node of path.nodes) members.merge(cy.getElementById(node.id));
  for (const relationship of path.relationships) members.merge(cy.getElementById(relationship.id));
  cy.elements().not(members).addClass('faded');
  members.addClass('on-path');
  cy.fit(members, 40);
  for (const [position, item] of [...$('#path-list').children].entries()) item.classList.toggle('active', position === index);
  const holding = holdingLinks(path);
  const asOf = holding === null ? '' : `. ${holding} of ${path.length} hold on ${state.asOf}.`;
  setStatus(`Path of ${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map((node) => node.name).join(' → ')}${asOf}`);
}

/** With asOf: how many of a path's links the API returns as STATED or ATTESTED on that day; null without asOf. */
function holdingLinks(path) {
  if (!view.asOf) return null;
  return path.relationships.filter((relationship) => ['STATED', 'ATTESTED'].includes(view.asOf.get(relationship.id))).length;
}

// ---- Toolbar: depth, link types, clear, copy, exports ----

$('#depth').addEventListener(
  'change',
  act(() => navigate({ depth: Number($('#depth').value) })),
);
$('#size').addEventListener(
  'change',
  act(() => navigate({ size: Number($('#size').value) })),
);
$('#fit').addEventListener('click', () => cy.fit(undefined, 30));
$('#clear').addEventListener(
  'click',
  act(() => navigate({ focus: null, expand: [], from: null, to: null, path: null })),
);
$('#home').addEventListener(
  'click',
  act(() => {
    history.pushState(null, '', location.pathname);
    return apply(readState(''));
  }),
);

/** The link-type filter: one checkbox per relationship type the graph holds (from `stats`), none ticked = all. */
async function loadTypeFilter() {
  const { stats } = await graphql('query LinkTypes { stats { relationships { key count } } }');
  $('#type-options').replaceChildren(
    ...stats.relationships.map(({ key, count }) =>
      el(
        'label',
        {},
        el('input', { type: 'checkbox', value: key, checked: state.types.includes(key), onchange: act(changeTypes) }),
        ` ${key} `,
        el('small', {}, String(count)),
      ),
    ),
  );
}

function changeTypes() {
  const types = [...document.querySelectorAll('#type-options input:checked')].map((input) => input.value);
  return navigate({ types });
}

$('#types-all').addEventListener(
  'click',
  act(() => navigate({ types: [] })),
);

/** Puts the state into the toolbar's controls. */
function syncControls() {
  $('#depth').value = String(state.depth);
  if (![...$('#size').options].some((option) => option.value === String(state.size))) $('#size').append(el('option', {}, String(state.size)));
  $('#size').value = String(state.size);
  $('#max-hops').value = String(state.hops);
  for (const input of document.querySelectorAll('#type-options input')) input.checked = state.types.includes(input.value);
  $('#types-summary').textContent = state.types.length ? `Link types (${state.types.length})` : 'Link types (all)';
  syncDateControls();
}

$('#copy-link').addEventListener(
  'click',
  act(() => copy(location.href, 'Link copied.')),
);
$('#copy-graphql').addEventListener('click', () => openQueryDialog());
$('#query-close').addEventListener('click', () => $('#query-dialog').close());
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener(
    'click',
    act(() => copy($(`#${button.dataset.copy}`).value, 'Copied.')),
  );
}

/** Shows the operation behind the current tab as a document, its variables and a curl line. */
function openQueryDialog() {
  const operation = shown[state.tab];
  if (!operation) {
    setStatus('Nothing is drawn yet: search for an entity first.', true);
    return;
  }
  $('#query-document').value = operation.query;
  $('#query-variables').value = JSON.stringify(operation.variables, null, 2);
  $('#query-curl').value = curlLine(operation);
  const pathLinks = state.tab === 'graph' ? shown.pathLinks : null;
  $('#query-path-links').hidden = !pathLinks;
  $('#query-path-links-document').value = pathLinks?.query ?? '';
  $('#query-path-links-variables').value = pathLinks ? JSON.stringify(pathLinks.variables, null, 2) : '';
  $('#query-dialog').showModal();
}

/** A curl command that POSTs the operation to this server's /graphql. */
function curlLine(operation) {
  const body = JSON.stringify({ query: operation.query, variables: operation.variables });
  const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  return `curl -sS ${quote(GRAPHQL_URL.href)} -H 'content-type: application/json' --data-binary ${quote(body)}`;
}

async function copy(text, done) {
  await navigator.clipboard.writeText(text);
  setStatus(done);
}

for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener(
    'click',
    act(() => downloadView(button.dataset.export)),
  );
}

/** Export data of the entities in view, by id, fetched once each (the view operation draws less of them). */
const exportNodes = new Map();

/** The view as a graph document, as the server's JSON export writes one. */
async function viewDocument() {
  const missing = [...view.nodes.keys()].filter((id) => !exportNodes.has(id));
  for (let start = 0; start < missing.length; start += 100) {
    const { nodes } = await graphql(`query ExportViewNodes($ids: [ID!]!) { nodes(ids: $ids) { ...ExportNode } } ${EXPORT_NODE_FRAGMENT}`, {
      ids: missing.slice(start, start + 100),
    });
    for (const node of nodes) if (node) exportNodes.set(node.id, toExportNode(node));
  }
  const nodes = [...view.nodes.keys()].map((id) => exportNodes.get(id)).filter(Boolean);
  return { kind: 'view', query: {}, truncated: false, nodes, edges: [...view.edges.values()] };
}

async function downloadView(format) {
  const { write, contentType } = FORMATS[format];
  const text = write(await viewDocument());
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: contentType.split(';')[0] })), download: `view.${format}` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---- The date (asOf) ----

/** The slider's range, in days since 1970-01-01: from the first day of 2019 to the end of next year. */
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2019, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(new Date().getUTCFullYear() + 1, 11, 31) / DAY_MS;
const toIso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

$('#as-of-range').min = String(FIRST_DAY);
$('#as-of-range').max = String(LAST_DAY);
$('#as-of-range').addEventListener('input', () => {
  $('#as-of-date').value = toIso(Number($('#as-of-range').value));
});
$('#as-of-range').addEventListener(
  'change',
  act(() => navigate({ asOf: toIso(Number($('#as-of-range').value)) }, { replace: Boolean(state.asOf) })),
);
$('#as-of-date').addEventListener(
  'change',
  act(() => navigate({ asOf: ISO_DATE.test($('#as-of-date').value) ? $('#as-of-date').value : null })),
);
$('#as-of-on').addEventListener(
  'change',
  act(() => navigate({ asOf: $('#as-of-on').checked ? toIso(Number($('#as-of-range').value)) : null })),
);
$('#as-of-hide').addEventListener(
  'change',
  act(() => navigate({ hide: $('#as-of-hide').checked })),
);

function syncDateControls() {
  const on = Boolean(state.asOf);
  $('#as-of-on').checked = on;
  $('#as-of-range').disabled = !on;
  $('#as-of-hide').disabled = !on;
  $('#as-of-hide').checked = state.hide;
  if (on) {
    $('#as-of-range').value = String(Math.min(LAST_DAY, Math.max(FIRST_DAY, toDay(state.asOf))));
    $('#as-of-date').value = state.asOf;
  } else if (!$('#as-of-date').value) {
    $('#as-of-range').value = String(Math.round(Date.now() / DAY_MS));
  }
}

// ---- Tabs, value chain, timeline ----

for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener(
    'click',
    act(() => navigate({ tab: tab.dataset.tab })),
  );
}

const loaded = new Set();

async function showTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll('.tab-panel')) panel.hidden = panel.id !== `tab-${name}`;
  if (name === 'graph') cy.resize();
  if (name === 'chain') await loadChains();
  if (name === 'timeline' && !loaded.has(name)) {
    loaded.add(name);
    await showTimeline();
  }
}

async function loadChains() {
  if (!loaded.has('chain')) {
    loaded.add('chain');
    const { valueChains } = await graphql('{ valueChains(first: 50) { nodes { id name } } }');
    $('#chain-select').replaceChildren(...valueChains.nodes.map((chain) => el('option', { value: chain.id }, chain.name)));
  }
  if (state.chain) $('#chain-select').value = state.chain;
  const operation = chainOperation({ chain: $('#chain-select').value, asOf: state.asOf });
  const key = JSON.stringify([operation, state.hide]);
  if (key !== shownChain) {
    shownChain = key;
    try {
      await showValueChain(operation, state);
    } catch (error) {
      shownChain = null;
      throw error;
    }
  }
}

/** What the value-chain tab last drew (operation and hide), so that a tab switch redraws nothing. */
let shownChain = null;

$('#chain-select').addEventListener(
  'change',
  act(() => navigate({ chain: $('#chain-select').value })),
);

/**
 * The one GraphQL operation behind the value-chain tab: the chain stage by stage and, with asOf, the same
 * chain as of that day (`asOf: valueChain(…, asOf, includeUncertain: true)`), whose links put the actors
 * in their lanes on that day.
 */
function chainOperation({ chain, asOf }) {
  const lanes = 'stages { position linked stage { id name } materials { id name } projects { id name } euActors { id name } kzActors { id name } }';
  if (!asOf) return { query: `query Chain($id: ID!) { valueChain(id: $id) {\n    ${lanes}\n  } }`, variables: { id: chain } };
  return {
    query: `query Chain($id: ID!, $asOf: Date) {
  valueChain(id: $id) {
    ${lanes}
  }
  asOf: valueChain(id: $id, asOf: $asOf, includeUncertain: true) {
    stages { stage { id } linked links { id from validity } }
  }
}`,
    variables: { id: chain, asOf },
  };
}

/**
 * The value chain as columns (its stages in order) and lanes (EU actors, materials and projects, KZ actors).
 * With asOf, an actor chip fades (or hides) when no link that holds on that day puts it at the stage, and is
 * dashed when only UNCERTAIN links do; a stage that has no EU–KZ link on that day is marked as that day's gap.
 */
async function showValueChain(operation, drawing) {
  const data = await graphql(operation.query, operation.variables);
  const { valueChain } = data;
  shown.chain = operation;
  /** Per stage id: actor id -> its best validity on asOf; per stage id: an EU and a KZ actor known to be linked on asOf. */
  const holding = new Map();
  const linkedOn = new Map();
  const rank = { STATED: 3, ATTESTED: 2, UNCERTAIN: 1 };
  for (const stage of data.asOf?.stages ?? []) {
    const actors = new Map();
    for (const link of stage.links) {
      if (!actors.has(link.from) || rank[link.validity] > rank[actors.get(link.from)]) actors.set(link.from, link.validity);
    }
    holding.set(stage.stage.id, actors);
  }
  const holds = (stage, actor) => ['STATED', 'ATTESTED'].includes(holding.get(stage.stage.id)?.get(actor.id));
  for (const stage of valueChain.stages) {
    linkedOn.set(stage.stage.id, stage.euActors.some((actor) => holds(stage, actor)) && stage.kzActors.some((actor) => holds(stage, actor)));
  }
  const actorChip = (stage) => (entity) => {
    const chip = entityChip(entity);
    if (!drawing.asOf) return chip;
    const validity = holding.get(stage.stage.id)?.get(entity.id);
    chip.dataset.validity = validity ?? 'NONE';
    if (validity === 'UNCERTAIN') chip.classList.add('uncertain');
    if (validity === undefined || validity === 'UNCERTAIN') chip.classList.add(drawing.hide ? 'hidden' : 'stale');
    chip.title =
      validity === undefined
        ? `Not linked to this stage on ${drawing.asOf}`
        : validity === 'UNCERTAIN'
          ? `Not known to be linked to this stage on ${drawing.asOf}`
          : `${validity} on ${drawing.asOf}`;
    return chip;
  };
  const lanes = [
    ['EU actors', 'lane-eu', (stage) => stage.euActors.map(actorChip(stage))],
    ['Materials and projects', 'lane-members', (stage) => [...stage.materials, ...stage.projects].map(entityChip)],
    ['KZ actors', 'lane-kz', (stage) => stage.kzActors.map(actorChip(stage))],
  ];
  const isGap = (stage) => (drawing.asOf ? !linkedOn.get(stage.stage.id) : !stage.linked);
  const gapTitle = drawing.asOf ? `Gap on ${drawing.asOf}: no EU–KZ link known to hold at this stage that day` : 'Gap: no EU–KZ link at this stage';
  const grid = $('#chain-view');
  grid.style.gridTemplateColumns = `8rem repeat(${valueChain.stages.length}, minmax(8rem, 1fr))`;
  grid.replaceChildren(
    el('div', { className: 'corner' }),
    ...valueChain.stages.map((stage) =>
      el(
        'div',
        { className: `stage${isGap(stage) ? ' gap' : ''}`, title: isGap(stage) ? gapTitle : '', dataset: { id: stage.stage.id } },
        el('strong', {}, `${stage.position}. ${stage.stage.name}`),
        isGap(stage) ? el('span', { className: 'badge' }, drawing.asOf ? `gap on ${drawing.asOf}` : 'gap') : '',
      ),
    ),
    ...lanes.flatMap(([label, className, chips]) => [
      el('div', { className: `lane-label ${className}` }, label),
      ...valueChain.stages.map((stage) => el('div', { className: `cell ${className}` }, ...chips(stage))),
    ]),
  );
  if (drawing.asOf) {
    const actors = grid.querySelectorAll('.lane-eu .chip, .lane-kz .chip');
    const faded = grid.querySelectorAll('.chip.stale, .chip.hidden');
    setStatus(`${actors.length - faded.length} of ${actors.length} actor links of ${valueChain.stages.length} stages hold on ${drawing.asOf}.`);
  }
}

/** A button naming an entity; a click shows its card. */
function entityChip(entity) {
  return el('button', { type: 'button', className: 'chip', dataset: { id: entity.id }, onclick: act(() => showCard(entity.id)) }, entity.name);
}

$('#timeline-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(showTimeline)();
});

async function showTimeline() {
  const variables = { from: $('#timeline-from').value || null, to: $('#timeline-to').value || null };
  const operation = {
    query: `query Timeline($from: Date, $to: Date) { timeline(from: $from, to: $to, first: 200) {
    hasMore entries { date kind summary subject { id name } object { id name } sources { title url } }
  } }`,
    variables,
  };
  const { timeline } = await graphql(operation.query, operation.variables);
  shown.timeline = operation;
  $('#timeline-list').replaceChildren(
    ...timeline.entries.map((entry) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', className: 'date', title: 'Set the date slider to this day', onclick: act(() => navigate({ asOf: dayOf(entry.date) })) },
          el('time', {}, entry.date),
        ),
        el('span', { className: 'kind' }, entry.kind.replace('_', ' ').toLowerCase()),
        el(
          'div',
          {},
          el('p', { className: 'summary' }, entry.summary),
          el(
            'p',
            { className: 'refs' },
            entityChip(entry.subject),
            entry.object ? entityChip(entry.object) : '',
            ...entry.sources
              .filter((source) => source.url)
              .map((source) => el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer', className: 'source', title: source.title }, 'source')),
          ),
        ),
      ),
    ),
  );
  if (timeline.hasMore) $('#timeline-list').append(el('li', { className: 'more' }, 'More entries match; narrow the dates.'));
}

/** The first day of a date at the sources' precision (2023 -> 2023-01-01, 2023-06 -> 2023-06-01). */
function dayOf(date) {
  return `${date}-01-01`.slice(0, 10);
}

// ---- Legend ----

/** The legend: the entity types in view (shape and colour) and the sides (border colour). */
function showLegendTypes() {
  const present = new Set([...view.nodes.values()].map((node) => node.type));
  $('#legend-types').replaceChildren(
    ...TYPE_STYLES.filter(([type]) => present.has(type)).map(([type, colour, shape]) =>
      el('li', { className: `type ${shape}`, style: `--swatch: ${colour}` }, type),
    ),
  );
}

// ---- DOM helper ----

/** An element with properties (dataset merged) and children (strings or nodes; '' is skipped). */
function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  const { dataset, style, ...rest } = properties;
  Object.assign(element, rest);
  Object.assign(element.dataset, dataset ?? {});
  if (style) element.style.cssText = style;
  element.append(...children.filter((child) => child !== ''));
  return element;
}

pending = loadTypeFilter().then(() => applyNow(state));
pending.catch((error) => setStatus(error.message, true));
