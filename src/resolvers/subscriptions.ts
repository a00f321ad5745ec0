/**
 * Subscription.entityChanged and Subscription.relationshipChanged: the change sets of the feed, one
 * event per changed entity or link, filtered by type and id. A subscription takes a slot of the
 * limiter when it starts and gives it back when it ends, however it ends.
 */
import { LIMITS } from '../limits.ts';
import type { Context } from '../context.ts';
import { badUserInput } from '../errors.ts';
import type { ChangeSet, EntityChange, RelationshipChange } from '../live/change-set.ts';

/** Most ids one subscription may filter on. */
export const MAX_SUBSCRIPTION_IDS = LIMITS.subscriptionIds.max;

interface Filter {
  types?: string[] | null;
  ids?: string[] | null;
}

/** An entity event as the API shows it. */
type EntityEvent = EntityChange & { by: string; at: string };
/** A relationship event as the API shows it. */
type RelationshipEvent = Omit<RelationshipChange, 'key'> & { id: string; key: string | null; by: string; at: string };

export const subscriptionResolvers = {
  Subscription: {
    entityChanged: {
      subscribe: (_parent: unknown, args: Filter, context: Context) =>
        subscribeTo(context, args, (set) =>
          set.entities
            .filter((entity) => matches(args.types, entity.type) && matches(args.ids, entity.id))
            .map((entity): EntityEvent => ({ ...entity, by: set.by, at: set.at })),
        ),
      resolve: (event: EntityEvent) => event,
    },
    relationshipChanged: {
      subscribe: (_parent: unknown, args: Filter, context: Context) =>
        subscribeTo(context, args, (set) =>
          set.relationships
            .filter((link) => matches(args.types, link.type) && (matches(args.ids, link.from) || matches(args.ids, link.to)))
            .map(
              (link): RelationshipEvent => ({
                ...link,
                id: `${link.from}|${link.type}|${link.to}${link.key ? `|${link.key}` : ''}`,
                key: link.key || null,
                by: set.by,
                at: set.at,
              }),
            ),
        ),
      resolve: (event: RelationshipEvent) => event,
    },
  },
};

// Private: validates the filter, takes a slot, and turns the feed's change sets into single events.
function subscribeTo<T>(context: Context, args: Filter, pick: (set: ChangeSet) => T[]): AsyncIterableIterator<T> {
  if (args.ids && (args.ids.length === 0 || args.ids.length > MAX_SUBSCRIPTION_IDS)) {
    throw badUserInput(`Argument "ids" must list 1 to ${MAX_SUBSCRIPTION_IDS} ids, but got ${args.ids.length}.`, 'ids');
  }
  if (args.types && args.types.length === 0) throw badUserInput('Argument "types" must list at least one type, or be left out for every type.', 'types');
  const client = context.viewer?.id ?? `address:${context.req?.socket?.remoteAddress ?? 'unknown'}`;
  const release = context.subscriptions.acquire(client);
  let source: AsyncIterableIterator<ChangeSet>;
  try {
    source = context.changes.subscribe();
  } catch (error) {
    release();
    throw error;
  }
  const pending: T[] = [];
  const finish = async () => {
    release();
    await source.return?.();
  };
  return {
    async next() {
      try {
        while (pending.length === 0) {
          const next = await source.next();
          if (next.done) {
            release();
            return { done: true, value: undefined };
          }
          pending.push(...pick(next.value));
        }
        return { done: false, value: pending.shift()! };
      } catch (error) {
        await finish();
        throw error;
      }
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

// Private: an absent filter matches everything.
function matches(allowed: readonly string[] | null | undefined, value: string): boolean {
  return !allowed || allowed.includes(value);
}
