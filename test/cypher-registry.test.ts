/**
 * The query registry fills template slots only from the model's whitelist and names what it cannot find.
 * (Whether every cypher/ file actually runs is test/cypher-files.test.ts, after the int suite.)
 */
import { describe, expect, it } from 'vitest';
import { cypher } from '../src/db/cypher-registry.ts';

describe('cypher registry', () => {
  it('fills slots only with names from the model whitelist', () => {
    expect(cypher('upsert-entities', { label: 'Actor' })).toContain('SET n:Actor');
    expect(() => cypher('upsert-entities', { label: 'Actor:Admin' })).toThrow('"Actor:Admin" is not an entity type of the model.');
    expect(() => cypher('upsert-relationships', { type: 'KNOWS]->() DETACH DELETE' })).toThrow('is not a relationship type of the model');
    expect(() => cypher('upsert-entities')).toThrow('unfilled slot');
  });

  it('names an unknown statement and the file it expected', () => {
    expect(() => cypher('no-such-statement')).toThrow('No Cypher statement named "no-such-statement": expected a file cypher/no-such-statement.cypher.');
  });
});
