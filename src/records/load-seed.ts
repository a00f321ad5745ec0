/**
 * The seed loader: reads seed/nodes/*.jsonl and seed/relationships/*.jsonl (one JSON record per line),
 * validates every record with the model's validator before writing anything, and writes all of them in
 * one transaction with MERGE (src/records), so a second run changes nothing and a bad file changes
 * nothing at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.ts';
import { validateRecords, type EntityRecord, type RelationshipRecord } from '../model/validate-records.ts';
import { emptyResult, readRecords } from './read-records.ts';
import { summarize, type GraphSummary } from './summarize-graph.ts';
import { RecordValidationError, writeRecords, type WriteReport } from './write-records.ts';

/** The folder of the curated data set. */
export const SEED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../seed');

/** What the database holds after a load (see summarize). */
export type SeedSummary = GraphSummary;

/** Options of loadSeed. */
export interface LoadSeedOptions {
  /** Folder with nodes/ and relationships/. @default the curated seed/ */
  dir?: string;
  /** Remove every entity first, in the same transaction. @default false */
  reset?: boolean;
}

/** Validates the seed in `dir` without writing; returns the records, or throws RecordValidationError. */
export function readSeed(dir = SEED_DIR): { entities: EntityRecord[]; relationships: RelationshipRecord[] } {
  const base = resolve(dir, '..');
  const read = emptyResult();
  for (const path of [...jsonlFiles(join(dir, 'nodes')), ...jsonlFiles(join(dir, 'relationships'))]) {
    readRecords(readFileSync(path, 'utf8'), 'jsonl', relative(base, path) || path, read);
  }
  const result = validateRecords(read.entities, read.relationships);
  const problems = [...read.problems, ...result.problems];
  if (problems.length > 0) throw new RecordValidationError(problems);
  return result;
}

/** Validates, then writes the whole seed in one transaction. Throws RecordValidationError before any write. */
export async function loadSeed(db: Database, options: LoadSeedOptions = {}): Promise<SeedSummary & { report: WriteReport }> {
  const { dir = SEED_DIR, reset = false } = options;
  const { entities, relationships } = readSeed(dir);
  const report = await db.writeTransaction(async (tx) => {
    if (reset) await tx.run('delete-all-entities');
    return writeRecords(tx, entities, relationships, { by: 'seed' });
  });
  return { ...(await summarize(db)), report };
}

/** Loads the curated seed when the database holds no entity; returns the summary, or undefined if it did nothing. */
export async function seedIfEmpty(db: Database): Promise<SeedSummary | undefined> {
  const [row] = await db.read('count-entities');
  if (Number(row?.entities ?? 0) > 0) return undefined;
  return loadSeed(db);
}

// Private: the .jsonl files of a folder, sorted, or none when it does not exist.
function jsonlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((file) => file.endsWith('.jsonl'))
      .sort()
      .map((file) => join(dir, file));
  } catch {
    return [];
  }
}
