/**
 * Error codes of the API and the GraphQLErrors that carry them. Domain errors are GraphQLErrors with
 * `extensions.code`; anything else is masked by Yoga as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';

/** Every code a client can see in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SERVICE_UNAVAILABLE'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'INTERNAL_SERVER_ERROR';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode;
    argument?: string;
  }
}

/** A bad argument: the message names it, says what is allowed and what arrived. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

/** A requested id that does not exist. */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** Neo4j cannot be reached; clients may retry. */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The graph database is unavailable. Try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
  });
}

/** For states the code rules out; a failure here is a bug, reported masked to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
