/**
 * The Yoga server: schema + resolvers + plugins, and the health endpoints. `createServer()` never
 * listens; main.ts does, and tests mount it on their own HTTP server.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { useAuth, type AuthOptions } from './plugins/use-auth.ts';
import { useLimits, type LimitOptions } from './plugins/use-limits.ts';
import { useObservability, type ObservabilityOptions } from './plugins/use-observability.ts';
import { useRateLimit, type RateLimitOptions } from './plugins/use-rate-limit.ts';
import { createContext, type Context } from './context.ts';
import { isTimeoutError, isUnavailableError, type Database } from './db/database.ts';
import { codeOfHttpStatus, serviceUnavailable, timeout, type ErrorCode } from './errors.ts';
import { usePlanner } from './planner/use-planner.ts';
import { useTrustedDocuments, type TrustedDocumentOptions } from './plugins/use-trusted-documents.ts';
import { useExplorer } from './plugins/use-explorer.ts';
import { LIVENESS_PATH, useReadiness } from './plugins/use-readiness.ts';
import type { Logger } from './logger.ts';
import { ENUM_RESOLVERS } from './model/enums.ts';
import { analyticsResolvers } from './resolvers/analytics.ts';
import { collectionResolvers } from './resolvers/collections.ts';
import { entityResolvers } from './resolvers/entities.ts';
import { mutationResolvers } from './resolvers/mutations.ts';
import { pathResolvers } from './resolvers/paths.ts';
import { relationshipResolvers } from './resolvers/relationships.ts';
import { scalarResolvers } from './resolvers/scalars.ts';
import { searchResolvers } from './resolvers/search.ts';
import { subscriptionResolvers } from './resolvers/subscriptions.ts';
import { createChangeFeed, type ChangeFeed } from './live/change-feed.ts';
import { createSubscriptionLimiter, type SubscriptionLimiter, type SubscriptionLimits } from './live/subscription-limiter.ts';
import { useResponseCaching } from './plugins/use-response-caching.ts';

/** The SDL file that is the API's contract. */
export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../schema.graphql');

/** Options of createServer. */
export interface ServerOptions {
  db: Database;
  logger: Logger;
  /** Serve GraphiQL to browsers at /graphql. @default true */
  graphiql?: boolean;
  /** Who may read and write. @default open reads, no writes */
  auth?: AuthOptions;
  /** Answer introspection queries. @default true */
  introspection?: boolean;
  /** Query limits. @default see LimitOptions */
  limits?: LimitOptions;
  /** Request ids, metrics and the slow-statement log. @default see ObservabilityOptions */
  observability?: ObservabilityOptions;
  /** Requests per window per address and per token. @default off */
  rateLimit?: RateLimitOptions;
  /** Where writes announce their changes and subscriptions listen. @default an in-memory feed */
  changes?: ChangeFeed;
  /** Longest life of a cached answer; 0 turns the response cache off. @default 0 */
  responseCacheTtlMs?: number;
  /** Caps on open subscriptions. @default see SubscriptionLimits */
  subscriptionLimits?: SubscriptionLimits;
  /** The limiter itself, instead of `subscriptionLimits` (tests read its open count). */
  subscriptionLimiter?: SubscriptionLimiter;
  /** Compile node/nodes/entity selections into one statement each (src/planner); false: the loaders only. @default true */
  planner?: boolean;
  /** Trusted documents (a folder of hashed documents) and whether only they run. @default none, any document runs */
  trustedDocuments?: TrustedDocumentOptions;
}

/** Builds the executable schema from schema.graphql and the resolvers. */
export function createSchema() {
  return makeExecutableSchema<Context>({
    typeDefs: readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers: [
      ENUM_RESOLVERS,
      scalarResolvers,
      entityResolvers,
      collectionResolvers,
      relationshipResolvers,
      pathResolvers,
      analyticsResolvers,
      mutationResolvers,
      searchResolvers,
      subscriptionResolvers,
    ] as never,
  });
}

/** The Yoga instance with /graphql, /healthz and /readyz. */
export function createServer(options: ServerOptions): YogaServerInstance<Record<string, unknown>, Context> {
  const {
    db,
    logger,
    graphiql = true,
    auth = {},
    introspection = true,
    limits = {},
    observability = {},
    rateLimit = {},
    planner = true,
    trustedDocuments = {},
  } = options;
  // With reads behind auth, /metrics is served on the API's port only behind METRICS_TOKEN.
  const metrics = auth.readsRequireAuth && !observability.metricsToken ? { ...observability, metricsPath: false as const } : observability;
  const { changes = createChangeFeed({ logger }), responseCacheTtlMs = 0, subscriptionLimits = {} } = options;
  const shared = { changes, subscriptions: options.subscriptionLimiter ?? createSubscriptionLimiter(subscriptionLimits) };
  const schema = planner ? usePlanner(createSchema()) : createSchema();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    batching: false,
    context: () => createContext(db, shared),
    graphiql,
    // GraphiQL's scripts and styles come from this package, not a CDN: it works behind a firewall.
    renderGraphiQL,
    landingPage: false,
    healthCheckEndpoint: LIVENESS_PATH,
    logging: logger,
    maskedErrors: {
      maskError(error, message) {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        for (const candidate of [error, original]) {
          if (hasClientErrorCode(candidate)) return candidate as Error;
        }
        // Errors raised by graphql-js or a plugin with only an HTTP status (invalid variables: 400, the JWT
        // plugin: 401) get the code that status stands for.
        for (const candidate of [error, original]) {
          const code = codeOfHttpError(candidate);
          if (code) {
            const { message: text, nodes, extensions } = candidate as GraphQLError;
            return new GraphQLError(text, { nodes, extensions: { code, http: { status: extensions.http?.status } } });
          }
        }
        if (isTimeoutError(original)) return timeout();
        if (isUnavailableError(original)) return serviceUnavailable();
        logger.error({ err: original }, 'Unexpected error, masked as INTERNAL_SERVER_ERROR.');
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    plugins: [
      useReadiness(db),
      ...useRateLimit(rateLimit),
      ...useObservability(db, logger, metrics),
      // "Did you mean …" suggestions would map a schema whose introspection is off.
      ...useLimits(schema, { fieldSuggestions: introspection, ...limits }),
      ...useTrustedDocuments(trustedDocuments),
      ...useAuth(auth),
      ...useResponseCaching(schema, { feed: changes, ttlMs: responseCacheTtlMs, apiKeys: auth.apiKeys }),
      ...(introspection ? [] : [useDisableIntrospection()]),
      useExplorer(),
    ],
  });
}

/** True for errors this API raised on purpose: a GraphQLError whose code is not INTERNAL_SERVER_ERROR. */
function hasClientErrorCode(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (error as Error).name === 'GraphQLError';
}

/** The code of a plugin's GraphQLError that carries only an HTTP status (e.g. the JWT plugin's 401). */
function codeOfHttpError(error: unknown): ErrorCode | undefined {
  return error instanceof GraphQLError ? codeOfHttpStatus(error.extensions.http?.status) : undefined;
}
