/**
 * The query registry fills template slots only from the model's whitelist and names what it cannot find.
 * (Whether every cypher/ file actually runs is test/cypher-files.test.ts, after the int suite.)
 */
import { describe, expect, it } from 'vitest';
import { cypher, NodeProjection } from '../src/db/cypher-registry.ts';
import { RELATIONSHIP_TYPE_NAMES } from '../src/model/vocabulary.ts';
import { LIMITS } from '../src/limits.ts';

describe('cypher registry', () => {
  it('fills slots only with names from the model whitelist', () => {
    expect(cypher('upsert-entities', { label: 'Actor' })).toContain('SET n:Actor');
    expect(() => cypher('upsert-entities', { label: 'Actor:Admin' })).toThrow('"Actor:Admin" is not an entity type of the model.');
    expect(() => cypher('upsert-relationships', { type: 'KNOWS]->() DETACH DELETE' })).toThrow('is not a relationship type of the model');
    expect(() => cypher('upsert-entities')).toThrow('unfilled slot');
  });

  it('keeps a filled text per template and slots, each slot value giving its own text, and checks slots every time', () => {
    const slots = { type: 'MET', hops: 3, count: 1, dated: false } as const;
    const selected = cypher('paths-between', { ...slots, linkProperties: ['role'] });
    expect(cypher('paths-between', { ...slots, linkProperties: ['role'] })).toBe(selected);
    expect(selected).toContain('rel { .role }');
    expect(cypher('paths-between', { ...slots, linkProperties: [] })).toContain('properties: {}');
    expect(cypher('paths-between', slots)).toContain('properties: properties(rel)');
    expect(cypher('paths-between', { ...slots, hops: 2 })).toContain('{1,2}');
    expect(() => cypher('paths-between', { ...slots, linkProperties: ['role} RETURN 1 //'] })).toThrow('is not a relationship property of the model');
    expect(() => cypher('paths-between', { ...slots, type: 'MET|KNOWS' })).toThrow('"KNOWS" is not a relationship type of the model.');
  });

  it('sends no comment lines to Neo4j', () => {
    const text = cypher('neighborhood', { type: 'MET', hops: 2, dated: false });
    expect(text.split('\n').filter((line) => line.trim().startsWith('//'))).toEqual([]);
    expect(text).toContain('MATCH (centre:Entity {id: $id})');
  });

  it('expands a few relationship types by their groups and most of them once, with a type check', () => {
    const few = cypher('neighborhood', { type: 'MET|ATTENDED', hops: 2, dated: false });
    expect(few).toContain('-[r1:MET|ATTENDED]-');
    expect(few).toContain('(x)-[rel:MET|ATTENDED]->(y)');
    const all = cypher('neighborhood', { type: RELATIONSHIP_TYPE_NAMES.join('|'), hops: 2, dated: false });
    expect(all).toContain(`-[r1 WHERE type(r1) IN ['${RELATIONSHIP_TYPE_NAMES[0]}', `);
    expect(all).not.toContain('[r1:');
  });

  it('checks that a path is simple only when more than one shortest path is asked', () => {
    const one = cypher('paths-between', { type: 'MET', hops: 3, count: 1, dated: false });
    const three = cypher('paths-between', { type: 'MET', hops: 3, count: 3, dated: false });
    expect(one).not.toContain('reduce(seen');
    expect(three).toContain('NOT a IN x AND size(x) = size(reduce(seen = [], node IN x');
  });

  it('projects every stored property of `n` unless the planner compiled a projection', () => {
    expect(cypher('search-entities')).toContain("n { .*, __typename: [label IN labels(n) WHERE label <> 'Entity'][0] } AS node");
    const planned = cypher('search-entities', { node: NodeProjection.trusted('', '{ `id`: n.id }') });
    expect(planned).toContain('{ `id`: n.id } AS node');
    expect(planned).not.toContain('.*');
    expect(() => cypher('search-entities', { node: { subqueries: '', expr: 'n' } as unknown as NodeProjection })).toThrow('takes only a NodeProjection');
  });

  it('projects the relationship properties a selection reads, only from the model', () => {
    const slots = { type: 'MET', hops: 2, dated: false } as const;
    expect(cypher('neighborhood', slots)).toContain('properties: properties(rel)');
    expect(cypher('neighborhood', { ...slots, linkProperties: ['key', 'role'] })).toContain('properties: rel { .key, .role }');
    expect(cypher('neighborhood', { ...slots, linkProperties: [] })).toContain('properties: {}');
    expect(() => cypher('neighborhood', { ...slots, linkProperties: ['password'] })).toThrow('"password" is not a relationship property of the model.');
  });

  it('has a ring in the neighbourhood for every depth the API allows', () => {
    // cypher/neighborhood.cypher searches in three rings; a deeper neighbourhood needs a fourth.
    expect(LIMITS.neighborhoodDepth.max).toBeLessThanOrEqual(3);
    expect(cypher('neighborhood', { type: 'MET', hops: 3, dated: false })).toContain('AS ring3');
  });

  it('names an unknown statement and the file it expected', () => {
    expect(() => cypher('no-such-statement')).toThrow('No Cypher statement named "no-such-statement": expected a file cypher/no-such-statement.cypher.');
  });
});
