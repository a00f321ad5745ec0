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
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .prefault(String(fallback));

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
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  API_KEYS: z
    .string()
    .trim()
    .transform((value, context) => parseApiKeys(value, context))
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (an HS256 secret)').optional(),
  JWT_ISSUER: z.string().trim().min(1).optional(),
  JWT_AUDIENCE: z.string().trim().min(1).optional(),
  READS_REQUIRE_AUTH: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  GRAPHIQL: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  INTROSPECTION: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  MAX_QUERY_COST: positiveInt(50000, 10_000_000),
  PERSISTED_DOCUMENTS_DIR: z.string().trim().min(1).optional(),
  PERSISTED_ONLY: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  SLOW_STATEMENT_MS: positiveInt(500, 600000),
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
  for (const entry of value.split(',').map((item) => item.trim()).filter(Boolean)) {
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
  /** Folder of trusted documents named by their SHA-256. @default none */
  readonly persistedDocumentsDir: string | undefined;
  /** Run only trusted documents. @default false */
  readonly persistedOnly: boolean;
}

/** Who may read and write. */
export interface AuthConfig {
  /** API keys accepted as `Authorization: Bearer <key>`. @default none */
  readonly apiKeys: readonly ApiKey[];
  /** HS256 secret to verify JWTs with; their `roles` (or `role`) claim gives the roles. @default JWTs off */
  readonly jwtSecret: string | undefined;
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
      const secret = /KEY|SECRET|PASSWORD/.test(variable);
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
    auth: {
      apiKeys: e.API_KEYS ?? [],
      jwtSecret: e.JWT_SECRET,
      jwtIssuer: e.JWT_ISSUER,
      jwtAudience: e.JWT_AUDIENCE,
      readsRequireAuth: e.READS_REQUIRE_AUTH,
    },
  };
}
