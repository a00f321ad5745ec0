/**
 * Bulk import, shared by `npm run import` and the importRecords mutation: read every input, validate all
 * records together against the model and the database, then report what would change (dry run) or write
 * everything in one transaction. Problems carry file, line and column; with any problem nothing is written.
 */
import type { Database } from '../db/database.ts';
import { readRecords, emptyResult, type RecordFormat } from './read-records.ts';
import { commitRecords, diffRecords, RecordValidationError, validateAgainstDatabase, type WriteReport, type WriteStamp } from './write-records.ts';
import type { ValidationProblem } from '../model/validate-records.ts';

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

/** Imports `inputs` as one unit: everything validates and is written in one transaction, or nothing is. */
export async function importRecords(db: Database, inputs: readonly ImportInput[], options: { dryRun: boolean; stamp: WriteStamp }): Promise<ImportOutcome> {
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
  const report = options.dryRun
    ? await diffRecords(db, valid.entities, valid.relationships)
    : await commitRecords(db, valid.entities, valid.relationships, options.stamp);
  return { dryRun: options.dryRun, ...report, problems: [] };
}
