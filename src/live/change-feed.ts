/**
 * The change feed: where committed writes are announced. `publish(set)` first invalidates the response
 * cache by exactly the entities the write touched (so the write's response is sent only after no cached
 * answer can predate it), then sends the change set to every subscriber of every instance.
 *
 * Without a Redis URL the bus and the cache live in this process. With one, events travel over Redis
 * pub/sub (@graphql-yoga/redis-event-target) and the cache is one Redis store shared by all instances
 * (@envelop/response-cache-redis), so a write through any instance or the import CLI invalidates it.
 * While Redis is unreachable, reads run uncached, new subscriptions are refused and open ones end with a
 * SERVICE_UNAVAILABLE error event; on reconnecting, an instance empties the cache before using it again
 * (an invalidation may have been lost meanwhile). Nothing needs a restart.
 */
import { GraphQLError } from 'graphql';
import { createPubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createRedisCache } from '@envelop/response-cache-redis';
import { createInMemoryCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { Redis } from 'ioredis';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { collectRecordChanges, isEmptyChangeSet, touchedEntities, type ChangeSet } from './change-set.ts';

/** The pub/sub channel of change sets. */
export const CHANGES_TOPIC = 'vcg:changes';
/** The Redis key counting invalidations; a read caches its answer only if no write came in between. */
const GENERATION_KEY = 'vcg:cache-generation';

/** Options of createChangeFeed. */
export interface ChangeFeedOptions {
  /** `redis://…` of the Redis shared by all instances. @default none: bus and cache in this process */
  redisUrl?: string;
  logger?: Logger;
}

/** Announces committed writes and hands them to subscribers. One per process. */
export interface ChangeFeed {
  /** Invalidates the cache by what `set` touched, then sends it to every subscriber. Never throws. */
  publish(set: ChangeSet): Promise<void>;
  /** Computes what committed upserts changed (see collectRecordChanges) and publishes it. */
  recordsCommitted(
    db: Database,
    entities: readonly { id?: unknown }[],
    relationships: readonly { type?: unknown; from?: unknown; to?: unknown; key?: unknown }[],
    stamp: { by: string; at: string },
  ): Promise<void>;
  /** Every change set published from now on, in order; ends with SERVICE_UNAVAILABLE when the bus goes down. */
  subscribe(): AsyncIterableIterator<ChangeSet>;
  /** True while events can be delivered (always without Redis). */
  available(): boolean;
  /** The response cache store, guarded against caching an answer read before a concurrent write. */
  readonly cache: Cache;
  close(): Promise<void>;
}

/** Creates the feed: in memory, or over Redis when `redisUrl` is set (connects in the background). */
export function createChangeFeed(options: ChangeFeedOptions = {}): ChangeFeed {
  return options.redisUrl ? createRedisFeed(options.redisUrl, options.logger) : createMemoryFeed(options.logger);
}

/** The error open subscriptions end with, and new ones get, while the bus is down. */
export function busUnavailable(): GraphQLError {
  return new GraphQLError('The change feed is unavailable (its Redis cannot be reached). Subscribe again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
}

// Private: the feed of one process: an in-memory pub/sub and an in-memory cache.
function createMemoryFeed(logger?: Logger): ChangeFeed {
  const pubSub = createPubSub<{ [CHANGES_TOPIC]: [ChangeSet] }>();
  const store = createInMemoryCache();
  let generation = 0;
  const started = new StartedReads();
  const cache: Cache = {
    async get(key) {
      const hit = await store.get(key);
      if (!hit) started.note(key, String(generation));
      return hit;
    },
    // An answer without an entity id could never be invalidated by a write, so it is not cached.
    set(key, data, entities, ttl) {
      const list = [...entities];
      // Checked and stored with no await in between: an invalidation cannot slip into the gap.
      if (list.some((entity) => entity.id !== undefined) && started.take(key) === String(generation)) return store.set(key, data, list, ttl);
    },
    invalidate(entities) {
      generation++;
      return store.invalidate(entities);
    },
  };
  const feed: ChangeFeed = {
    async publish(set) {
      if (isEmptyChangeSet(set)) return;
      await cache.invalidate(touchedEntities(set));
      pubSub.publish(CHANGES_TOPIC, set);
    },
    recordsCommitted: (db, entities, relationships, stamp) => publishCollected(feed, db, entities, relationships, stamp, logger),
    subscribe: () => pubSub.subscribe(CHANGES_TOPIC)[Symbol.asyncIterator]() as AsyncIterableIterator<ChangeSet>,
    available: () => true,
    cache,
    close: async () => undefined,
  };
  return feed;
}

// Private: the feed over Redis. Commands fail fast while disconnected (no offline queue), so a read or a
// write never waits for Redis; the subscriber connection resubscribes by itself when Redis is back.
function createRedisFeed(url: string, logger?: Logger): ChangeFeed {
  const retryStrategy = (times: number) => Math.min(times * 100, 1000);
  const commands = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const pubSub = createPubSub<{ [CHANGES_TOPIC]: [ChangeSet] }>({
    eventTarget: createRedisEventTarget({ publishClient: commands, subscribeClient: subscriber }),
  });
  const store = createRedisCache({ redis: commands });
  const started = new StartedReads();
  const downListeners = new Set<() => void>();
  // The cache is used only after this instance emptied it since its last (re)connect.
  let cacheReady = false;
  let closing = false;

  const onDown = (client: string) => (error?: Error) => {
    if (closing) return;
    if (cacheReady || error) logger?.warn({ client, err: error?.message }, 'Redis is unreachable: reads run uncached, subscriptions end until it is back.');
    cacheReady = false;
    for (const listener of downListeners) listener();
  };
  commands.on('error', onDown('commands'));
  subscriber.on('error', onDown('subscriber'));
  commands.on('close', onDown('commands'));
  subscriber.on('close', onDown('subscriber'));
  commands.on('ready', () => {
    commands.flushdb().then(
      () => {
        cacheReady = true;
        logger?.info('Redis is reachable: the response cache (emptied) and the change feed are on.');
      },
      (error: Error) => logger?.warn({ err: error.message }, 'Could not empty the Redis cache; it stays off until the next reconnect.'),
    );
  });

  const usable = () => cacheReady && commands.status === 'ready';
  const cache: Cache = {
    async get(key) {
      if (!usable()) return undefined;
      try {
        const replies = (await commands.pipeline().get(key).get(GENERATION_KEY).exec()) ?? [];
        const [value, generation] = replies.map(([error, reply]) => {
          if (error) throw error;
          return reply as string | null;
        });
        if (value) return JSON.parse(value);
        started.note(key, generation ?? '0');
      } catch {
        // Redis went away between the check and the call: answer uncached.
      }
      return undefined;
    },
    async set(key, data, entities, ttl) {
      const generation = started.take(key);
      const list = [...entities];
      const tags = list.flatMap(({ typename, id }) => [typename, ...(id === undefined ? [] : [`${typename}:${id}`])]);
      if (generation === undefined || !list.some((entity) => entity.id !== undefined) || !usable()) return;
      try {
        await commands.eval(SET_IF_GENERATION, 1, GENERATION_KEY, generation, key, JSON.stringify(data), Number.isFinite(ttl) ? Math.ceil(ttl) : 0, ...tags);
      } catch {
        // Not cached: the next read computes it again.
      }
    },
    async invalidate(entities) {
      try {
        await commands.incr(GENERATION_KEY);
        await store.invalidate(entities);
      } catch (error) {
        // A lost invalidation must not leave a stale answer: stop using the cache until it is emptied.
        cacheReady = false;
        logger?.warn({ err: (error as Error).message }, 'Could not invalidate the Redis cache; it stays off until Redis is reachable again and it is emptied.');
      }
    },
  };

  const feed: ChangeFeed = {
    async publish(set) {
      if (isEmptyChangeSet(set)) return;
      await cache.invalidate(touchedEntities(set));
      try {
        // Published here rather than through the event target, whose publish is not awaited.
        await commands.publish(CHANGES_TOPIC, JSON.stringify(set));
      } catch (error) {
        logger?.warn({ err: (error as Error).message, by: set.by, at: set.at }, 'Could not publish a change set: Redis is unreachable.');
      }
    },
    recordsCommitted: (db, entities, relationships, stamp) => publishCollected(feed, db, entities, relationships, stamp, logger),
    subscribe() {
      if (subscriber.status !== 'ready') throw busUnavailable();
      return endWhenDown(pubSub.subscribe(CHANGES_TOPIC)[Symbol.asyncIterator]() as AsyncIterableIterator<ChangeSet>, downListeners);
    },
    available: () => subscriber.status === 'ready' && commands.status === 'ready',
    cache,
    async close() {
      closing = true;
      commands.disconnect();
      subscriber.disconnect();
    },
  };
  return feed;
}

/**
 * Stores an answer only if no invalidation happened since its read began (the generation it saw is still
 * current), atomically; tags it with its entities the way @envelop/response-cache-redis reads them.
 * KEYS[1] generation; ARGV: generation seen, response key, JSON, ttl ms (0 = none), entity keys...
 */
const SET_IF_GENERATION = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
if tonumber(ARGV[4]) > 0 then redis.call('SET', ARGV[2], ARGV[3], 'PX', ARGV[4]) else redis.call('SET', ARGV[2], ARGV[3]) end
for i = 5, #ARGV do
  redis.call('SADD', ARGV[i], ARGV[2])
  redis.call('SADD', 'operations:' .. ARGV[2], ARGV[i])
end
return 1`;

// Private: collects after the commit and publishes; a failure to read the changes is logged, not thrown
// (the write is committed and its response must still go out).
async function publishCollected(
  feed: ChangeFeed,
  db: Database,
  entities: Parameters<ChangeFeed['recordsCommitted']>[1],
  relationships: Parameters<ChangeFeed['recordsCommitted']>[2],
  stamp: { by: string; at: string },
  logger?: Logger,
): Promise<void> {
  let set: ChangeSet;
  try {
    set = await collectRecordChanges(db, entities, relationships, stamp);
  } catch (error) {
    logger?.error({ err: error }, 'Could not read what a committed write changed; no change event was sent.');
    return;
  }
  await feed.publish(set);
}

// Private: wraps a subscription so that it rejects with busUnavailable() when the bus goes down.
function endWhenDown(iterator: AsyncIterableIterator<ChangeSet>, downListeners: Set<() => void>): AsyncIterableIterator<ChangeSet> {
  let fail!: (error: Error) => void;
  const down = new Promise<never>((_, reject) => (fail = reject));
  down.catch(() => undefined);
  const listener = () => fail(busUnavailable());
  downListeners.add(listener);
  const release = () => downListeners.delete(listener);
  return {
    async next() {
      try {
        return await Promise.race([iterator.next(), down]);
      } catch (error) {
        release();
        await iterator.return?.();
        throw error;
      }
    },
    async return() {
      release();
      return (await iterator.return?.()) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The generation each cache miss saw when its read began, by cache key, until its answer is stored.
 * Concurrent misses of one key keep the oldest; an unknown key is not cached. Bounded: a flood of
 * misses that never store (304 checks, errors) clears it, which only skips some caching.
 */
class StartedReads {
  private readonly byKey = new Map<string, string>();
  note(key: string, generation: string): void {
    if (this.byKey.size > 10_000) this.byKey.clear();
    if (!this.byKey.has(key)) this.byKey.set(key, generation);
  }
  take(key: string): string | undefined {
    const generation = this.byKey.get(key);
    this.byKey.delete(key);
    return generation;
  }
}
