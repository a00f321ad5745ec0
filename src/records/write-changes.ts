/**
 * Changes to the graph, each applied inside a given write transaction, so that one mutation or several
 * (applyChanges) commit as one unit: upsert an entity, link, unlink, delete an entity. Every change is
 * idempotent: applying it again leaves the graph as it is and says so (`changed: false`), so a client may
 * retry any of them after an unknown outcome. What a change returns is read inside its transaction.
 */
import type { Database, Row, WriteTx } from '../db/database.ts';
import { badUserInput } from '../errors.ts';
import { collectEntityDeletion, collectLinkDeletion, collectRecordChanges, type ChangeSet } from '../live/change-set.ts';
import type { EntityRow } from '../model/entity-row.ts';
import type { RelationshipType } from '../model/vocabulary.ts';
import { locate, writeLocatedRecords, type WriteReport, type WriteStamp } from './write-records.ts';

/** One change, with its records already in the validator's raw form. */
export type Change =
  | { kind: 'upsertEntity'; id: string; type: string; records: Record<string, unknown>[] }
  | { kind: 'link'; type: RelationshipType; from: string; to: string; key: string; sources: Record<string, unknown>[]; record: Record<string, unknown> }
  | { kind: 'unlink'; type: RelationshipType; from: string; to: string; key: string }
  | { kind: 'deleteEntity'; id: string };

/** What one change did. */
export interface ChangeOutcome {
  kind: Change['kind'];
  /** The entity id, or the relationship id `from|TYPE|to[|key]`. */
  subject: string;
  created: boolean;
  changed: boolean;
  /** upsertEntity: the entity as stored after the change. */
  entity?: EntityRow;
  /** link: the relationship as stored after the change. */
  relationship?: Row;
  /** deleteEntity: how many relationships went with it. */
  relationshipsDeleted?: number;
}

/**
 * Applies `changes` in order in one write transaction: all of them, or (on any error) none. What they
 * changed is read inside the same transaction and, once it has committed, published on `stamp.changes`
 * (subscriptions, the response cache) before this returns.
 */
export async function applyChanges(db: Database, changes: readonly Change[], stamp: WriteStamp): Promise<ChangeOutcome[]> {
  const stamped = { ...stamp, at: stamp.at ?? new Date().toISOString() };
  const { outcomes, changeSet } = await db.writeTransaction(async (tx) => {
    const reader = { read: tx.run };
    const outcomes: ChangeOutcome[] = [];
    const deleted: ChangeSet[] = [];
    for (const [index, change] of changes.entries()) {
      if (change.kind === 'deleteEntity') deleted.push(await collectEntityDeletion(reader, [change.id], stamped));
      if (change.kind === 'unlink') deleted.push(await collectLinkDeletion(reader, change, stamped));
      outcomes.push(await applyChange(tx, change, stamped, changes.length > 1 ? `changes[${index}]` : 'input'));
    }
    const entities = changes.flatMap((change) => (change.kind === 'upsertEntity' ? change.records : change.kind === 'link' ? change.sources : []));
    const links = changes.flatMap((change) => (change.kind === 'link' ? [change.record] : []));
    const written = await collectRecordChanges(reader, entities, links, stamped);
    return { outcomes, changeSet: mergeChangeSets(stamped, [written, ...deleted]) };
  });
  await stamp.changes?.publish(changeSet);
  return outcomes;
}

// Private: one change set of several, each entity and link once (the last word on it wins).
function mergeChangeSets(stamp: { by: string; at: string }, sets: readonly ChangeSet[]): ChangeSet {
  const entities = new Map<string, ChangeSet['entities'][number]>();
  const relationships = new Map<string, ChangeSet['relationships'][number]>();
  for (const set of sets) {
    for (const entity of set.entities) entities.set(entity.id, entity);
    for (const link of set.relationships) relationships.set(`${link.from}|${link.type}|${link.to}|${link.key}`, link);
  }
  return { by: stamp.by, at: stamp.at, entities: [...entities.values()], relationships: [...relationships.values()] };
}

/** Applies one change inside `tx`; `source` names it in problem locations. */
export async function applyChange(tx: WriteTx, change: Change, stamp: WriteStamp, source = 'input'): Promise<ChangeOutcome> {
  switch (change.kind) {
    case 'upsertEntity': {
      const located = locate(change.records, [], source);
      const report = await writeLocatedRecords(tx, located.entities, [], stamp);
      const [row] = await tx.run('nodes-by-ids', { keys: [change.id] });
      return { kind: change.kind, subject: change.id, ...counted(report, change.type), entity: row?.node as EntityRow };
    }
    case 'link': {
      const located = locate(change.sources, [change.record], source);
      const report = await writeLocatedRecords(tx, located.entities, located.relationships, stamp);
      const [relationship] = await tx.run('relationship-by-key', { from: change.from, to: change.to, key: change.key }, { type: change.type });
      return { kind: change.kind, subject: relationshipId(change), ...counted(report, change.type), relationship: relationship as Row };
    }
    case 'unlink': {
      const [row] = await tx.run('delete-relationship', { from: change.from, to: change.to, key: change.key }, { type: change.type });
      const removed = Number(row?.removed ?? 0) > 0;
      return { kind: change.kind, subject: relationshipId(change), created: false, changed: removed };
    }
    case 'deleteEntity': {
      const [locked] = await tx.run('lock-entities', { ids: [change.id] });
      if (!locked) return { kind: change.kind, subject: change.id, created: false, changed: false, relationshipsDeleted: 0 };
      if (locked.type === 'Source') {
        // Counted after the lock: a write citing this Source has committed, or waits and then finds it gone.
        const [citations] = await tx.run('count-citations', { id: change.id });
        const entities = Number(citations?.entities ?? 0);
        const relationships = Number(citations?.relationships ?? 0);
        if (entities + relationships > 0) {
          const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun.replace(/y$/, 'ie')}s`}`;
          throw badUserInput(
            `Source "${change.id}" is cited by ${plural(entities, 'entity')} and ${plural(relationships, 'relationship')}; remove those citations first.`,
            'id',
          );
        }
      }
      const [row] = await tx.run('delete-entities', { ids: [change.id] });
      return { kind: change.kind, subject: change.id, created: false, changed: true, relationshipsDeleted: Number(row?.relationships ?? 0) };
    }
  }
}

// Private: created / changed of one type from a write report.
function counted(report: WriteReport, type: string): { created: boolean; changed: boolean } {
  const created = (report.created[type] ?? 0) > 0;
  return { created, changed: created || (report.updated[type] ?? 0) > 0 };
}

// Private: the API's relationship id (see Relationship.id).
function relationshipId(link: { from: string; type: string; to: string; key: string }): string {
  return `${link.from}|${link.type}|${link.to}${link.key ? `|${link.key}` : ''}`;
}
