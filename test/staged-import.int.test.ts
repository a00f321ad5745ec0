/**
 * Imports too large for one transaction, still all or nothing: staged batches with a journal, rolled back on
 * a failure at any batch and, after a kill of the importer (SIGKILL of `npm run import`), by recovery.
 * Small batch sizes stand in for large imports. On the real Neo4j; ids contain "test-s".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importRecords } from '../src/records/import-records.ts';
import { importJournalSize, recoverImports } from '../src/records/staged-import.ts';
import { removeEntities, upsertRecords } from '../src/records/write-records.ts';
import { exportGraph } from '../src/records/export-graph.ts';
import { connectTestDatabase } from './helpers.ts';
import type { Database } from '../src/db/database.ts';

const SOURCE = 'source:eu-kz-roadmap-2023-de';
const EXISTING = 'actor:test-s-existing';
const stamp = { by: 'test' };
let db: Database;
const ids = (n: number, prefix = 'a') => Array.from({ length: n }, (_, index) => `actor:test-s-${prefix}-${index}`);

/** JSON Lines of n new actors, a change to EXISTING, and a MET chain between them. */
function records(n: number, prefix = 'a'): string {
  const actors = ids(n, prefix).map((id) => ({ type: 'Actor', id, name: id, kind: 'company', confidence: 'low', sourceIds: [SOURCE] }));
  const changed = { type: 'Actor', id: EXISTING, name: 'Renamed by the import', kind: 'company', confidence: 'high', sourceIds: [SOURCE] };
  const links = ids(n, prefix)
    .slice(1)
    .map((id, index) => ({ type: 'MET', from: ids(n, prefix)[index], to: id, confidence: 'low', sourceIds: [SOURCE] }));
  return [...actors, changed, ...links].map((record) => JSON.stringify(record)).join('\n');
}

/** The graph as the API can see it, to compare before and after. */
async function snapshot(): Promise<string> {
  const { entities, relationships } = await exportGraph(db);
  return JSON.stringify([entities, relationships]);
}

beforeAll(async () => {
  db = connectTestDatabase();
  await upsertRecords(db, [{ type: 'Actor', id: EXISTING, name: 'Existing', kind: 'ministry', confidence: 'low', sourceIds: [SOURCE] }], [], stamp);
});
afterAll(async () => {
  await removeEntities(db, [EXISTING, ...ids(40), ...ids(40, 'b'), ...ids(400, 'k'), ...ids(400, 'h')]);
  await db.close();
});

describe('staged import', () => {
  it('writes everything in batches and leaves no journal behind', async () => {
    const progress: number[] = [];
    const outcome = await importRecords(db, [{ file: 'big.jsonl', format: 'jsonl', text: records(40) }], {
      dryRun: false,
      stamp,
      singleTransactionMax: 10,
      batchSize: 7,
      onProgress: (written) => progress.push(written),
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.created).toEqual({ Actor: 40, MET: 39 });
    expect(outcome.updated).toEqual({ Actor: 1 });
    expect(progress).toEqual([7, 14, 21, 28, 35, 41, 48, 55, 62, 69, 76, 80]);
    expect((await db.read('nodes-by-ids', { keys: ids(40) })).length).toBe(40);
    expect(await importJournalSize(db)).toEqual({ runs: 0, entries: 0 });
    await removeEntities(db, ids(40));
    await upsertRecords(db, [{ type: 'Actor', id: EXISTING, name: 'Existing', kind: 'ministry', confidence: 'low', sourceIds: [SOURCE] }], [], stamp);
  });

  it('a running import keeps its heartbeat fresh, so recovery with a short staleness leaves it alone', async () => {
    let written = 0;
    const importing = importRecords(db, [{ file: 'live.jsonl', format: 'jsonl', text: records(400, 'h') }], {
      dryRun: false,
      stamp,
      singleTransactionMax: 10,
      batchSize: 7,
      heartbeatMs: 20,
      onProgress: (count) => (written = count),
    });
    // Wait until the import has run for several heartbeats, then recover anything stale for 250 ms: without
    // the heartbeat the run's last sign of life would be its start, and recovery would roll it back.
    const started = Date.now();
    while (written === 0 || Date.now() - started < 400) await new Promise((resolve) => setTimeout(resolve, 10));
    const writtenAtRecovery = written;
    const recovered = await recoverImports(db, 250);
    const outcome = await importing;
    expect(writtenAtRecovery).toBeLessThan(400 + 1 + 399);
    expect(recovered.rolledBack).toBe(0);
    expect(outcome.problems).toEqual([]);
    expect(outcome.created).toEqual({ Actor: 400, MET: 399 });
    await removeEntities(db, ids(400, 'h'));
    await upsertRecords(db, [{ type: 'Actor', id: EXISTING, name: 'Existing', kind: 'ministry', confidence: 'low', sourceIds: [SOURCE] }], [], stamp);
  });

  it('a failure in a later batch rolls back the earlier ones, restoring what they changed', async () => {
    const before = await snapshot();
    let batches = 0;
    await expect(
      importRecords(db, [{ file: 'big.jsonl', format: 'jsonl', text: records(40, 'b') }], {
        dryRun: false,
        stamp,
        singleTransactionMax: 10,
        batchSize: 7,
        onProgress: () => {
          if (++batches === 9) throw new Error('stop after 9 batches');
        },
      }),
    ).rejects.toThrow('stop after 9 batches');
    expect(await snapshot()).toBe(before);
    expect(await importJournalSize(db)).toEqual({ runs: 0, entries: 0 });
  });

  it('a killed importer leaves its batches to recovery, which restores the graph as it was', async () => {
    const before = await snapshot();
    const dir = mkdtempSync(join(tmpdir(), 'vcg-staged-'));
    try {
      const file = join(dir, 'big.jsonl');
      writeFileSync(file, records(400, 'k'));
      const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--batch-size=20', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let written = 0;
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          const match = /Wrote (\d+) of/.exec(chunk.toString());
          if (match && Number(match[1]) >= 200 && written === 0) {
            written = Number(match[1]);
            child.kill('SIGKILL');
          }
        });
        child.once('exit', () => resolve());
        child.once('error', reject);
      });
      expect(written).toBeGreaterThanOrEqual(200);
      expect((await importJournalSize(db)).runs).toBe(1);
      expect(await recoverImports(db, 0)).toEqual({ rolledBack: 1, cleanedUp: 0 });
      expect(await snapshot()).toBe(before);
      expect(await importJournalSize(db)).toEqual({ runs: 0, entries: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
