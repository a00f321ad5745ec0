/**
 * DataLoader factories. `createLoaders()` is called once per request (see context.ts): loaders cache for
 * one request only and batch every key asked for in one tick into one Cypher statement.
 */
import DataLoader from 'dataloader';
import type { Database } from '../db/database.ts';
import { orderByKeys, type EntityRow } from '../model/entity-row.ts';

/** The loaders of one request. */
export interface Loaders {
  /** Any entity by id; null for an unknown id. */
  nodesByIds: DataLoader<string, EntityRow | null>;
}

/** Fresh loaders for one request over `db`. */
export function createLoaders(db: Database): Loaders {
  return {
    nodesByIds: new DataLoader(async (keys) => {
      const rows = await db.read('nodes-by-ids', { keys });
      return orderByKeys(keys, rows).map((row) => (row ? (row.node as EntityRow) : null));
    }),
  };
}
