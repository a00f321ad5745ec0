/**
 * Change sets: what one committed write did, entity by entity and link by link (created, updated or
 * deleted, by whom, when, citing which sources). They are computed here, after the commit (or, for
 * deletions, just before it), so that the write path needs one call to publish them.
 */
import type { Row } from '../db/database.ts';

/** What the collectors read with: the database, or an open transaction ({ read: tx.run }). */
export interface ChangeReader {
  read(name: string, params?: Record<string, unknown>, slots?: import('../db/cypher-registry.ts').CypherSlots): Promise<Row[]>;
}
import type { EntityType, RelationshipType } from '../model/vocabulary.ts';

/** What happened to an entity or a link. */
export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** One changed entity. */
export interface EntityChange {
  change: ChangeKind;
  id: string;
  type: EntityType;
  sourceIds: string[];
}

/** One changed link, with the type labels of both ends (the cache invalidates by type and id). */
export interface RelationshipChange {
  change: ChangeKind;
  type: RelationshipType;
  from: string;
  to: string;
  key: string;
  fromType: EntityType;
  toType: EntityType;
  sourceIds: string[];
}

/** Everything one committed write changed. */
export interface ChangeSet {
  /** Who wrote (the updatedBy stamp). */
  by: string;
  /** When (ISO 8601, the updatedAt stamp). */
  at: string;
  entities: EntityChange[];
  relationships: RelationshipChange[];
}

/** Records as the write path holds them (validated or raw: only these fields are read). */
interface WrittenEntity {
  id?: unknown;
}
interface WrittenRelationship {
  type?: unknown;
  from?: unknown;
  to?: unknown;
  key?: unknown;
}

/**
 * The changes a committed upsert made: the written records whose stamp is this write's `at` (records
 * written again unchanged keep their old stamp and are left out). Reads after the commit.
 */
export async function collectRecordChanges(
  db: ChangeReader,
  entities: readonly WrittenEntity[],
  relationships: readonly WrittenRelationship[],
  stamp: { by: string; at: string },
): Promise<ChangeSet> {
  const ids = [...new Set(entities.map((entity) => String(entity.id)))];
  const rows = relationships.map((link) => ({ type: String(link.type), from: String(link.from), to: String(link.to), key: String(link.key ?? '') }));
  const [entityRows, linkRows] = await Promise.all([
    ids.length > 0 ? db.read('changes-of-entities', { ids, at: stamp.at }) : [],
    rows.length > 0 ? db.read('changes-of-relationships', { rows, at: stamp.at }) : [],
  ]);
  return {
    ...stamp,
    entities: entityRows.map((row) => ({ ...entityOf(row), change: row.created ? 'CREATED' : 'UPDATED' })),
    relationships: linkRows.map((row) => ({ ...linkOf(row), change: row.created ? 'CREATED' : 'UPDATED' })),
  };
}

/** The changes deleting these entities will make (them and all their links); read before the delete. */
export async function collectEntityDeletion(db: ChangeReader, ids: readonly string[], stamp: { by: string; at?: string }): Promise<ChangeSet> {
  const rows = await db.read('links-of-entities', { ids });
  const links = new Map<string, RelationshipChange>();
  for (const row of rows) {
    for (const link of row.links as Row[]) {
      const change: RelationshipChange = { ...linkOf(link), change: 'DELETED' };
      links.set(`${change.from}|${change.type}|${change.to}|${change.key}`, change);
    }
  }
  return {
    by: stamp.by,
    at: stamp.at ?? new Date().toISOString(),
    entities: rows.map((row) => ({ ...entityOf(row), change: 'DELETED' })),
    relationships: [...links.values()],
  };
}

/** The change removing one link will make; empty when there is no such link. Read before the delete. */
export async function collectLinkDeletion(
  db: ChangeReader,
  link: { type: RelationshipType; from: string; to: string; key: string },
  stamp: { by: string; at?: string },
): Promise<ChangeSet> {
  const rows = await db.read('link-by-key', { from: link.from, to: link.to, key: link.key }, { type: link.type });
  return { by: stamp.by, at: stamp.at ?? new Date().toISOString(), entities: [], relationships: rows.map((row) => ({ ...linkOf(row), change: 'DELETED' })) };
}

/** True when the set holds no change at all (nothing to publish). */
export function isEmptyChangeSet(set: ChangeSet): boolean {
  return set.entities.length === 0 && set.relationships.length === 0;
}

/** The cache entities a change set touches: each changed entity and both ends of each changed link. */
export function touchedEntities(set: ChangeSet): { typename: string; id: string }[] {
  const touched = new Map<string, { typename: string; id: string }>();
  const add = (typename: string, id: string) => touched.set(`${typename}:${id}`, { typename, id });
  for (const entity of set.entities) add(entity.type, entity.id);
  for (const link of set.relationships) {
    add(link.fromType, link.from);
    add(link.toType, link.to);
  }
  return [...touched.values()];
}

// Private: the common fields of an entity row of changes-of-entities or links-of-entities.
function entityOf(row: Row): Omit<EntityChange, 'change'> {
  return { id: String(row.id), type: row.type as EntityType, sourceIds: (row.sourceIds as string[] | null) ?? [] };
}

// Private: the common fields of a link row.
function linkOf(row: Row): Omit<RelationshipChange, 'change'> {
  return {
    type: row.type as RelationshipType,
    from: String(row.from),
    to: String(row.to),
    key: String(row.key ?? ''),
    fromType: row.fromType as EntityType,
    toType: row.toType as EntityType,
    sourceIds: (row.sourceIds as string[] | null) ?? [],
  };
}
