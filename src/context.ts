/**
 * The per-request context: the shared database handle and loaders made fresh for this request.
 */
import type { IncomingMessage } from 'node:http';
import type { Viewer } from './plugins/use-auth.ts';
import type { Database } from './db/database.ts';
import { createChangeFeed, type ChangeFeed } from './live/change-feed.ts';
import { createSubscriptionLimiter, type SubscriptionLimiter } from './live/subscription-limiter.ts';
import { createLoaders, type Loaders } from './loaders/create-loaders.ts';

/** What every resolver receives as its third argument. */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** The authenticated caller, set by useAuth; absent for anonymous reads. */
  viewer?: Viewer;
  /** Where writes announce what they committed, and subscriptions listen (one per process). */
  changes: ChangeFeed;
  /** Slots of open subscriptions (one per server). */
  subscriptions: SubscriptionLimiter;
  /** The Node request, when served by node:http (for the caller's address). */
  req?: IncomingMessage;
}

/** What the server shares between requests. */
export interface SharedContext {
  changes: ChangeFeed;
  subscriptions: SubscriptionLimiter;
}

/** Builds the context of one request; `shared` defaults to an in-memory feed and default limits. */
export function createContext(db: Database, shared: SharedContext = { changes: createChangeFeed(), subscriptions: createSubscriptionLimiter() }): Context {
  return { db, loaders: createLoaders(db), ...shared };
}
