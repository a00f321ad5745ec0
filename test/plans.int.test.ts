/**
 * Every request-path statement uses an index: PROFILE on the real Neo4j with the curated data, asserting
 * the plan's operators (an index seek for id lookups, the sort index for pages, never a scan of all nodes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CypherPredicate } from '../src/db/cypher-registry.ts';
import type { Database, PlanOperator } from '../src/db/database.ts';
import { compileFilter } from '../src/filters/compile-filter.ts';
import { connectTestDatabase } from './helpers.ts';

let db: Database;
beforeAll(() => {
  db = connectTestDatabase();
});
afterAll(() => db.close());

const types = (plan: PlanOperator[]) => plan.map((operator) => operator.operatorType);

describe('query plans', () => {
  it('nodes-by-ids seeks the Entity id constraint index', async () => {
    const plan = await db.profile('nodes-by-ids', { keys: ['actor:maros-sefcovic', 'place:kazakhstan'] });
    expect(types(plan)).toContain('NodeUniqueIndexSeek');
    expect(types(plan)).not.toContain('AllNodesScan');
  });

  it('relationships-by-ids seeks each parent by id and expands only the asked types', async () => {
    const plan = await db.profile(
      'relationships-by-ids',
      { keys: ['actor:maros-sefcovic'], asOf: '2023-06-01', includeUncertain: false, after: null, limit: 21 },
      { type: 'HOLDS_OFFICE|MET', arrow: 'BOTH' },
    );
    expect(types(plan)).toContain('NodeUniqueIndexSeek');
    expect(plan.some((operator) => operator.operatorType.startsWith('Expand') && operator.details.includes('HOLDS_OFFICE|MET'))).toBe(true);
    expect(types(plan)).not.toContain('AllNodesScan');
  });

  it('a page by name walks the (sortName, id) index in order and stops at the limit, filtered or not', async () => {
    const params: Record<string, unknown> = {};
    const where = compileFilter('Actor', { side: ['KZ'], nameContains: 'a' }, params);
    for (const [filter, filterParams] of [
      [CypherPredicate.TRUE, {}],
      [where, params],
    ] as const) {
      const plan = await db.profile(
        'entities-page',
        { ...filterParams, label: 'Actor', missingDate: '~', fromKey: '', cursor: null, limit: 21 },
        { label: 'Actor', where: filter, sort: 'NAME', dir: 'ASC' },
      );
      expect(plan.find((operator) => operator.operatorType === 'NodeIndexSeek')?.details).toContain('n:Actor(sortName, id)');
      expect(types(plan)).toContain('Limit');
      expect(types(plan)).not.toContain('Sort');
      expect(types(plan)).not.toContain('AllNodesScan');
    }
  });

  it('a page by date reads an index, not all nodes', async () => {
    const plan = await db.profile(
      'entities-page',
      { label: 'Agreement', missingDate: '', fromKey: '\u{10FFFF}', cursor: null, limit: 21 },
      { label: 'Agreement', where: CypherPredicate.TRUE, sort: 'DATE', dir: 'DESC' },
    );
    expect(types(plan).some((type) => type.startsWith('NodeIndex'))).toBe(true);
    expect(types(plan)).not.toContain('AllNodesScan');
  });

  it('an unfiltered count comes from the count store', async () => {
    const plan = await db.profile('entities-count', {}, { label: 'Material', where: CypherPredicate.TRUE });
    expect(types(plan)).toContain('NodeCountFromCountStore');
  });
});

describe('query plans of the path and analytics statements', () => {
  const ALL_KINDS = ['EVENT', 'AGREEMENT', 'SIGNING', 'ANNOUNCEMENT', 'MEETING', 'FUNDING', 'OFFICE_START', 'OFFICE_END'];

  it('paths-between seeks both ends by id and searches shortest paths between them', async () => {
    const plan = await db.profile(
      'paths-between',
      { from: 'actor:maros-sefcovic', to: 'actor:marat-karabayev', nodeTypes: null, asOf: null, includeUncertain: false },
      { type: 'ATTENDED|MET', hops: 4, count: 3 },
    );
    expect(types(plan).filter((type) => type === 'NodeUniqueIndexSeek')).toHaveLength(2);
    expect(types(plan).some((type) => type.startsWith('StatefulShortestPath'))).toBe(true);
  });

  it('corridors and brokers start from the Actor(side) index', async () => {
    for (const [name, slots] of [
      ['corridors', { type: 'FUNDS|PARTICIPATES_IN', hops: 4 }],
      ['brokers', { hops: 4 }],
    ] as const) {
      const plan = await db.profile(name, { material: null, limit: 5 }, slots);
      expect(
        plan
          .filter((operator) => operator.operatorType === 'NodeIndexSeek')
          .map((operator) => operator.details)
          .join(' '),
        name,
      ).toContain('n:Actor(side)'.replace('n:', ''));
      expect(types(plan)).not.toContain('NodeByLabelScan');
    }
  });

  it('the timeline reads only date indexes, on nodes and relationships, with asOf or without', async () => {
    for (const [asOf, dated] of [
      [null, false],
      ['2023-06-01', true],
    ] as const) {
      const plan = await db.profile(
        'timeline',
        { from: '2023', fromYear: '2023', to: '2023-12~', kinds: ALL_KINDS, limit: 51, asOf, includeUncertain: false },
        { dated },
      );
      expect(types(plan), `asOf ${asOf}`).toContain('NodeIndexSeekByRange');
      expect(types(plan), `asOf ${asOf}`).toContain('DirectedRelationshipIndexSeekByRange');
      expect(
        types(plan).filter((type) => /Scan/.test(type)),
        `asOf ${asOf}`,
      ).toEqual([]);
    }
  });

  it('the value-chain view and the neighbourhood seek by id', async () => {
    for (const [asOf, dated] of [
      [null, false],
      ['2023-06-01', true],
    ] as const) {
      const chain = await db.profile('value-chain-stages', { fromId: 'chain:batteries', toId: 'chain:batteries', asOf, includeUncertain: true }, { dated });
      expect(
        types(chain).some((type) => type.startsWith('NodeUniqueIndexSeek')),
        `asOf ${asOf}`,
      ).toBe(true);
      expect(
        types(chain).filter((type) => /Scan/.test(type)),
        `asOf ${asOf}`,
      ).toEqual([]);
    }
    const neighbourhood = await db.profile(
      'neighborhood',
      { id: 'event:amm-2023', limit: 50, asOf: null, includeUncertain: false },
      { type: 'ATTENDED|MET', hops: 2 },
    );
    expect(types(neighbourhood)).toContain('NodeUniqueIndexSeek');
    expect(types(neighbourhood).filter((type) => /Scan/.test(type))).toEqual([]);
  });
});
