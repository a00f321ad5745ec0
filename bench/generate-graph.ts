/**
 * Synthetic graphs in the project's model for the benchmark: `generateGraph(nodeCount, seed)` returns
 * records exactly as the seed files hold them (one object per JSON line), so they go through the normal
 * loader's validation and writeRecords. About five relationships per node, with skewed degrees: both ends
 * of every relationship are drawn with Zipf weights over a shuffled pool of candidates (sources mildly,
 * targets strongly), so a few events, projects and places collect thousands of links, as in real networks,
 * while most nodes have a handful. Ids are `<prefix>:bench-<n>`; every node and link cites one or two of a
 * few generated Source nodes. Deterministic for a given seed.
 */
import { ACTOR_KINDS, AGREEMENT_KINDS, type EntityType, type RelationshipType } from '../src/model/vocabulary.ts';
import { createRandom, createZipf, type Random, type Zipf } from './random.ts';

/** A record as a seed file line holds it. */
export type GraphRecord = Record<string, unknown>;

/** A generated graph: records to validate and load, and the ids per type for choosing query parameters. */
export interface GeneratedGraph {
  nodes: GraphRecord[];
  relationships: GraphRecord[];
  idsByType: Record<string, string[]>;
  /** Links per id, both directions, all types (ids with none are absent). */
  degree: Map<string, number>;
}

/** Share of the nodes per entity type; Actor takes what the others and the sources leave. */
const NODE_SHARES: Partial<Record<EntityType, number>> = {
  Project: 0.12,
  Event: 0.08,
  Agreement: 0.07,
  Material: 0.05,
  FundingInstrument: 0.04,
  Place: 0.04,
};

/** Relationships per node, on average. */
export const RELATIONSHIPS_PER_NODE = 5;

/** One kind of generated link: its share of all links and the types of its two ends. */
interface LinkSpec {
  type: RelationshipType;
  share: number;
  from: EntityType;
  to: EntityType;
  properties?: (random: Random) => GraphRecord;
}

/** Zipf exponents: sources of links mildly skewed, targets strongly (a heavy head of hubs). */
const FROM_SKEW = 0.6;
const TO_SKEW = 1.0;

const LINK_SPECS: LinkSpec[] = [
  {
    type: 'PARTICIPATES_IN',
    share: 0.18,
    from: 'Actor',
    to: 'Project',
    properties: (r) => ({ role: r.pick(['developer', 'partner', 'operator', 'investor']) }),
  },
  { type: 'ATTENDED', share: 0.18, from: 'Actor', to: 'Event', properties: (r) => ({ date: randomDate(r), ...(r.chance(0.3) ? { role: 'speaker' } : {}) }) },
  { type: 'MET', share: 0.12, from: 'Actor', to: 'Actor', properties: (r) => ({ date: randomDate(r) }) },
  { type: 'SIGNED', share: 0.08, from: 'Actor', to: 'Agreement', properties: (r) => ({ date: randomDate(r) }) },
  { type: 'LOCATED_IN', share: 0.08, from: 'Actor', to: 'Place' },
  { type: 'SUPPLIES', share: 0.06, from: 'Actor', to: 'Material', properties: (r) => (r.chance(0.5) ? { share: r.int(40) + 1 } : {}) },
  { type: 'FUNDS', share: 0.06, from: 'FundingInstrument', to: 'Project', properties: (r) => ({ amount: (r.int(500) + 1) * 1e5, currency: 'EUR' }) },
  { type: 'INVOLVES', share: 0.06, from: 'Project', to: 'Material' },
  { type: 'HOLDS_OFFICE', share: 0.04, from: 'Actor', to: 'Actor', properties: (r) => ({ title: r.pick(['Minister', 'Director', 'Chair', 'Envoy']) }) },
  { type: 'PARTY_TO', share: 0.04, from: 'Actor', to: 'Agreement' },
  { type: 'COVERS', share: 0.04, from: 'Agreement', to: 'Material' },
  { type: 'PART_OF', share: 0.03, from: 'Actor', to: 'Actor' },
  { type: 'IMPLEMENTS', share: 0.03, from: 'Project', to: 'Agreement' },
];

const PREFIX: Record<string, string> = {
  Actor: 'actor',
  Project: 'project',
  Event: 'event',
  Agreement: 'agreement',
  Material: 'material',
  FundingInstrument: 'instrument',
  Place: 'place',
  Source: 'source',
};

/** Name suffixes per type, so names read like the domain ("Karatau Besoba Holdings"). */
const NAME_NOUNS: Record<string, readonly string[]> = {
  Actor: ['Holdings', 'Ministry', 'Agency', 'Institute', 'Bank', 'Group', 'Council', 'Minerals'],
  Project: ['Mine', 'Plant', 'Hydrogen Project', 'Refinery', 'Exploration'],
  Event: ['Forum', 'Congress', 'Summit', 'Round Table'],
  Agreement: ['Memorandum', 'Roadmap', 'Declaration', 'Accord'],
  Material: ['Ore', 'Concentrate', 'Oxide', 'Metal'],
  FundingInstrument: ['Facility', 'Programme', 'Fund'],
  Place: ['Region', 'District', 'City'],
  Source: ['Report', 'Press Release', 'Article'],
};

/** Parses a scale such as `1k`, `10k`, `100k` or `2500` into a node count. */
export function parseScale(scale: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(scale.trim());
  if (!match) throw new Error(`A scale must look like 1k, 10k, 100k or a plain number, but got "${scale}".`);
  const count = Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
  if (count < 200) throw new Error(`A scale must be at least 200 nodes, but got ${count}.`);
  return count;
}

/** Generates a graph of about `nodeCount` nodes and RELATIONSHIPS_PER_NODE times as many links. */
export function generateGraph(nodeCount: number, seed: number): GeneratedGraph {
  const random = createRandom(seed);
  const words = makeWords(random, 400);
  const sourceCount = Math.max(8, Math.ceil(Math.sqrt(nodeCount) / 6));
  const counts: Record<string, number> = { Source: sourceCount };
  for (const [type, share] of Object.entries(NODE_SHARES)) counts[type] = Math.max(4, Math.round(nodeCount * share));
  counts.Actor = nodeCount - Object.values(counts).reduce((sum, count) => sum + count, 0);

  const idsByType: Record<string, string[]> = {};
  for (const [type, count] of Object.entries(counts)) {
    idsByType[type] = Array.from({ length: count }, (_, index) => `${PREFIX[type]}:bench-${index + 1}`);
  }
  const sourceIds = idsByType.Source!;
  const sourceZipf = createZipf(sourceIds.length, 1);
  const citeSources = () => {
    const first = sourceIds[sourceZipf.draw(random)]!;
    const second = sourceIds[sourceZipf.draw(random)]!;
    return random.chance(0.4) && second !== first ? [first, second] : [first];
  };

  const nodes: GraphRecord[] = [];
  for (const [type, ids] of Object.entries(idsByType)) {
    for (const id of ids) nodes.push(makeNode(type, id, random, words, type === 'Source' ? [id] : citeSources()));
  }

  // Each end is drawn from a pool shuffled once per type and role, so hubs are spread over the id range.
  const pools = new Map<string, { ids: string[]; zipf: Zipf }>();
  const poolOf = (type: string, role: 'from' | 'to') => {
    const key = `${type}|${role}`;
    let pool = pools.get(key);
    if (!pool) {
      const ids = random.shuffle(idsByType[type]!);
      pool = { ids, zipf: createZipf(ids.length, role === 'from' ? FROM_SKEW : TO_SKEW) };
      pools.set(key, pool);
    }
    return pool;
  };

  const relationships: GraphRecord[] = [];
  const degree = new Map<string, number>();
  const seen = new Set<string>();
  const total = nodeCount * RELATIONSHIPS_PER_NODE;
  for (const spec of LINK_SPECS) {
    const from = poolOf(spec.from, 'from');
    const to = poolOf(spec.to, 'to');
    const wanted = Math.round(total * spec.share);
    for (let made = 0, attempts = 0; made < wanted && attempts < wanted * 20; attempts += 1) {
      const a = from.ids[from.zipf.draw(random)]!;
      const b = to.ids[to.zipf.draw(random)]!;
      const identity = `${a}|${spec.type}|${b}`;
      if (a === b || seen.has(identity)) continue;
      seen.add(identity);
      relationships.push({
        type: spec.type,
        from: a,
        to: b,
        confidence: pickConfidence(random),
        sourceIds: citeSources(),
        ...spec.properties?.(random),
      });
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
      made += 1;
    }
  }
  return { nodes, relationships, idsByType, degree };
}

// Private: one node record of `type` with the properties its type requires.
function makeNode(type: string, id: string, random: Random, words: readonly string[], sourceIds: string[]): GraphRecord {
  const name = `${random.pick(words)} ${random.pick(words)} ${random.pick(NAME_NOUNS[type]!)}`;
  const base: GraphRecord = { type, id, name, confidence: pickConfidence(random), sourceIds };
  if (random.chance(0.3)) base.description = `A synthetic ${type.toLowerCase()} near ${random.pick(words)}, generated for the benchmark.`;
  switch (type) {
    case 'Actor':
      return { ...base, kind: pickWeighted(random, ACTOR_KINDS, [6, 1, 1, 2, 8, 2, 2, 1, 1, 1]), side: pickWeighted(random, ['EU', 'KZ', 'OTHER'], [4, 4, 2]) };
    case 'Project':
      return { ...base, side: pickWeighted(random, ['EU', 'KZ', 'OTHER'], [3, 5, 2]), startDate: randomDate(random) };
    case 'Event':
      return { ...base, kind: random.pick(['congress', 'forum', 'summit', 'conference', 'meeting']), startDate: randomDate(random) };
    case 'Agreement':
      return { ...base, kind: random.pick(AGREEMENT_KINDS), date: randomDate(random) };
    case 'Material':
      return { ...base, kind: random.pick(['raw-material', 'intermediate', 'product', 'energy-carrier']), crmaCritical: random.chance(0.3) };
    case 'FundingInstrument':
      return { ...base, kind: random.pick(['programme', 'facility', 'package', 'loan', 'equity']) };
    case 'Place':
      return { ...base, kind: random.pick(['country', 'region', 'city']), side: pickWeighted(random, ['EU', 'KZ', 'OTHER'], [4, 4, 2]) };
    case 'Source':
      return {
        ...base,
        title: name,
        publisher: 'Benchmark Press',
        url: `https://example.org/${id.replace(':', '/')}`,
        date: randomDate(random),
        language: 'en',
      };
    default:
      throw new Error(`No generator for entity type "${type}".`);
  }
}

// Private: pronounceable capitalised pseudo-words ("Karatau", "Besoba"), distinct, for names and search.
function makeWords(random: Random, count: number): string[] {
  const onsets = ['b', 'k', 't', 'd', 'm', 'n', 's', 'r', 'l', 'z', 'sh', 'zh', 'ch', 'g', 'v', 'p', 'kh', 'j'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'y'];
  const words = new Set<string>();
  while (words.size < count) {
    const syllables = 2 + random.int(2);
    let word = '';
    for (let index = 0; index < syllables; index += 1) word += random.pick(onsets) + random.pick(vowels);
    if (random.chance(0.4)) word += random.pick(['n', 'r', 'k', 't', 's']);
    words.add(word[0]!.toUpperCase() + word.slice(1));
  }
  return [...words];
}

// Private: a date between 2015 and 2025 as YYYY-MM-DD.
function randomDate(random: Random): string {
  const year = 2015 + random.int(11);
  const month = 1 + random.int(12);
  const day = 1 + random.int(28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Private: mostly medium, as curated data is.
function pickConfidence(random: Random): string {
  return pickWeighted(random, ['high', 'medium', 'low'], [3, 5, 2]);
}

// Private: one item with the given relative weights.
function pickWeighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let target = random.next() * total;
  for (let index = 0; index < items.length; index += 1) {
    target -= weights[index] ?? 0;
    if (target < 0) return items[index]!;
  }
  return items[items.length - 1]!;
}
