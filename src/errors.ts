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
  | 'WRITE_OUTCOME_UNKNOWN'
  | 'TIMEOUT'
  | 'TOO_MANY_REQUESTS'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'INTERNAL_SERVER_ERROR';

/**
 * The HTTP status of each code: what a GraphQL response carries where an error sets `extensions.http` (a
 * request refused as a whole), and what the plain HTTP routes (/export) answer.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  TOO_MANY_SUBSCRIPTIONS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  WRITE_OUTCOME_UNKNOWN: 503,
  TIMEOUT: 504,
};

/** The code of an error that carries only an HTTP status (graphql-js's invalid variables: 400, the JWT plugin: 401). */
export function codeOfHttpStatus(status: number | undefined): ErrorCode | undefined {
  return (['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN'] as const).find((code) => HTTP_STATUS[code] === status);
}

/**
 * On a failed mutation: NOT_APPLIED when the write was certainly rolled back (bad input, Neo4j unreachable
 * before the commit), UNKNOWN when the connection failed during the commit. Both are safe to retry.
 */
export type WriteOutcome = 'NOT_APPLIED' | 'UNKNOWN';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode;
    argument?: string;
    writeOutcome?: WriteOutcome;
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
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: HTTP_STATUS.SERVICE_UNAVAILABLE } },
  });
}

/** A request ran out of its time budget (an analytics query over the graph, or any statement's timeout). */
export function timeout(
  message = 'The query ran out of its time budget. Narrow it (a material, fewer hops, a smaller "first") or try again later.',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'TIMEOUT' } });
}

/** For states the code rules out; a failure here is a bug, reported masked to clients. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violated: ${message}`);
}
