/**
 * Bulk import, shared by `npm run import` and the importRecords mutation: read every input, validate all
 * records together against the model and the database, then report what would change (dry run) or write
 * everything (checked again inside the write): in one transaction, or staged in batches when there are many.
 * Problems carry file, line and column; with any problem nothing is written.
 */
import type { Database } from '../db/database.ts';
import { readRecords, emptyResult, type RecordFormat } from './read-records.ts';
import {
  announceCommitted,
  diffRecords,
  RecordValidationError,
  validateAgainstDatabase,
  writeLocatedRecords,
  type WriteReport,
  type WriteStamp,
} from './write-records.ts';
import type { ValidationProblem } from '../model/validate-records.ts';
import { writeStaged } from './staged-import.ts';

/** One input of an import. */
export interface ImportInput {
  /** Name used in problem locations (a file path, or "request"). */
  file: string;
  format: RecordFormat;
  text: string;
}

/** The outcome of an import. */
export interface ImportOutcome extends WriteReport {
  dryRun: boolean;
  problems: ValidationProblem[];
}

/** Options of importRecords. */
export interface ImportOptions {
  dryRun: boolean;
  stamp: WriteStamp;
  /** Up to this many records go in one transaction; more are written staged (src/records/staged-import.ts). @default 20000 */
  singleTransactionMax?: number;
  /** Records per transaction of a staged import. @default 5000 */
  batchSize?: number;
  /** Progress of a staged import: records written so far and in all. */
  onProgress?: (written: number, total: number) => void;
  /** How often a staged import refreshes its heartbeat, so recovery never takes it for a killed one. @default 5000 */
  heartbeatMs?: number;
}

/**
 * Imports `inputs` as one unit: everything validates and is written, or nothing is. Up to
 * `singleTransactionMax` records in one transaction; more in staged batches with a journal, still all or
 * nothing (a kill is rolled back by recoverImports at the next start).
 */
export async function importRecords(db: Database, inputs: readonly ImportInput[], options: ImportOptions): Promise<ImportOutcome> {
  const { singleTransactionMax = 20_000 } = options;
  const read = emptyResult();
  for (const input of inputs) readRecords(input.text, input.format, input.file, read);
  const empty = { created: {}, updated: {}, unchanged: {} };
  if (read.problems.length > 0) return { dryRun: options.dryRun, ...empty, problems: read.problems };
  let valid;
  try {
    valid = await validateAgainstDatabase(db, read.entities, read.relationships);
  } catch (error) {
    if (error instanceof RecordValidationError) return { dryRun: options.dryRun, ...empty, problems: error.problems };
    throw error;
  }
  if (options.dryRun) return { dryRun: true, ...(await diffRecords(db, valid.entities, valid.relationships)), problems: [] };
  try {
    // Checked again inside the write transaction: a reference deleted since is a problem, not a dropped link.
    const stamp = { ...options.stamp, at: options.stamp.at ?? new Date().toISOString() };
    const report =
      read.entities.length + read.relationships.length <= singleTransactionMax
        ? await db.writeTransaction((tx) => writeLocatedRecords(tx, read.entities, read.relationships, stamp))
        : await writeStaged(db, read.entities, read.relationships, {
            stamp,
            ...(options.batchSize ? { batchSize: options.batchSize } : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
          });
    await announceCommitted(db, valid.entities, valid.relationships, stamp, report);
    return { dryRun: false, ...report, problems: [] };
  } catch (error) {
    if (error instanceof RecordValidationError) return { dryRun: false, ...empty, problems: error.problems };
    throw error;
  }
}
