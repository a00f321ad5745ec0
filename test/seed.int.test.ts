/**
 * The curated seed on the real Neo4j: idempotent reload, all-or-nothing on a bad file, every link allowed
 * by the vocabulary, every fact sourced, and the primary text's names and facts present.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { ENTITY_TYPES, RELATIONSHIP_TYPES, isRelationshipType } from '../src/model/vocabulary.ts';
import { exportGraph, type ExportedEntity, type ExportedRelationship } from '../src/records/export-graph.ts';
import { RecordValidationError, upsertRecords } from '../src/records/write-records.ts';
import { summarize } from '../src/records/summarize-graph.ts';
import { loadSeed } from '../src/records/load-seed.ts';
import { connectTestDatabase } from './helpers.ts';

let db: Database;
let entities: ExportedEntity[];
let relationships: ExportedRelationship[];
const byId = new Map<string, ExportedEntity>();

beforeAll(async () => {
  db = connectTestDatabase();
  ({ entities, relationships } = await exportGraph(db));
  for (const entity of entities) byId.set(entity.id, entity);
});
afterAll(() => db.close());

const linksOf = (from: string, type: string, to?: string) =>
  relationships.filter((link) => link.from === from && link.type === type && (to === undefined || link.to === to));

describe('loading the seed', () => {
  it('a second load changes nothing: same counts, same properties', async () => {
    const before = await summarize(db);
    const { report, ...summary } = await loadSeed(db);
    expect(summary).toEqual(before);
    expect(report).toEqual({ created: {}, updated: {}, unchanged: expect.objectContaining({ Actor: entities.filter((e) => e.type === 'Actor').length }) });
    expect(await exportGraph(db)).toEqual({ entities, relationships });
  });

  it('--reset removes what the files do not hold and reloads the same graph', async () => {
    await upsertRecords(
      db,
      [{ type: 'Actor', id: 'actor:test-stale-entity', name: 'Stale', kind: 'person', confidence: 'low', sourceIds: ['source:eu-kz-roadmap-2023-de'] }],
      [],
      { by: 'test' },
    );
    const summary = await loadSeed(db, { reset: true });
    expect((await db.read('nodes-by-ids', { keys: ['actor:test-stale-entity'] })).length).toBe(0);
    expect(summary.nodeCount).toBe(entities.length);
    expect(await exportGraph(db)).toEqual({ entities, relationships });
  });

  it('a broken seed reports all its problems with file and line, and leaves the database exactly as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcg-broken-seed-'));
    try {
      mkdirSync(join(dir, 'nodes'));
      mkdirSync(join(dir, 'relationships'));
      const lines = (records: unknown[]) => records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n');
      writeFileSync(
        join(dir, 'nodes', 'actors.jsonl'),
        lines([
          { type: 'Actor', id: 'actor:test-broken-valid', name: 'Would be valid', kind: 'person', confidence: 'high', sourceIds: ['source:test-broken'] },
          { type: 'Actor', id: 'actor:test-broken-valid', name: 'Duplicate', kind: 'person', confidence: 'high', sourceIds: ['source:test-broken'] },
          { type: 'Actor', id: 'actor:test-broken-kind', name: 'Bad kind', kind: 'alien', confidence: 'high', sourceIds: ['source:test-broken'] },
          { type: 'Actor', id: 'actor:test-broken-nosource', name: 'No source', kind: 'person', confidence: 'high' },
          '{ not json',
        ]),
      );
      writeFileSync(
        join(dir, 'nodes', 'sources.jsonl'),
        lines([{ type: 'Source', id: 'source:test-broken', name: 'T', title: 'T', date: '2023-13', confidence: 'high', sourceIds: ['source:test-broken'] }]),
      );
      writeFileSync(
        join(dir, 'relationships', 'links.jsonl'),
        lines([
          { type: 'SIGNED', from: 'actor:test-broken-valid', to: 'agreement:nowhere', confidence: 'high', sourceIds: ['source:test-broken'] },
          { type: 'FRIENDS_WITH', from: 'actor:test-broken-valid', to: 'actor:test-broken-kind', confidence: 'high', sourceIds: ['source:test-broken'] },
        ]),
      );
      const error = await loadSeed(db, { dir }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RecordValidationError);
      const problems = (error as RecordValidationError).problems.map((problem) => `${problem.location.file}:${problem.location.line} ${problem.message}`);
      const name = dir.split('/').pop();
      expect(problems).toEqual([
        expect.stringContaining(`${name}/nodes/actors.jsonl:5 Not valid JSON:`),
        expect.stringContaining(`${name}/nodes/actors.jsonl:2 Duplicate id "actor:test-broken-valid"`),
        expect.stringContaining(`${name}/nodes/actors.jsonl:3 "kind" must be one of person,`),
        `${name}/nodes/actors.jsonl:4 "sourceIds" must list at least one Source id, but got undefined.`,
        `${name}/nodes/sources.jsonl:1 "date" must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), but got "2023-13".`,
        `${name}/relationships/links.jsonl:1 "to" refers to "agreement:nowhere", which does not exist.`,
        expect.stringContaining(`${name}/relationships/links.jsonl:2 Unknown relationship type "FRIENDS_WITH"`),
      ]);
      expect((error as Error).message).toMatch(/^Found 7 problems in the records; nothing was written:/);
      expect(await exportGraph(db)).toEqual({ entities, relationships });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the curated graph', () => {
  it('is at least 150 nodes and 300 relationships', () => {
    expect(entities.length).toBeGreaterThanOrEqual(150);
    expect(relationships.length).toBeGreaterThanOrEqual(300);
  });

  it('holds only relationships the vocabulary allows, between allowed endpoint types', () => {
    const violations = relationships.filter((link) => {
      if (!isRelationshipType(link.type)) return true;
      const spec = RELATIONSHIP_TYPES[link.type];
      return !(spec.from as readonly string[]).includes(byId.get(link.from)!.type) || !(spec.to as readonly string[]).includes(byId.get(link.to)!.type);
    });
    expect(violations).toEqual([]);
  });

  it('gives every node and every relationship at least one Source that exists', () => {
    const unsourced = [...entities, ...relationships].filter((item) => {
      const ids = item.sourceIds as string[] | undefined;
      return !ids?.length || ids.some((id) => byId.get(id)?.type !== 'Source');
    });
    expect(unsourced).toEqual([]);
  });

  it('carries a confidence on every node and relationship', () => {
    expect([...entities, ...relationships].filter((item) => !['high', 'medium', 'low'].includes(String(item.confidence)))).toEqual([]);
  });

  it('has every public id the API promises, with the type its prefix says', () => {
    const required = [
      'actor:valdis-dombrovskis',
      'actor:alikhan-smailov',
      'actor:maros-sefcovic',
      'actor:marat-karabayev',
      'actor:ursula-von-der-leyen',
      'actor:european-commission',
      'actor:government-of-kazakhstan',
      'agreement:eu-kz-mou-2022',
      'agreement:eu-kz-roadmap-2023-2024',
      'agreement:epca',
      'instrument:horizon-europe',
      'instrument:eu-kz-cooperation-facility',
      'event:amm-2023',
      'material:lithium',
      'material:renewable-hydrogen',
      'chain:batteries',
      'chain:renewable-hydrogen',
      'chain:raw-materials',
      'place:kazakhstan',
      'project:hyrasia-one',
      'source:eu-kz-roadmap-2023-de',
    ];
    const prefixOf = (type: string) => ENTITY_TYPES[type as keyof typeof ENTITY_TYPES].prefix;
    expect(required.filter((id) => !byId.has(id) || !id.startsWith(`${prefixOf(byId.get(id)!.type)}:`))).toEqual([]);
  });

  it('lists the CRMA materials: 34 critical, 17 strategic', () => {
    const materials = entities.filter((entity) => entity.type === 'Material');
    expect(materials.filter((material) => material.crmaCritical === true)).toHaveLength(34);
    expect(materials.filter((material) => material.crmaStrategic === true)).toHaveLength(17);
    expect(byId.get('material:lithium')).toMatchObject({ crmaCritical: true, crmaStrategic: true });
  });
});

describe('the primary text (eu-kz-roadmap-2023.de.txt) is in the graph', () => {
  const primary = 'source:eu-kz-roadmap-2023-de';
  const cites = (item: Record<string, unknown>) => (item.sourceIds as string[]).includes(primary);

  it('as a German Source', () => {
    expect(byId.get(primary)).toMatchObject({ type: 'Source', language: 'de' });
  });

  it('19 May 2023: Dombrovskis (Executive Vice-President) and Smailov (Prime Minister) announce the roadmap', () => {
    for (const person of ['actor:valdis-dombrovskis', 'actor:alikhan-smailov']) {
      const [announced] = linksOf(person, 'ANNOUNCED', 'agreement:eu-kz-roadmap-2023-2024');
      expect(announced, person).toMatchObject({ date: '2023-05-19' });
      expect(cites(announced!)).toBe(true);
    }
    expect(linksOf('actor:valdis-dombrovskis', 'HOLDS_OFFICE', 'actor:european-commission').map((office) => office.title)).toContain(
      'Executive Vice-President of the European Commission',
    );
    const [premiership] = linksOf('actor:alikhan-smailov', 'HOLDS_OFFICE', 'actor:government-of-kazakhstan');
    expect(premiership).toMatchObject({ title: 'Prime Minister of Kazakhstan', validFrom: '2022-01-11', validTo: '2024-02-05' });
  });

  it('the roadmap implements the strategic partnership (MoU), which builds on the EPCA', () => {
    expect(linksOf('agreement:eu-kz-roadmap-2023-2024', 'IMPLEMENTS', 'agreement:eu-kz-mou-2022')).toHaveLength(1);
    expect(linksOf('agreement:eu-kz-mou-2022', 'BUILDS_ON', 'agreement:epca')).toHaveLength(1);
    expect(byId.get('agreement:epca')?.names).toMatchObject({ de: ['Abkommen über eine verstärkte Partnerschaft und Zusammenarbeit'] });
  });

  it('every cooperation field the text lists is covered by the roadmap', () => {
    const covered = linksOf('agreement:eu-kz-roadmap-2023-2024', 'COVERS').map((link) => link.to);
    for (const area of [
      'area:joint-investment-projects',
      'area:geological-exploration',
      'area:research-and-innovation',
      'area:skills',
      'area:capacity-building',
      'area:mining-modernisation-decarbonisation',
      'area:technology-transfer',
      'area:renewable-energy',
    ]) {
      expect(covered, area).toContain(area);
    }
  });

  it('Horizon Europe and the Cooperation Facility are tied to the roadmap', () => {
    for (const instrument of ['instrument:horizon-europe', 'instrument:eu-kz-cooperation-facility']) {
      const links = relationships.filter(
        (link) =>
          (link.from === 'agreement:eu-kz-roadmap-2023-2024' && link.to === instrument) ||
          (link.to === 'agreement:eu-kz-roadmap-2023-2024' && link.from === instrument),
      );
      expect(links.length, instrument).toBeGreaterThan(0);
    }
    expect(byId.get('instrument:horizon-europe')?.names).toMatchObject({ de: expect.arrayContaining(['Horizont Europa']) });
  });

  it('the three value chains of the partnership exist and the MoU covers them', () => {
    for (const chain of ['chain:raw-materials', 'chain:batteries', 'chain:renewable-hydrogen']) {
      expect(byId.get(chain)?.type).toBe('ValueChain');
      expect(linksOf('agreement:eu-kz-mou-2022', 'COVERS', chain), chain).toHaveLength(1);
    }
  });

  it('1–2 June 2023: Šefčovič meets the Prime Minister and Minister Karabayev at the congress in Astana', () => {
    expect(byId.get('event:amm-2023')).toMatchObject({ startDate: '2023-06-01', endDate: '2023-06-02' });
    expect(linksOf('event:amm-2023', 'LOCATED_IN', 'place:astana')).toHaveLength(1);
    expect(linksOf('actor:maros-sefcovic', 'ATTENDED', 'event:amm-2023')).toHaveLength(1);
    expect(linksOf('actor:maros-sefcovic', 'MET', 'actor:alikhan-smailov')).toHaveLength(1);
    expect(linksOf('actor:maros-sefcovic', 'MET', 'actor:marat-karabayev')).toHaveLength(1);
    expect(linksOf('actor:marat-karabayev', 'HOLDS_OFFICE', 'actor:ministry-of-industry-and-infrastructure-development')[0]).toMatchObject({
      title: 'Minister of Industry and Infrastructure Development',
    });
    expect(linksOf('actor:ministry-of-industry-and-infrastructure-development', 'PART_OF', 'actor:government-of-kazakhstan')).toHaveLength(1);
  });

  it('keeps the German and Russian spellings the sources give', () => {
    expect(byId.get('actor:alikhan-smailov')?.names).toMatchObject({ de: expect.arrayContaining(['Alichan Smailov']), ru: ['Алихан Смаилов'] });
    expect(byId.get('place:kazakhstan')?.names).toMatchObject({ de: expect.arrayContaining(['Kasachstan']) });
    expect(byId.get('actor:european-commission')?.names).toMatchObject({ de: expect.arrayContaining(['Europäische Kommission']) });
  });
});
