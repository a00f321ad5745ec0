/**
 * The graph explorer: search, an entity card with its sources, neighbourhoods merged into one view on
 * click, paths between two picked entities, a value chain by stage and a timeline. It talks only to the
 * public GraphQL API (POST /graphql) and draws with Cytoscape.js. "Export view" writes the view in the
 * server's export formats (graph-formats.js, the server's own module src/export/graph-formats.js).
 */
import cytoscape from './vendor/cytoscape.esm.min.mjs';
import { EXPORT_FRAGMENTS as FRAGMENTS, FORMATS, toExportEdge as toEdge, toExportNode as toNode } from './graph-formats.js';

const GRAPHQL_URL = new URL('../graphql', location.href);
const EXPORT_URL = new URL('../export/', location.href);

const $ = (selector) => document.querySelector(selector);

/** The entities and relationships in view, in the order they arrived, as the exports write them. */
const view = { nodes: new Map(), edges: new Map() };

const cy = cytoscape({
  container: $('#graph'),
  minZoom: 0.2,
  maxZoom: 2,
  style: [
    { selector: 'node', style: {
      label: 'data(name)', 'font-size': 9, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
      'text-max-width': 110, width: 22, height: 22, 'background-color': '#8a94a6', 'border-width': 3, 'border-color': '#d0d4dc' } },
    { selector: 'node[type="Actor"]', style: { 'background-color': '#5b6ee1' } },
    { selector: 'node[type="Project"]', style: { 'background-color': '#2a9d8f', shape: 'round-rectangle' } },
    { selector: 'node[type="Material"]', style: { 'background-color': '#e9a23b', shape: 'hexagon' } },
    { selector: 'node[type="Agreement"]', style: { 'background-color': '#9b5de5', shape: 'diamond' } },
    { selector: 'node[type="FundingInstrument"]', style: { 'background-color': '#43aa8b', shape: 'tag' } },
    { selector: 'node[type="Event"]', style: { 'background-color': '#f15bb5', shape: 'star' } },
    { selector: 'node[type="Place"]', style: { 'background-color': '#90a955', shape: 'triangle' } },
    { selector: 'node[type="Stage"], node[type="ValueChain"]', style: { 'background-color': '#577590', shape: 'barrel' } },
    { selector: 'node[side="EU"]', style: { 'border-color': '#1d4ed8' } },
    { selector: 'node[side="KZ"]', style: { 'border-color': '#f4c20d' } },
    { selector: 'node:selected', style: { 'overlay-color': '#1d4ed8', 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    { selector: 'edge', style: {
      width: 1.2, 'line-color': '#b8bec9', 'target-arrow-color': '#b8bec9', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.7, 'curve-style': 'bezier', label: 'data(type)', 'font-size': 6, color: '#6b7280', 'text-rotation': 'autorotate' } },
    { selector: '.faded', style: { opacity: 0.2 } },
    { selector: 'node.on-path', style: { 'border-color': '#d7263d', 'border-width': 5, 'z-index': 10 } },
    { selector: 'edge.on-path', style: { 'line-color': '#d7263d', 'target-arrow-color': '#d7263d', width: 4, 'z-index': 10, color: '#d7263d' } },
  ],
});

/** For the browser console and the end-to-end tests. */
window.explorer = { cy, view };

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

// ---- The view ----

/** Adds entities and relationships to the view (once each) and lays out around what was there. */
function addToView(entities, relationships, near) {
  const centre = near && cy.getElementById(near).nonempty() ? cy.getElementById(near).position() : { x: 0, y: 0 };
  const added = [];
  for (const entity of entities) {
    if (view.nodes.has(entity.id)) continue;
    const node = toNode(entity);
    view.nodes.set(node.id, node);
    const position = { x: centre.x + (Math.random() - 0.5) * 80, y: centre.y + (Math.random() - 0.5) * 80 };
    added.push({ group: 'nodes', data: { id: node.id, name: node.name, type: node.type, side: node.side ?? '' }, position });
  }
  for (const relationship of relationships) {
    if (view.edges.has(relationship.id)) continue;
    view.edges.set(relationship.id, toEdge(relationship));
    added.push({ group: 'edges', data: { id: relationship.id, source: relationship.from, target: relationship.to, type: relationship.type } });
  }
  if (added.length === 0) return;
  cy.add(added);
  cy.layout({ name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 20000, nodeOverlap: 40, idealEdgeLength: () => 80, fit: true, padding: 30 }).run();
  showCounts();
}

/** Merges the neighbourhood of `id` (the depth chosen in the toolbar) into the view. */
async function expandNeighborhood(id) {
  const depth = Number($('#depth').value);
  setStatus(`Expanding ${id} …`);
  const data = await graphql(`query Expand($id: ID!, $depth: Int) {
    neighborhood(id: $id, depth: $depth) { reachable truncated nodes { node { ...ExportNode } } relationships { ...ExportEdge } }
  } ${FRAGMENTS}`, { id, depth });
  const { nodes, relationships, truncated, reachable } = data.neighborhood;
  addToView(nodes.map((item) => item.node), relationships, id);
  cy.elements(':selected').unselect();
  cy.getElementById(id).select();
  showCounts(truncated ? `Showing the nearest ${nodes.length - 1} of ${reachable} entities within reach.` : '');
}

function showCounts(note = '') {
  setStatus(`${view.nodes.size} entities, ${view.edges.size} links in view. ${note}`.trim());
}

function setStatus(message, isError = false) {
  $('#status').textContent = message;
  $('#status').classList.toggle('error', isError);
}

/** Runs an async UI action, showing its failure in the status line. */
function act(action) {
  return (...args) => action(...args).catch((error) => setStatus(error.message, true));
}

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
  list.replaceChildren(...data.search.map(({ matchedName, node }) => {
    const note = matchedName !== node.name ? ` · “${matchedName}”` : '';
    return el('li', {}, el('button', { type: 'button', dataset: { id: node.id }, onclick: act(() => pickSearchHit(node.id)) },
      node.name, el('small', {}, ` ${node.__typename}${note}`)));
  }));
  if (data.search.length === 0) list.replaceChildren(el('li', { className: 'empty' }, 'Nothing found.'));
  list.hidden = false;
}

async function pickSearchHit(id) {
  $('#search-results').hidden = true;
  showTab('graph');
  await Promise.all([showCard(id), expandNeighborhood(id)]);
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

/** Shows the card of `id`: its properties, other names and sources (as links), and what to do with it. */
async function showCard(id) {
  const { node } = await graphql(CARD_QUERY, { id });
  if (!node) throw new Error(`No entity has the id "${id}".`);
  const { __typename, name, description, names, sources, id: _id, ...properties } = node;
  const rows = Object.entries(properties).filter(([, value]) => value !== null && value !== undefined)
    .flatMap(([key, value]) => [el('dt', {}, propertyLabel(key)), el('dd', {}, String(value))]);
  const otherNames = [...new Set(names.map((item) => item.value))].filter((value) => value !== name);
  const depth = $('#depth').value;
  $('#card').replaceChildren(
    el('h2', {}, name),
    el('p', { className: 'meta' }, `${__typename} · `, el('code', {}, id)),
    description ? el('p', {}, description) : '',
    otherNames.length ? el('p', { className: 'names' }, `Also: ${otherNames.join(' · ')}`) : '',
    el('dl', {}, ...rows),
    el('h3', {}, 'Sources'),
    el('ul', { className: 'sources' }, ...sources.map((source) => el('li', {},
      source.url ? el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title) : source.title,
      el('small', {}, [source.publisher, source.date].filter(Boolean).map((part) => ` · ${part}`).join(''))))),
    el('div', { className: 'actions' },
      el('button', { type: 'button', id: 'card-expand', onclick: act(() => { showTab('graph'); return expandNeighborhood(id); }) }, 'Expand'),
      el('button', { type: 'button', id: 'card-from', onclick: () => pickEnd('from', id, name) }, 'Path from here'),
      el('button', { type: 'button', id: 'card-to', onclick: () => pickEnd('to', id, name) }, 'Path to here')),
    el('p', { className: 'exports' }, 'Neighbourhood (depth ', depth, '): ',
      ...exportLinks('neighborhood', { id, depth })),
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
  return [['graphml', 'GraphML'], ['json', 'JSON'], ['nodes.csv', 'Nodes CSV'], ['edges.csv', 'Edges CSV']].flatMap(([format, label], index) => [
    index ? ' · ' : '',
    el('a', { href: new URL(`${what}.${format}?${query}`, EXPORT_URL).href, download: '', className: `export-${format.replace('.', '-')}` }, label),
  ]);
}

cy.on('tap', 'node', act(async (event) => {
  const id = event.target.id();
  await Promise.all([showCard(id), expandNeighborhood(id)]);
}));

// ---- Paths ----

function pickEnd(end, id, name) {
  const target = $(`#path-${end}`);
  target.textContent = name;
  target.dataset.id = id;
  $('#find-paths').disabled = !($('#path-from').dataset.id && $('#path-to').dataset.id);
}

$('#find-paths').addEventListener('click', act(async () => {
  const from = $('#path-from').dataset.id;
  const to = $('#path-to').dataset.id;
  const maxHops = Number($('#max-hops').value);
  setStatus('Finding paths …');
  const { paths } = await graphql(`query Paths($from: ID!, $to: ID!, $maxHops: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops, first: 3) { length nodes { ...ExportNode } relationships { ...ExportEdge } }
  } ${FRAGMENTS}`, { from, to, maxHops });
  for (const path of paths) addToView(path.nodes, path.relationships, from);
  $('#path-list').replaceChildren(...paths.map((path, index) => el('li', {},
    el('button', { type: 'button', onclick: () => highlightPath(path, index) },
      `${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map((node) => node.name).join(' → ')}`))));
  $('#path-exports').hidden = paths.length === 0;
  $('#path-exports').replaceChildren('Shortest path: ', ...exportLinks('path', { from, to, maxHops }));
  $('#path-list').scrollIntoView({ block: 'nearest' });
  if (paths.length === 0) {
    clearHighlight();
    setStatus(`No path within ${maxHops} hop${maxHops === 1 ? '' : 's'}.`, true);
  } else {
    highlightPath(paths[0], 0);
  }
}));

/** Marks one path's entities and links and fades the rest of the view. */
function highlightPath(path, index) {
  clearHighlight();
  const members = cy.collection();
  for (const node of path.nodes) members.merge(cy.getElementById(node.id));
  for (const relationship of path.relationships) members.merge(cy.getElementById(relationship.id));
  cy.elements().not(members).addClass('faded');
  members.addClass('on-path');
  cy.animate({ fit: { eles: members, padding: 40 } }, { duration: 200 });
  [...$('#path-list').children].forEach((item, position) => item.classList.toggle('active', position === index));
  setStatus(`Path of ${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map((node) => node.name).join(' → ')}`);
}

function clearHighlight() {
  cy.elements().removeClass('faded on-path');
}

// ---- Toolbar and exports of the view ----

$('#fit').addEventListener('click', () => cy.fit(undefined, 30));
$('#clear').addEventListener('click', () => {
  cy.elements().remove();
  view.nodes.clear();
  view.edges.clear();
  $('#path-list').replaceChildren();
  $('#path-exports').hidden = true;
  showCounts();
});

for (const button of document.querySelectorAll('[data-export]')) {
  button.addEventListener('click', () => downloadView(button.dataset.export));
}

/** The view as a graph document, as the server's JSON export writes one. */
function viewDocument() {
  return { kind: 'view', query: {}, truncated: false, nodes: [...view.nodes.values()], edges: [...view.edges.values()] };
}

function downloadView(format) {
  const { write, contentType } = FORMATS[format];
  const text = write(viewDocument());
  const type = contentType.split(';')[0];
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: `view.${format}` });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---- Tabs, value chain, timeline ----

for (const tab of document.querySelectorAll('[role="tab"]')) {
  tab.addEventListener('click', act(() => showTab(tab.dataset.tab)));
}

const loaded = new Set();

async function showTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll('.tab-panel')) panel.hidden = panel.id !== `tab-${name}`;
  if (name === 'graph') cy.resize();
  if (loaded.has(name)) return;
  loaded.add(name);
  if (name === 'chain') await loadChains();
  if (name === 'timeline') await showTimeline();
}

async function loadChains() {
  const { valueChains } = await graphql('{ valueChains(first: 50) { nodes { id name } } }');
  $('#chain-select').replaceChildren(...valueChains.nodes.map((chain) => el('option', { value: chain.id }, chain.name)));
  await showValueChain($('#chain-select').value);
}

$('#chain-select').addEventListener('change', act(() => showValueChain($('#chain-select').value)));

/** The value chain as columns (its stages in order) and lanes (EU actors, materials and projects, KZ actors). */
async function showValueChain(id) {
  const { valueChain } = await graphql(`query Chain($id: ID!) { valueChain(id: $id) {
    stages { position linked stage { id name } materials { id name } projects { id name } euActors { id name } kzActors { id name } }
  } }`, { id });
  const lanes = [
    ['EU actors', 'lane-eu', (stage) => stage.euActors],
    ['Materials and projects', 'lane-members', (stage) => [...stage.materials, ...stage.projects]],
    ['KZ actors', 'lane-kz', (stage) => stage.kzActors],
  ];
  const grid = $('#chain-view');
  grid.style.gridTemplateColumns = `8rem repeat(${valueChain.stages.length}, minmax(8rem, 1fr))`;
  grid.replaceChildren(
    el('div', { className: 'corner' }),
    ...valueChain.stages.map((stage) => el('div', { className: `stage${stage.linked ? '' : ' gap'}`, title: stage.linked ? '' : 'Gap: no EU–KZ link at this stage' },
      el('strong', {}, `${stage.position}. ${stage.stage.name}`), stage.linked ? '' : el('span', { className: 'badge' }, 'gap'))),
    ...lanes.flatMap(([label, className, members]) => [
      el('div', { className: `lane-label ${className}` }, label),
      ...valueChain.stages.map((stage) => el('div', { className: `cell ${className}` }, ...members(stage).map(entityChip))),
    ]),
  );
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
  const { timeline } = await graphql(`query Timeline($from: Date, $to: Date) { timeline(from: $from, to: $to, first: 200) {
    hasMore entries { date kind summary subject { id name } object { id name } sources { title url } }
  } }`, variables);
  $('#timeline-list').replaceChildren(...timeline.entries.map((entry) => el('li', {},
    el('time', {}, entry.date),
    el('span', { className: 'kind' }, entry.kind.replace('_', ' ').toLowerCase()),
    el('div', {},
      el('p', { className: 'summary' }, entry.summary),
      el('p', { className: 'refs' }, entityChip(entry.subject), entry.object ? entityChip(entry.object) : '',
        ...entry.sources.filter((source) => source.url).map((source) =>
          el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer', className: 'source', title: source.title }, 'source')))))));
  if (timeline.hasMore) $('#timeline-list').append(el('li', { className: 'more' }, 'More entries match; narrow the dates.'));
}

// ---- DOM helper ----

/** An element with properties (dataset merged) and children (strings or nodes; '' is skipped). */
function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  const { dataset, ...rest } = properties;
  Object.assign(element, rest);
  Object.assign(element.dataset, dataset ?? {});
  element.append(...children.filter((child) => child !== ''));
  return element;
}

showCounts();
