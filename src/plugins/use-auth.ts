/**
 * Access control as Yoga plugins. Callers authenticate with `Authorization: Bearer <token>`, where the
 * token is an API key from the configuration (compared in constant time) or a JWT verified by
 * @graphql-yoga/plugin-jwt: HS256 with a shared secret, or RS256 / ES256 with the keys an identity
 * provider publishes at its JWKS URL (each token goes to the verifier of its `alg`, so a secret can never
 * verify an RS256/ES256 token or a public key an HS256 one). A JWT must carry `exp`. Reads are open unless
 * configured otherwise, and then need the viewer role; every mutation needs the editor role. A write
 * without a token is UNAUTHENTICATED, with the wrong role FORBIDDEN, and nothing runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  useJWT,
  type GetSigningKeyFunction,
  type JWTExtendContextFields,
} from '@graphql-yoga/plugin-jwt';
import { getOperationAST, GraphQLError, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiKey, AuthConfig, Role } from '../config.ts';
import { HTTP_STATUS } from '../errors.ts';

/** Who is calling: a name for updatedBy stamps, and roles. */
export interface Viewer {
  id: string;
  roles: readonly Role[];
}

/** Options of useAuth; the defaults are open reads and no way to write. */
export type AuthOptions = Partial<AuthConfig>;

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** The plugins that authenticate callers and guard writes. Put them before any plugin that reads `viewer`. */
export function useAuth(options: AuthOptions = {}): Plugin[] {
  const { apiKeys = [], jwtSecret, jwtJwksUrl, jwtIssuer, jwtAudience, readsRequireAuth = false } = options;
  const plugins: Plugin[] = [];
  const verifier = (algorithms: ('HS256' | 'RS256' | 'ES256')[], signingKey: GetSigningKeyFunction): Plugin =>
    useJWT({
      signingKeyProviders: [signingKey],
      // Only tokens shaped like a JWT and signed with one of `algorithms` go to this verifier; API keys are checked below.
      tokenLookupLocations: [
        ({ request }) => {
          const token = bearerToken(request);
          return token && JWT_SHAPE.test(token) && (algorithms as string[]).includes(algorithmOf(token)) ? { token, prefix: 'Bearer' } : undefined;
        },
      ],
      tokenVerification: {
        algorithms,
        ...(jwtIssuer ? { issuer: jwtIssuer } : {}),
        ...(jwtAudience ? { audience: jwtAudience } : {}),
      },
      reject: { missingToken: false, invalidToken: true },
      extendContext: 'jwt',
    }) as Plugin;
  if (jwtSecret) plugins.push(verifier(['HS256'], createInlineSigningKeyProvider(jwtSecret)));
  if (jwtJwksUrl) {
    plugins.push(
      verifier(
        ['RS256', 'ES256'],
        createRemoteJwksSigningKeyProvider({
          jwksUri: jwtJwksUrl,
          cache: true,
          cacheMaxAge: 600_000,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
          timeout: 5000,
        }),
      ),
    );
  }
  const acceptsJwts = Boolean(jwtSecret || jwtJwksUrl);
  const digests = apiKeys.map((apiKey) => ({ apiKey, digest: sha256(apiKey.key) }));

  plugins.push({
    onContextBuilding({ context, extendContext }) {
      const jwt = (context as { jwt?: JWTExtendContextFields }).jwt;
      if (jwt) {
        if (typeof (jwt.payload as { exp?: unknown }).exp !== 'number') throw unauthenticated('The JWT has no "exp" claim; tokens must expire.');
        extendContext({ viewer: viewerOfJwt(jwt) } as never);
        return;
      }
      const token = bearerToken((context as { request: Request }).request);
      if (token === undefined) return;
      if (JWT_SHAPE.test(token)) {
        throw unauthenticated(
          acceptsJwts
            ? `JWTs signed with "${algorithmOf(token)}" are not accepted here (HS256 with JWT_SECRET, RS256/ES256 with JWT_JWKS_URL).`
            : 'JWTs are not accepted here: neither JWT_SECRET nor JWT_JWKS_URL is configured.',
        );
      }
      const apiKey = findApiKey(digests, token);
      if (!apiKey) throw unauthenticated('The bearer token is not a valid API key.');
      extendContext({ viewer: { id: `api-key:${apiKey.name}`, roles: rolesOf(apiKey.role) } } as never);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const error = accessError(args.document, args.operationName, args.contextValue as { viewer?: Viewer }, readsRequireAuth);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    // Subscriptions are reads: they need a token exactly when queries do.
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = accessError(args.document, args.operationName, args.contextValue as { viewer?: Viewer }, readsRequireAuth);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  });
  return plugins;
}

// Private: why the caller may not run this operation, or undefined when it may.
function accessError(
  document: DocumentNode,
  operationName: string | null | undefined,
  context: { viewer?: Viewer },
  readsRequireAuth: boolean,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  const viewer = context.viewer;
  if (operation?.operation === 'mutation') {
    if (!viewer) return unauthenticated('Writes need a bearer token (an API key or a JWT) with the editor role.');
    if (!viewer.roles.includes('editor')) {
      return new GraphQLError(`"${viewer.id}" has the role ${viewer.roles.join(', ')}; writes need the editor role.`, {
        extensions: { code: 'FORBIDDEN', http: { status: HTTP_STATUS.FORBIDDEN } },
      });
    }
  } else if (readsRequireAuth && !viewer) {
    return unauthenticated('Reads need a bearer token (an API key or a JWT) on this server.');
  } else if (readsRequireAuth && viewer && !viewer.roles.includes('viewer')) {
    return new GraphQLError(`"${viewer.id}" has no known role (viewer or editor); reads on this server need one.`, {
      extensions: { code: 'FORBIDDEN', http: { status: HTTP_STATUS.FORBIDDEN } },
    });
  }
  return undefined;
}

// Private: the token of an `Authorization: Bearer <token>` header.
function bearerToken(request: Request | undefined): string | undefined {
  const header = request?.headers.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  return match[1];
}

// Private: the `alg` of a JWT's header, or '' when it cannot be read.
function algorithmOf(token: string): string {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string' ? header.alg : '';
  } catch {
    return '';
  }
}

// Private: the configured key equal to `token`, compared in constant time over fixed-length digests.
function findApiKey(digests: readonly { apiKey: ApiKey; digest: Buffer }[], token: string): ApiKey | undefined {
  const candidate = sha256(token);
  let found: ApiKey | undefined;
  for (const { apiKey, digest } of digests) {
    if (timingSafeEqual(digest, candidate)) found = apiKey;
  }
  return found;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

// Private: editors can also read.
function rolesOf(role: Role): Role[] {
  return role === 'editor' ? ['viewer', 'editor'] : ['viewer'];
}

// Private: roles from a JWT's `roles` (array) or `role` (string) claim; only known roles count.
function viewerOfJwt(jwt: JWTExtendContextFields): Viewer {
  const payload = jwt.payload as Record<string, unknown>;
  const claimed = Array.isArray(payload.roles) ? payload.roles : typeof payload.role === 'string' ? [payload.role] : [];
  const roles = new Set<Role>();
  for (const role of claimed) if (role === 'editor' || role === 'viewer') for (const granted of rolesOf(role)) roles.add(granted);
  return { id: `jwt:${String(payload.sub ?? 'anonymous')}`, roles: [...roles] };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: HTTP_STATUS.UNAUTHENTICATED } } });
}
