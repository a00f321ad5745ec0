/**
 * The response cache (@graphql-yoga/plugin-response-cache) over the change feed's store. Answers are
 * keyed by document, variables and the caller's role, tagged with every entity they contain (the plugin
 * adds an aliased `id` to each selection of a type with one) and dropped by exactly the entities a write
 * touched (see ChangeFeed.publish). Only `node`, `nodes` and `entity` answers are cached: everything in
 * them is reached from the entities they contain, one link at a time, so a write that can change them
 * touches one of those entities. Collections, search, paths and analytics depend on entities they do not
 * show, so they are always computed. An answer with errors, or with no entity to invalidate it by (e.g.
 * `node` of an unknown id), is never cached. Cached answers carry an ETag; `If-None-Match` gets 304.
 */
import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ApiKey } from '../config.ts';
import type { ChangeFeed } from '../live/change-feed.ts';

/** Root fields whose answers may be cached (see the module comment for why only these). */
export const CACHED_ROOT_FIELDS = ['node', 'nodes', 'entity'] as const;

/** Options of useResponseCaching. */
export interface ResponseCachingOptions {
  feed: ChangeFeed;
  /** Longest life of a cached answer; 0 turns the cache off. @default 0 */
  ttlMs?: number;
  /** The configured API keys: a caller with one is cached under its role. @default none */
  apiKeys?: readonly ApiKey[];
}

/** The cache plugin, or no plugin when `ttlMs` is 0. */
export function useResponseCaching(schema: GraphQLSchema, options: ResponseCachingOptions): Plugin[] {
  const { feed, ttlMs = 0, apiKeys = [] } = options;
  if (ttlMs <= 0) return [];
  const roleByDigest = new Map(apiKeys.map((apiKey) => [sha256(apiKey.key), apiKey.role]));
  // Anonymous callers share one entry, API-key callers one per role. Anything else (a JWT, an unknown
  // token) is answered uncached, so a cached answer never skips a check of a token.
  const sessionOf = (request: Request): string | undefined => {
    const header = request.headers.get('authorization');
    if (!header) return 'anonymous';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const role = token ? roleByDigest.get(sha256(token)) : undefined;
    return role ? `role:${role}` : undefined;
  };
  const uncachedRootFields = Object.keys(schema.getQueryType()?.getFields() ?? {}).filter((name) => !(CACHED_ROOT_FIELDS as readonly string[]).includes(name));
  return [
    useResponseCache({
      cache: feed.cache,
      ttl: ttlMs,
      session: (request) => sessionOf(request) ?? null,
      enabled: (request) => sessionOf(request) !== undefined,
      // Writes invalidate through the feed, by the ids they touched, also for other instances and the CLI.
      invalidateViaMutation: false,
      ttlPerSchemaCoordinate: Object.fromEntries(uncachedRootFields.map((name) => [`Query.${name}`, 0])),
    }),
  ];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
