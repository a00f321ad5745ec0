import { describe, expect, it } from 'vitest';
import { compileFilter } from '../src/filters/compile-filter.ts';

describe('compileFilter', () => {
  it('puts every value in a parameter, never in the Cypher text', () => {
    const params: Record<string, unknown> = {};
    const hostile = `x' }) DETACH DELETE n //`;
    const predicate = compileFilter('Actor', { nameContains: hostile, participatesIn: hostile, OR: [{ side: ['EU'] }, { NOT: { kind: ['person'] } }] }, params);
    expect(predicate.text).not.toContain('DETACH');
    expect(predicate.text).toBe(
      'any(name IN n.foldedNames WHERE name CONTAINS $f0) AND EXISTS { MATCH (n)-[:PARTICIPATES_IN]->(:Project {id: $f1}) } AND (n.side IN $f2 OR NOT (n.kind IN $f3))',
    );
    expect(params).toEqual({ f0: hostile.toLowerCase(), f1: hostile, f2: ['EU'], f3: ['person'] });
  });

  it("compiles a relation on the other end's own filter into a nested EXISTS over its own variable", () => {
    const params: Record<string, unknown> = {};
    const predicate = compileFilter('Project', { participantMatching: { side: ['EU'], holdsOfficeInMatching: { nameContains: 'Ministry' } } }, params);
    expect(predicate.text).toBe(
      'EXISTS { MATCH (m1:Actor)-[:PARTICIPATES_IN]->(n) WHERE m1.side IN $f0 AND EXISTS { MATCH (m1)-[:HOLDS_OFFICE]->(m2:Actor) WHERE any(name IN m2.foldedNames WHERE name CONTAINS $f1) } }',
    );
    expect(params).toEqual({ f0: ['EU'], f1: 'ministry' });
  });

  it('folds nameContains like the stored names', () => {
    const params: Record<string, unknown> = {};
    compileFilter('Actor', { nameContains: '  ŠEFČOVIČ ' }, params);
    expect(params.f0).toBe('sefcovic');
  });

  it('turns a date range into an overlap test that tolerates partial dates', () => {
    const params: Record<string, unknown> = {};
    const predicate = compileFilter('Event', { date: { from: '2023-06-01', to: '2023-06-30' } }, params);
    expect(predicate.text).toBe("(n.startDate IS NOT NULL AND coalesce(n.endDate, n.startDate) + '~' >= $f0 AND n.startDate <= $f1)");
  });

  it.each([
    [{ ids: [] }, '"filter.ids" needs at least one value.'],
    [{ date: {} }, '"filter.date" needs "from", "to" or both.'],
    [{ AND: [] }, '"filter.AND" needs at least one filter.'],
    [
      { NOT: { NOT: { NOT: { NOT: { NOT: { kind: ['MOU'] } } } } } },
      'Argument "filter.NOT.NOT.NOT.NOT.NOT" nests AND/OR/NOT and …Matching filters deeper than 5 levels.',
    ],
    [
      { OR: Array.from({ length: 60 }, () => ({ kind: ['MOU'] })) },
      'Argument "filter" holds more than 50 conditions (the limit is reached at "filter.OR[49].kind"); split the query.',
    ],
  ])('rejects %o', (filter, message) => {
    expect(() => compileFilter('Agreement', filter, {})).toThrow(message);
  });
});
