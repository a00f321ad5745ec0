/**
 * The per-request context: the shared database handle and loaders made fresh for this request.
 */
import type { Viewer } from './auth/use-auth.ts';
import type { Database } from './db/database.ts';
import { createLoaders, type Loaders } from './loaders/create-loaders.ts';

/** What every resolver receives as its third argument. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** The authenticated caller, set by useAuth; absent for anonymous reads. */
  viewer?: Viewer;
}

/** Builds the context of one request. */
export function createContext(db: Database): Context {
  return { db, loaders: createLoaders(db) };
}
