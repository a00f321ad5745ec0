/**
 * Caps on open subscriptions: at most `perClient` per caller (the viewer, else the remote address) and
 * `total` per instance. A slot is taken when a subscription starts and given back when it ends.
 */
import { GraphQLError } from 'graphql';
import { HTTP_STATUS } from '../errors.ts';

/** Options of createSubscriptionLimiter. */
export interface SubscriptionLimits {
  /** Open subscriptions of one caller. @default 10 */
  perClient?: number;
  /** Open subscriptions of this instance. @default 1000 */
  total?: number;
}

/** Hands out subscription slots. */
export interface SubscriptionLimiter {
  /** Takes a slot for `client` or throws a TOO_MANY_SUBSCRIPTIONS error; returns the release function. */
  acquire(client: string): () => void;
  /** Open subscriptions now. */
  open(): number;
}

export function createSubscriptionLimiter(limits: SubscriptionLimits = {}): SubscriptionLimiter {
  const { perClient = 10, total = 1000 } = limits;
  const byClient = new Map<string, number>();
  let open = 0;
  return {
    acquire(client) {
      const mine = byClient.get(client) ?? 0;
      if (mine >= perClient)
        throw tooMany(
          `"${client}" already has ${mine} open subscriptions, the most one caller may have (MAX_SUBSCRIPTIONS_PER_CLIENT=${perClient}); close one first.`,
        );
      if (open >= total)
        throw tooMany(`This server already serves ${open} subscriptions, its limit (MAX_SUBSCRIPTIONS=${total}); try again later or another instance.`);
      byClient.set(client, mine + 1);
      open++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open--;
        const left = (byClient.get(client) ?? 1) - 1;
        if (left > 0) byClient.set(client, left);
        else byClient.delete(client);
      };
    },
    open: () => open,
  };
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', http: { status: HTTP_STATUS.TOO_MANY_SUBSCRIPTIONS } } });
}
