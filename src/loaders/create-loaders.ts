/**
 * DataLoader factories. `createLoaders()` is called once per request (see context.ts): loaders cache for
 * one request only and batch every key asked for in one tick into one Cypher statement, whose rows are put
 * back in key order by orderByKeys.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.ts';
import { orderByKeys, type EntityRow } from '../model/entity-row.ts';
import type { Direction } from '../model/relationship-fields.ts';
import type { RelationshipType } from '../model/vocabulary.ts';

/** One link as the relationship statement returns it. */
export interface EdgeRow {
  edgeKey: string;
  type: RelationshipType;
  outgoing: boolean;
  properties: Record<string, unknown>;
  /** How the link is known to hold on the asOf day (null without asOf). */
  validity: 'STATED' | 'ATTESTED' | 'UNCERTAIN' | null;
  node: EntityRow;
}

/** One parent's page of links. */
export interface RelationshipPage {
  total: number;
  edges: EdgeRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** What a relationship field asks for; every parent in one batch shares it. */
export interface RelationshipQuery {
  types: readonly RelationshipType[];
  direction: Direction;
  asOf: string | null;
  /** With asOf: also the links whose state on that day is unknown. */
  includeUncertain: boolean;
  first: number;
  /** Edge key to start after (decoded cursor), or null. */
  after: string | null;
}

/** The loaders of one request. */
export interface Loaders {
  /** Any entity by id; null for an unknown id. */
  nodesByIds: DataLoader<string, EntityRow | null>;
  /** The Source entities among `ids` (what a node, link or timeline entry cites), in order; batched with nodesByIds. */
  sourcesOf(ids: readonly string[] | undefined): Promise<EntityRow[]>;
  /** Links of parents by parent id, one loader per distinct query (field + arguments). */
  relationshipsByIds(query: RelationshipQuery): DataLoader<string, RelationshipPage>;
}

/** Fresh loaders for one request over `db`. */
export function createLoaders(db: Database): Loaders {
  const relationshipLoaders = new Map<string, DataLoader<string, RelationshipPage>>();
  const nodesByIds = new DataLoader<string, EntityRow | null>(async (keys) => {
    const rows = await db.read('nodes-by-ids', { keys });
    return orderByKeys(keys, rows).map((row) => (row ? (row.node as EntityRow) : null));
  });
  return {
    nodesByIds,
    async sourcesOf(ids) {
      const found = await nodesByIds.loadMany(ids ?? []);
      return found.filter((item): item is EntityRow => item !== null && !(item instanceof Error) && item.__typename === 'Source');
    },
    relationshipsByIds(query) {
      const cacheKey = JSON.stringify(query);
      let loader = relationshipLoaders.get(cacheKey);
      if (!loader) {
        loader = new DataLoader((keys) => loadRelationships(db, query, keys));
        relationshipLoaders.set(cacheKey, loader);
      }
      return loader;
    },
  };
}

// Private: one statement for all parents of a relationship field.
async function loadRelationships(db: Database, query: RelationshipQuery, keys: readonly string[]): Promise<RelationshipPage[]> {
  const rows = await db.read(
    'relationships-by-ids',
    { keys, asOf: query.asOf, includeUncertain: query.includeUncertain, after: query.after, limit: query.first + 1 },
    { type: query.types.join('|'), arrow: query.direction, dated: query.asOf !== null },
  );
  return orderByKeys(keys, rows).map((row) => {
    const edges = ((row?.edges as EdgeRow[] | undefined) ?? []).slice();
    const hasNextPage = edges.length > query.first;
    return {
      total: Number(row?.total ?? 0),
      edges: edges.slice(0, query.first),
      hasNextPage,
      hasPreviousPage: query.after !== null,
    };
  });
}
