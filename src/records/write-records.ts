/**
 * Writing validated records: the one write path of the seed loader, the mutations and bulk import. All
 * records of one call go in one transaction (all or nothing), with MERGE so that writing the same records
 * again changes nothing; every write stamps createdAt, updatedAt and updatedBy, the last two only when a
 * value actually changed. `diffRecords` tells, without writing, what a write would create or change.
 */
import type { Database, WriteTx } from '../db/database.ts';
import { foldText } from '../model/fold.ts';
import {
  formatProblem,
  validateRecords,
  type EntityRecord,
  type LocatedRecord,
  type RelationshipRecord,
  type ValidationProblem,
} from '../model/validate-records.ts';
import { MAX_LENGTHS, type EntityType } from '../model/vocabulary.ts';
import { invariant } from '../errors.ts';
import type { ChangeFeed } from '../live/change-feed.ts';

/** Rows per statement inside the one transaction. */
const BATCH_SIZE = 1000;

/** Thrown when records do not validate; `problems` holds every one and nothing was written. */
export class RecordValidationError extends Error {
  override name = 'RecordValidationError';
  constructor(readonly problems: ValidationProblem[]) {
    super(
      `Found ${problems.length} problem${problems.length === 1 ? '' : 's'} in the records; nothing was written:\n  ${problems.map(formatProblem).join('\n  ')}`,
    );
  }
}

/** What a write did (or, for a dry run, would do), per entity type and relationship type. */
export interface WriteReport {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
}

/** Who writes and when: stamped on every entity and relationship a write creates or changes. */
export interface WriteStamp {
  /** The user, API key name or process that writes, e.g. "seed". */
  by: string;
  /** @default now */
  at?: string;
  /** Told what the write changed once it has committed (subscriptions, the response cache). @default none */
  changes?: ChangeFeed;
}

/**
 * Validates located records and writes them inside `tx`, which must be a write transaction: the entities
 * they depend on outside themselves (link ends, cited Sources) are locked and read in `tx` first, so a
 * concurrent delete either waits for this write or is seen by it. Throws RecordValidationError (the caller
 * rolls back) when anything is wrong or gone; otherwise everything reported was written. `defined` names
 * entities that a staged import writes in other batches (their types), which sourceIds may cite.
 */
export async function writeLocatedRecords(
  tx: WriteTx,
  entities: readonly LocatedRecord[],
  relationships: readonly LocatedRecord[],
  stamp: WriteStamp,
  options: { defined?: ReadonlyMap<string, EntityType> } = {},
): Promise<WriteReport> {
  const own = new Set(entities.map(({ record }) => record.id));
  const { defined } = options;
  const referenced = [...referencedIds(entities, relationships)].filter((id) => !own.has(id) && !defined?.has(id)).sort();
  const rows = referenced.length > 0 ? await tx.run('lock-entities', { ids: referenced }) : [];
  const known = new Map<string, EntityType>(defined ?? []);
  for (const row of rows) known.set(String(row.key), row.type as EntityType);
  const result = validateRecords(entities, relationships, { existing: (id) => known.get(id) });
  if (result.problems.length > 0) throw new RecordValidationError(result.problems);
  return writeRecords(tx, result.entities, result.relationships, stamp);
}

/** Validates located records against the model, resolving references outside them in the database. */
export async function validateAgainstDatabase(
  db: Database,
  entities: readonly LocatedRecord[],
  relationships: readonly LocatedRecord[],
): Promise<{ entities: EntityRecord[]; relationships: RelationshipRecord[] }> {
  const referenced = [...referencedIds(entities, relationships)];
  const known = new Map<string, EntityType>();
  for (const keys of chunks(referenced, 10_000)) {
    for (const row of await db.read('nodes-by-ids', { keys })) known.set(String(row.key), (row.node as { __typename: EntityType }).__typename);
  }
  const result = validateRecords(entities, relationships, { existing: (id) => known.get(id) });
  if (result.problems.length > 0) throw new RecordValidationError(result.problems);
  return result;
}

/** Writes validated records inside `tx`, grouped per label and relationship type, in batches. */
export async function writeRecords(
  tx: WriteTx,
  entities: readonly EntityRecord[],
  relationships: readonly RelationshipRecord[],
  stamp: WriteStamp,
): Promise<WriteReport> {
  const report: WriteReport = { created: {}, updated: {}, unchanged: {} };
  const now = stamp.at ?? new Date().toISOString();
  for (const [label, group] of groupBy(entities, (entity) => entity.type)) {
    for (const rows of chunks(group.map(toStoredEntity), BATCH_SIZE)) {
      const [counts] = await tx.run('upsert-entities', { rows, now, by: stamp.by }, { label });
      tally(report, label, counts);
    }
  }
  for (const [type, group] of groupBy(relationships, (link) => link.type)) {
    const rows = group.map(({ from, to, key, properties }) => ({ from, to, key, properties }));
    for (const batch of chunks(rows, BATCH_SIZE)) {
      const [counts] = await tx.run('upsert-relationships', { rows: batch, now, by: stamp.by }, { type });
      // The ends were checked in this transaction (writeLocatedRecords) or come from the same batch.
      invariant(
        Number(counts?.written ?? 0) === batch.length,
        `${batch.length - Number(counts?.written ?? 0)} ${type} relationship(s) lost an end while being written.`,
      );
      tally(report, type, counts);
    }
  }
  return report;
}

/** What writing these validated records would create, change or leave unchanged; writes nothing. */
export async function diffRecords(db: Database, entities: readonly EntityRecord[], relationships: readonly RelationshipRecord[]): Promise<WriteReport> {
  const report: WriteReport = { created: {}, updated: {}, unchanged: {} };
  for (const [label, group] of groupBy(entities, (entity) => entity.type)) {
    for (const rows of chunks(group.map(toStoredEntity), BATCH_SIZE)) {
      const [counts] = await db.read('diff-entities', { rows });
      tally(report, label, counts);
    }
  }
  for (const [type, group] of groupBy(relationships, (link) => link.type)) {
    for (const rows of chunks(
      group.map(({ from, to, key, properties }) => ({ from, to, key, properties })),
      BATCH_SIZE,
    )) {
      const [counts] = await db.read('diff-relationships', { rows }, { type });
      tally(report, type, counts);
    }
  }
  return report;
}

/** Records as located records of one input named `source`, numbered entities first. */
export function locate(
  entities: readonly Record<string, unknown>[],
  relationships: readonly Record<string, unknown>[],
  source = 'input',
): { entities: LocatedRecord[]; relationships: LocatedRecord[] } {
  return {
    entities: entities.map((record, index) => ({ location: { file: source, line: index + 1 }, record })),
    relationships: relationships.map((record, index) => ({ location: { file: source, line: entities.length + index + 1 }, record })),
  };
}

/** Validates records (references may point into the database) and writes them in one transaction. */
export async function upsertRecords(
  db: Database,
  entities: readonly Record<string, unknown>[],
  relationships: readonly Record<string, unknown>[],
  stamp: WriteStamp,
  source = 'input',
): Promise<WriteReport> {
  const located = locate(entities, relationships, source);
  const stamped = { ...stamp, at: stamp.at ?? new Date().toISOString() };
  const report = await db.writeTransaction((tx) => writeLocatedRecords(tx, located.entities, located.relationships, stamped));
  await announceCommitted(db, entities, relationships, stamped, report);
  return report;
}

/** After a commit: tells `stamp.changes` (when set) what the written records changed. Never throws. */
export async function announceCommitted(
  db: Database,
  entities: readonly { id?: unknown }[],
  relationships: readonly { type?: unknown; from?: unknown; to?: unknown; key?: unknown }[],
  stamp: WriteStamp & { at: string },
  report: WriteReport,
): Promise<void> {
  if (Object.keys(report.created).length + Object.keys(report.updated).length === 0) return;
  await stamp.changes?.recordsCommitted(db, entities, relationships, stamp);
}

/** Every id located records refer to: link ends and cited Sources. */
function referencedIds(entities: readonly LocatedRecord[], relationships: readonly LocatedRecord[]): Set<string> {
  const referenced = new Set<string>();
  for (const { record } of [...entities, ...relationships]) {
    for (const id of [record.from, record.to, ...(Array.isArray(record.sourceIds) ? record.sourceIds : [])]) {
      if (typeof id === 'string' && id.length <= MAX_LENGTHS.id) referenced.add(id);
    }
  }
  return referenced;
}

/** Removes entities (and their relationships) by id in one transaction; returns what existed. */
export async function removeEntities(db: Database, ids: readonly string[]): Promise<{ entities: number; relationships: number }> {
  const [row] = await db.write('delete-entities', { ids });
  return { entities: Number(row?.entities ?? 0), relationships: Number(row?.relationships ?? 0) };
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

/** The sum of two reports. */
export function mergeReports(a: WriteReport, b: WriteReport): WriteReport {
  const merged: WriteReport = { created: { ...a.created }, updated: { ...a.updated }, unchanged: { ...a.unchanged } };
  for (const field of ['created', 'updated', 'unchanged'] as const) {
    for (const [key, value] of Object.entries(b[field])) merged[field][key] = (merged[field][key] ?? 0) + value;
  }
  return merged;
}

/** Adds counts of one statement to a report. */
function tally(report: WriteReport, key: string, counts: Record<string, unknown> | undefined): void {
  for (const field of ['created', 'updated', 'unchanged'] as const) {
    const value = Number(counts?.[field] ?? 0);
    if (value > 0) report[field][key] = (report[field][key] ?? 0) + value;
  }
}

/** Groups items by a key, keeping first-seen order. */
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

/** Splits a list into lists of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * The stored state of entities and of every relationship at them, as one comparable string: equal before
 * and after a write exactly when the write changed none of them. For fuzz and fault checks.
 */
export async function describeEntities(db: Database, ids: readonly string[]): Promise<string> {
  const rows = await db.read('entities-state', { ids });
  return JSON.stringify(rows.map((row) => ({ ...row, links: (row.links as unknown[][]).map((link) => JSON.stringify(link)).sort() })));
}
