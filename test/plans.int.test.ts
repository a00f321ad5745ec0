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
      { keys: ['actor:maros-sefcovic'], asOf: '2023-06-01', after: null, limit: 21 },
      { type: 'HOLDS_OFFICE|MET', arrow: 'BOTH' },
    );
    expect(types(plan)).toContain('NodeUniqueIndexSeek');
    expect(plan.some((operator) => operator.operatorType.startsWith('Expand') && operator.details.includes('HOLDS_OFFICE|MET'))).toBe(true);
    expect(types(plan)).not.toContain('AllNodesScan');
  });

  it('a page by name walks the (sortName, id) index in order and stops at the limit, filtered or not', async () => {
    const params: Record<string, unknown> = {};
    const where = compileFilter('Actor', { side: ['KZ'], nameContains: 'a' }, params);
    for (const [filter, filterParams] of [[CypherPredicate.TRUE, {}], [where, params]] as const) {
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
