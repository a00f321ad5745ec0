/**
 * Configuration: read from the environment once at start-up, validated, typed. A bad value stops the
 * start with a message naming the variable; nothing else in the app reads process.env.
 */
import { z } from 'zod';

const port = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(65535, 'must be at most 65535'))
    .prefault(String(fallback));

const positiveInt = (fallback: number, max: number) =>
  z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(max)).prefault(String(fallback));

const NEO4J_SCHEMES = ['neo4j:', 'neo4j+s:', 'neo4j+ssc:', 'bolt:', 'bolt+s:', 'bolt+ssc:'];

const environmentSchema = z.object({
  NEO4J_URI: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && NEO4J_SCHEMES.includes(new URL(value).protocol), {
      message: `must be a URI with one of the schemes ${NEO4J_SCHEMES.map((s) => s.slice(0, -1)).join(', ')}, e.g. neo4j://db.example.com:7687`,
    })
    .optional(),
  NEO4J_USER: z.string().trim().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/, 'must be a Neo4j database name (letters, digits, dots, dashes)')
    .optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_DATA_DIR: z.string().trim().min(1).default('.data/neo4j'),
  NEO4J_HEAP_MB: positiveInt(1024, 65536),
  NEO4J_PAGECACHE_MB: positiveInt(256, 65536),
  NEO4J_TX_TIMEOUT_MS: positiveInt(15000, 600000),
  SEED_ON_EMPTY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  API_KEYS: z
    .string()
    .trim()
    .transform((value, context) => parseApiKeys(value, context))
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (an HS256 secret)').optional(),
  JWT_ISSUER: z.string().trim().min(1).optional(),
  JWT_AUDIENCE: z.string().trim().min(1).optional(),
  READS_REQUIRE_AUTH: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  GRAPHIQL: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  MAX_QUERY_COST: positiveInt(50000, 10_000_000),
  PERSISTED_DOCUMENTS_DIR: z.string().trim().min(1).optional(),
  PERSISTED_ONLY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  SLOW_STATEMENT_MS: positiveInt(500, 600000),
  JWT_JWKS_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol), { message: 'must be an http(s) URL of a JWKS document' })
    .optional(),
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  METRICS_PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(65535, 'must be at most 65535'))
    .optional(),
  METRICS_OPERATIONS: z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must list GraphQL operation names')).max(200, 'must list at most 200 names'))
    .optional(),
  NEO4J_STALL_TIMEOUT_MS: positiveInt(1000, 60000),
  ANALYTICS_TIMEOUT_MS: positiveInt(5000, 600000),
  ANALYTICS_MAX_CONCURRENT: positiveInt(16, 1000),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10000, 600000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30000, 3600000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5000, 600000),
  HTTP_MAX_CONNECTIONS: positiveInt(4096, 1_000_000),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: positiveInt(256, 1_000_000),
  RATE_LIMIT_PER_ADDRESS: z.string().trim().regex(/^\d+$/, 'must be a whole number (0: off)').transform(Number).prefault('0'),
  RATE_LIMIT_PER_KEY: z.string().trim().regex(/^\d+$/, 'must be a whole number (0: off)').transform(Number).prefault('0'),
  RATE_LIMIT_WINDOW_S: positiveInt(60, 86400),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && ['redis:', 'rediss:'].includes(new URL(value).protocol), {
      message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0',
    })
    .optional(),
  RESPONSE_CACHE_TTL_MS: z.string().trim().regex(/^\d+$/, 'must be a whole number of milliseconds (0 turns the cache off)').transform(Number).prefault('0'),
  MAX_SUBSCRIPTIONS: positiveInt(1000, 1_000_000),
  MAX_SUBSCRIPTIONS_PER_CLIENT: positiveInt(10, 10_000),
});

/** Roles a caller can have: viewers read, editors also write. */
export const ROLES = ['viewer', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** One configured API key: who it is, what it may do, and its secret. */
export interface ApiKey {
  readonly name: string;
  readonly role: Role;
  readonly key: string;
}

// Private: API_KEYS is a comma-separated list of name:role:key, e.g. "alice:editor:<24+ chars>".
function parseApiKeys(value: string, context: z.RefinementCtx): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, role, ...rest] = entry.split(':');
    const key = rest.join(':');
    if (!name || !role || !(ROLES as readonly string[]).includes(role) || key.length < 24) {
      context.addIssue({
        code: 'custom',
        message: `entries must look like name:role:key with role ${ROLES.join(' or ')} and a key of at least 24 characters (entry "${name ?? ''}:${role ?? ''}:…" does not)`,
      });
      continue;
    }
    keys.push({ name, role: role as Role, key });
  }
  return keys;
}

/** The validated configuration. `neo4jUri` undefined means: start the embedded Neo4j. */
export interface Config {
  /** Bolt or routing URI of an external Neo4j; undefined starts the embedded one. */
  readonly neo4jUri: string | undefined;
  readonly neo4jUser: string;
  readonly neo4jPassword: string;
  /** Database name; undefined uses the server's default database. */
  readonly neo4jDatabase: string | undefined;
  readonly host: string;
  /** HTTP port; 0 picks a free one. @default 4000 */
  readonly port: number;
  readonly logLevel: string;
  /** Where the embedded Neo4j keeps its data. @default .data/neo4j */
  readonly neo4jDataDir: string;
  /** Heap of the embedded Neo4j's JVM. @default 1024 */
  readonly neo4jHeapMb: number;
  /** Page cache of the embedded Neo4j. @default 256 */
  readonly neo4jPageCacheMb: number;
  /** Transaction timeout for every statement the server runs. @default 15000 */
  readonly neo4jTxTimeoutMs: number;
  /** Load the curated seed when the database holds no entities. @default true */
  readonly seedOnEmpty: boolean;
  /** Access control: API keys and JWT verification. */
  readonly auth: AuthConfig;
  /** Serve GraphiQL to browsers at /graphql. @default true */
  readonly graphiql: boolean;
  /** Answer introspection queries; turn off in production to hide the schema. @default true */
  readonly introspection: boolean;
  /** Highest query cost (page sizes multiplied along the nesting). @default 50000 */
  readonly maxQueryCost: number;
  /** Statements slower than this are logged. @default 500 */
  readonly slowStatementMs: number;
  /** Metrics: a bearer token for /metrics, a port of their own, operation names counted by name. */
  readonly metrics: { readonly token: string | undefined; readonly port: number | undefined; readonly operations: readonly string[] };
  /** A statement unanswered this long triggers a probe; unanswered twice as long, it fails as unavailable. @default 1000 */
  readonly neo4jStallTimeoutMs: number;
  /** The time budget of one analytics query (brokers, corridors) and how many run at once. @default 5000, 16 */
  readonly analytics: { readonly timeoutMs: number; readonly maxConcurrent: number };
  /** node:http timeouts and connection caps. */
  readonly http: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly maxConnections: number;
    readonly maxConnectionsPerAddress: number;
  };
  /** Requests allowed per window per address and per bearer token; 0 turns a limit off. @default off, 60 s */
  readonly rateLimit: { readonly perAddress: number; readonly perKey: number; readonly windowSeconds: number };
  /** Folder of trusted documents named by their SHA-256. @default none */
  readonly persistedDocumentsDir: string | undefined;
  /** Run only trusted documents. @default false */
  readonly persistedOnly: boolean;
  /** Subscriptions, the response cache and Redis (src/live). */
  readonly live: LiveConfig;
}

/** Change events, the response cache and the Redis that shares both between instances. */
export interface LiveConfig {
  /** Redis shared by all instances for events and the cache. @default none: both in memory */
  readonly redisUrl: string | undefined;
  /** Longest life of a cached answer; 0 turns the response cache off. @default 0 */
  readonly responseCacheTtlMs: number;
  /** Open subscriptions per instance. @default 1000 */
  readonly maxSubscriptions: number;
  /** Open subscriptions per caller. @default 10 */
  readonly maxSubscriptionsPerClient: number;
}

/** Who may read and write. */
export interface AuthConfig {
  /** API keys accepted as `Authorization: Bearer <key>`. @default none */
  readonly apiKeys: readonly ApiKey[];
  /** HS256 secret to verify JWTs with; their `roles` (or `role`) claim gives the roles. @default JWTs off */
  readonly jwtSecret: string | undefined;
  /** JWKS URL of an identity provider whose RS256 / ES256 JWTs are accepted. @default none */
  readonly jwtJwksUrl: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  /** Reads need a token too. @default false */
  readonly readsRequireAuth: boolean;
}

/** Thrown when the environment does not validate; the message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      const secret = /KEY|SECRET|PASSWORD|REDIS_URL/.test(variable);
      return `${variable} ${issue.message.replace(/^Invalid (input|option): /, '')}${secret ? '' : ` (got "${env[variable] ?? ''}")`}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    neo4jUri: e.NEO4J_URI,
    neo4jUser: e.NEO4J_USER,
    neo4jPassword: e.NEO4J_PASSWORD,
    neo4jDatabase: e.NEO4J_DATABASE,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4jDataDir: e.NEO4J_DATA_DIR,
    neo4jHeapMb: e.NEO4J_HEAP_MB,
    neo4jPageCacheMb: e.NEO4J_PAGECACHE_MB,
    neo4jTxTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
    seedOnEmpty: e.SEED_ON_EMPTY,
    graphiql: e.GRAPHIQL,
    introspection: e.INTROSPECTION,
    maxQueryCost: e.MAX_QUERY_COST,
    persistedDocumentsDir: e.PERSISTED_DOCUMENTS_DIR,
    persistedOnly: e.PERSISTED_ONLY,
    slowStatementMs: e.SLOW_STATEMENT_MS,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, operations: e.METRICS_OPERATIONS ?? [] },
    neo4jStallTimeoutMs: e.NEO4J_STALL_TIMEOUT_MS,
    analytics: { timeoutMs: e.ANALYTICS_TIMEOUT_MS, maxConcurrent: e.ANALYTICS_MAX_CONCURRENT },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxConnectionsPerAddress: e.HTTP_MAX_CONNECTIONS_PER_ADDRESS,
    },
    rateLimit: { perAddress: e.RATE_LIMIT_PER_ADDRESS, perKey: e.RATE_LIMIT_PER_KEY, windowSeconds: e.RATE_LIMIT_WINDOW_S },
    live: {
      redisUrl: e.REDIS_URL,
      responseCacheTtlMs: e.RESPONSE_CACHE_TTL_MS,
      maxSubscriptions: e.MAX_SUBSCRIPTIONS,
      maxSubscriptionsPerClient: e.MAX_SUBSCRIPTIONS_PER_CLIENT,
    },
    auth: {
      apiKeys: e.API_KEYS ?? [],
      jwtSecret: e.JWT_SECRET,
      jwtJwksUrl: e.JWT_JWKS_URL,
      jwtIssuer: e.JWT_ISSUER,
      jwtAudience: e.JWT_AUDIENCE,
      readsRequireAuth: e.READS_REQUIRE_AUTH,
    },
  };
}
