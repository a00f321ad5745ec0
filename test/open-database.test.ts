/**
 * One start-up sequence: every entry point reaches Neo4j through openDatabase (src/db/open-database.ts),
 * which passes every configured bound, so the tools cannot drift from the server again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { embeddedNeo4jOptions } from '../src/db/open-database.ts';

// Private: the TypeScript files under a folder.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('openDatabase', () => {
  it('gives the embedded Neo4j the configured data dir, memory and transaction timeout', () => {
    const config = loadConfig({ NEO4J_DATA_DIR: '/tmp/x', NEO4J_HEAP_MB: '2048', NEO4J_PAGECACHE_MB: '300', NEO4J_TX_TIMEOUT_MS: '20000' });
    expect(embeddedNeo4jOptions(config)).toEqual({ dataDir: '/tmp/x', heapMb: 2048, pageCacheMb: 300, txTimeoutMs: 20000 });
  });

  it('is the only way the application code starts Neo4j or creates a driver', () => {
    const offenders = sourceFiles('src')
      .filter((path) => !['src/db/open-database.ts', 'src/db/database.ts', 'src/db/embedded-neo4j.ts', 'src/cli/neo4j.ts'].includes(path))
      .filter((path) => /\b(createDatabase|startEmbeddedNeo4j)\(/.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is used by every entry point in src/cli/ that needs a database', () => {
    for (const path of sourceFiles('src/cli').filter((file) => !file.endsWith('neo4j.ts') && !file.endsWith('start.ts'))) {
      expect(readFileSync(path, 'utf8'), path).toMatch(/\b(openDatabase|runWithDatabase)\(/);
    }
    expect(readFileSync('src/app.ts', 'utf8')).toMatch(/\bopenDatabase\(/);
  });
});
