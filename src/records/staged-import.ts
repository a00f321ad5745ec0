/**
 * Imports too large for one transaction (Neo4j caps a transaction's memory), still all or nothing: the
 * records are written in bounded batches, one transaction each, and every batch first journals what it is
 * about to change (an ImportUndo per record: the stored properties, or that it did not exist). A final switch
 * marks the run committed; until then a failure rolls the journal back, batch by batch, and a run whose
 * importer was killed (its heartbeat stops) is rolled back by the next start of the server or any CLI tool
 * (recoverImports). Readers may see an import's records while it runs; once it ended or was recovered, the
 * graph holds all of it or none of it.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { LocatedRecord } from '../model/validate-records.ts';
import { RELATIONSHIP_TYPE_NAMES, type EntityType } from '../model/vocabulary.ts';
import { mergeReports, writeLocatedRecords, type WriteReport, type WriteStamp } from './write-records.ts';

/** Options of writeStaged. */
export interface StagedImportOptions {
  stamp: WriteStamp;
  /** Records per transaction. @default 5000 */
  batchSize?: number;
  /** Called after each batch with the records written so far and in all. */
  onProgress?: (written: number, total: number) => void;
  /** How often the importer refreshes its heartbeat. @default 5000 */
  heartbeatMs?: number;
}

/** Thrown when a staged import was rolled back by recovery while it ran (its importer froze too long). */
export class ImportAbandonedError extends Error {
  override name = 'ImportAbandonedError';
}

/** How long a running import's heartbeat may be silent before recovery rolls it back. */
export const STALE_IMPORT_MS = 60_000;
const CLEANUP_BATCH = 5000;

/**
 * Writes already validated located records in batches (entities first, Sources before the rest, then
 * relationships), each batch checked again inside its own transaction; all or nothing as described above.
 * `types` gives the type of every entity the import defines (so a batch may cite a Source of a later one).
 */
export async function writeStaged(
  db: Database,
  entities: readonly LocatedRecord[],
  relationships: readonly LocatedRecord[],
  options: StagedImportOptions,
): Promise<WriteReport> {
  const { stamp, batchSize = 5000, onProgress, heartbeatMs = 5000 } = options;
  const run = randomUUID();
  const now = () => new Date().toISOString();
  await db.write('begin-import', { run, now: now(), by: stamp.by });
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    void db
      .write('touch-import', { run, now: now() })
      .catch(() => undefined)
      .finally(() => (beating = false));
  }, heartbeatMs);
  heartbeat.unref();
  const defined = new Map<string, EntityType>(entities.map(({ record }) => [String(record.id), record.type as EntityType]));
  const ordered = [...entities].sort((a, b) => Number(b.record.type === 'Source') - Number(a.record.type === 'Source'));
  const total = entities.length + relationships.length;
  let written = 0;
  let report: WriteReport = { created: {}, updated: {}, unchanged: {} };
  try {
    for (const [kind, records] of [
      ['entities', ordered],
      ['relationships', relationships],
    ] as const) {
      for (let start = 0; start < records.length; start += batchSize) {
        const batch = records.slice(start, start + batchSize);
        const batchReport = await db.writeTransaction(async (tx) => {
          const [alive] = await tx.run('import-alive', { run });
          if (!alive)
            throw new ImportAbandonedError(
              `Import ${run} was rolled back by recovery while it ran (its heartbeat stopped for over ${STALE_IMPORT_MS / 1000} s); nothing of it is kept. Run it again.`,
            );
          if (kind === 'entities') {
            await tx.run('journal-entities', { run, ids: batch.map(({ record }) => record.id) });
            return writeLocatedRecords(tx, batch, [], stamp, { defined });
          }
          for (const [type, rows] of groupLinks(batch)) await tx.run('journal-relationships', { run, type, rows }, { type });
          return writeLocatedRecords(tx, [], batch, stamp);
        });
        report = mergeReports(report, batchReport);
        written += batch.length;
        onProgress?.(written, total);
      }
    }
    const [committed] = await db.write('commit-import', { run, now: now() });
    if (!committed) throw new ImportAbandonedError(`Import ${run} was rolled back by recovery before its final switch; nothing of it is kept. Run it again.`);
  } catch (error) {
    clearInterval(heartbeat);
    await rollBackImport(db, run);
    throw error;
  }
  clearInterval(heartbeat);
  await forgetImport(db, run);
  return report;
}

/** Undoes everything a staged import wrote, batch by batch, and removes its run. Safe to repeat. */
export async function rollBackImport(db: Database, run: string): Promise<void> {
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    while (Number((await db.write('rollback-import-relationships', { run, type, limit: CLEANUP_BATCH }, { type }))[0]?.undone ?? 0) > 0);
  }
  while (Number((await db.write('rollback-import-entities', { run, limit: CLEANUP_BATCH }))[0]?.undone ?? 0) > 0);
  await db.write('end-import', { run });
}

/** Drops the journal of a committed import (its writes stay) and removes its run. Safe to repeat. */
export async function forgetImport(db: Database, run: string): Promise<void> {
  while (Number((await db.write('forget-import-journal', { run, limit: CLEANUP_BATCH }))[0]?.forgotten ?? 0) > 0);
  await db.write('end-import', { run });
}

/**
 * Finishes what killed importers left: rolls back running imports whose heartbeat is older than
 * `staleAfterMs`, and cleans up the journal of committed ones. Called at every start of the server and
 * of the CLI tools. Returns how many runs of each kind it handled.
 */
export async function recoverImports(db: Database, staleAfterMs = STALE_IMPORT_MS): Promise<{ rolledBack: number; cleanedUp: number }> {
  const runs = await db.read('unfinished-imports', { before: new Date(Date.now() - staleAfterMs).toISOString() });
  let rolledBack = 0;
  let cleanedUp = 0;
  for (const { run, state } of runs) {
    if (state === 'committed') {
      await forgetImport(db, String(run));
      cleanedUp += 1;
    } else {
      await rollBackImport(db, String(run));
      rolledBack += 1;
    }
  }
  return { rolledBack, cleanedUp };
}

// Private: the (from, to, key) rows of located relationship records, per type.
function groupLinks(batch: readonly LocatedRecord[]): Map<string, { from: unknown; to: unknown; key: unknown }[]> {
  const groups = new Map<string, { from: unknown; to: unknown; key: unknown }[]>();
  for (const { record } of batch) {
    const type = String(record.type);
    const rows = groups.get(type) ?? [];
    rows.push({ from: record.from, to: record.to, key: record.key ?? '' });
    groups.set(type, rows);
  }
  return groups;
}

/** How many import runs and journal entries the database holds: both 0 unless an import runs or was left. */
export async function importJournalSize(db: Database): Promise<{ runs: number; entries: number }> {
  const [row] = await db.read('import-journal-size');
  return { runs: Number(row?.runs ?? 0), entries: Number(row?.entries ?? 0) };
}
