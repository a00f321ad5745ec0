/**
 * The seed loader: reads seed/nodes/*.jsonl and seed/relationships/*.jsonl (one JSON record per line),
 * validates every record with the model's validator before writing anything, and writes all of them in
 * one transaction with MERGE, so a second run changes nothing and a bad file changes nothing at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, WriteTx } from '../src/db/database.ts';
import { foldText } from '../src/model/fold.ts';
import type { EntityType } from '../src/model/vocabulary.ts';
import {
  formatProblem,
  validateRecords,
  type EntityRecord,
  type LocatedRecord,
  type RelationshipRecord,
  type ValidationProblem,
} from '../src/model/validate-records.ts';

/** The folder of the curated data set. */
export const SEED_DIR = dirname(fileURLToPath(import.meta.url));
const BATCH_SIZE = 1000;

/** Thrown when files do not validate; `problems` holds every one, `message` lists them. */
export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly problems: ValidationProblem[]) {
    super(`Found ${problems.length} problem${problems.length === 1 ? '' : 's'} in the records; nothing was written:\n  ${problems.map(formatProblem).join('\n  ')}`);
  }
}

/** Counts per type of what a load wrote, and what the database holds afterwards. */
export interface SeedSummary {
  nodeCount: number;
  relationshipCount: number;
  nodesByType: Record<string, number>;
  relationshipsByType: Record<string, number>;
}

/** Options of loadSeed. */
export interface LoadSeedOptions {
  /** Folder with nodes/ and relationships/. @default the curated seed/ */
  dir?: string;
  /** Remove every entity first, in the same transaction. @default false */
  reset?: boolean;
}

/** Reads JSON Lines files into located records; a line that is not a JSON object is a problem. */
export function readRecordFiles(files: readonly string[], problems: ValidationProblem[], base = process.cwd()): LocatedRecord[] {
  const records: LocatedRecord[] = [];
  for (const path of files) {
    const file = relative(base, path) || path;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (text.trim() === '') return;
        const location = { file, line: index + 1 };
        try {
          const record: unknown = JSON.parse(text);
          if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new Error('not an object');
          records.push({ location, record: record as Record<string, unknown> });
        } catch (error) {
          problems.push({ location, subject: '(unreadable line)', message: `Not a JSON object: ${(error as Error).message}.` });
        }
      });
  }
  return records;
}

/** Validates the seed in `dir` without writing; returns the records, or throws SeedValidationError. */
export function readSeed(dir = SEED_DIR): { entities: EntityRecord[]; relationships: RelationshipRecord[] } {
  const problems: ValidationProblem[] = [];
  const base = resolve(dir, '..');
  const nodes = readRecordFiles(jsonlFiles(join(dir, 'nodes')), problems, base);
  const links = readRecordFiles(jsonlFiles(join(dir, 'relationships')), problems, base);
  const result = validateRecords(nodes, links);
  problems.push(...result.problems);
  if (problems.length > 0) throw new SeedValidationError(problems);
  return result;
}

/** Validates, then writes the whole seed in one transaction. Throws SeedValidationError before any write. */
export async function loadSeed(db: Database, options: LoadSeedOptions = {}): Promise<SeedSummary> {
  const { dir = SEED_DIR, reset = false } = options;
  const { entities, relationships } = readSeed(dir);
  await db.writeTransaction(async (tx) => {
    if (reset) await tx.run('delete-all-entities');
    await writeRecords(tx, entities, relationships);
  });
  return summarize(db);
}

/** Loads the curated seed when the database holds no entity; returns the summary, or undefined if it did nothing. */
export async function seedIfEmpty(db: Database): Promise<SeedSummary | undefined> {
  const [row] = await db.read('count-entities');
  if (Number(row?.entities ?? 0) > 0) return undefined;
  return loadSeed(db);
}

/** Writes validated records inside `tx`, grouped per label and relationship type, in batches. */
export async function writeRecords(tx: WriteTx, entities: readonly EntityRecord[], relationships: readonly RelationshipRecord[]): Promise<void> {
  for (const [label, group] of groupBy(entities, (entity) => entity.type)) {
    for (const rows of chunks(group.map(toStoredEntity), BATCH_SIZE)) await tx.run('upsert-entities', { rows }, { label });
  }
  for (const [type, group] of groupBy(relationships, (link) => link.type)) {
    const rows = group.map(({ from, to, key, properties }) => ({ from, to, key, properties }));
    for (const batch of chunks(rows, BATCH_SIZE)) await tx.run('upsert-relationships', { rows: batch }, { type });
  }
}

/** What an entity stores: its validated properties plus the derived ordering and matching keys. */
export function toStoredEntity(entity: EntityRecord): Record<string, unknown> {
  const properties = entity.properties;
  const names = [String(properties.name), ...((properties.names as string[] | undefined) ?? [])];
  const sortDate = ['date', 'startDate', 'validFrom'].map((key) => properties[key]).find((value) => typeof value === 'string');
  return {
    ...properties,
    sortName: foldText(String(properties.name)),
    foldedNames: [...new Set(names.map(foldText))],
    ...(sortDate ? { sortDate } : {}),
  };
}

/** Counts per type of what the database holds. */
export async function summarize(db: Database): Promise<SeedSummary> {
  const rows = await db.read('graph-summary');
  const summary: SeedSummary = { nodeCount: 0, relationshipCount: 0, nodesByType: {}, relationshipsByType: {} };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.kind === 'node') {
      summary.nodesByType[String(row.type)] = count;
      summary.nodeCount += count;
    } else {
      summary.relationshipsByType[String(row.type)] = count;
      summary.relationshipCount += count;
    }
  }
  return summary;
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

// Private: groups items by a key, keeping first-seen order.
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

// Private: splits a list into lists of at most `size`.
function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Removes entities (and their relationships) by id in one transaction; returns how many existed. */
export async function removeEntities(db: Database, ids: readonly string[]): Promise<number> {
  const [row] = await db.write('delete-entities', { ids });
  return Number(row?.deleted ?? 0);
}

/** Validates records against the model (references may point into the database) and writes them in one transaction. */
export async function upsertRecords(
  db: Database,
  nodes: readonly Record<string, unknown>[],
  links: readonly Record<string, unknown>[] = [],
  source = 'input',
): Promise<void> {
  const existingIds = [...nodes, ...links].flatMap((record) => [record.from, record.to, ...((record.sourceIds as unknown[]) ?? [])]).filter((id): id is string => typeof id === 'string');
  const rows = await db.read('nodes-by-ids', { keys: [...new Set(existingIds)] });
  const known = new Map(rows.map((row) => [String(row.key), (row.node as { __typename: EntityType }).__typename]));
  const result = validateRecords(
    nodes.map((record, index) => ({ location: { file: source, line: index + 1 }, record })),
    links.map((record, index) => ({ location: { file: source, line: nodes.length + index + 1 }, record })),
    { existing: (id) => known.get(id) },
  );
  if (result.problems.length > 0) throw new SeedValidationError(result.problems);
  await db.writeTransaction((tx) => writeRecords(tx, result.entities, result.relationships));
}
