import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cypher, cypherNames } from '../src/db/cypher-registry.ts';

// Every file in cypher/ must be used by code: a statement nothing loads drifts from the ones that run.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('cypher/', () => {
  const code = [...sourceFiles('src'), ...sourceFiles('seed')].map((path) => readFileSync(path, 'utf8')).join('\n');

  it.each(cypherNames())('%s.cypher is loaded by code', (name) => {
    expect(code).toContain(`'${name}'`);
  });

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
