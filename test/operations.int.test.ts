/**
 * Hostile load, over real HTTP and a real Neo4j: bounded metrics behind a token, a frozen Neo4j failing
 * fast, slow sockets cut off, analytics under a time budget and a pool share, deep variables refused,
 * a streaming body limit, JWT rules (exp, roles, no suggestions, JWKS) and rate limits.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createPlainHttpServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, exportSPKI, SignJWT, type KeyLike } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type DatabaseOptions } from '../src/db/database.ts';
import { findFreePort, startEmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const testDb = (options: Partial<DatabaseOptions> = {}) =>
  createDatabase({ uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword'), database: process.env.NEO4J_DATABASE, ...options });

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Sample lines of a Prometheus text exposition (the series), without comments. */
const seriesOf = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#'));

describe('metrics', () => {
  const token = 'metrics-token-0123456789abcdef';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ server: { observability: { metricsToken: token, trustedOperations: ['Dashboard'] } } });
  });
  afterAll(() => server.close());
  const scrape = async () => (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();

  it('answers only with METRICS_TOKEN', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
    expect(await scrape()).toMatch(/vcg_graphql_operations_total/);
  });

  it('keeps the series count flat over 2,000 requests with random operation names and query strings, and leaks none of them', async () => {
    const secrets: string[] = [];
    const one = async (index: number) => {
      const secret = `s${randomBytes(6).toString('hex')}`;
      secrets.push(secret);
      const name = `Op_${secret}`;
      if (index % 2 === 0) {
        await post(`${server.url}?${secret}=${secret}`, {
          query: `query ${name}($id: ID!) { entity(id: $id) { id } }`,
          operationName: name,
          variables: { id: `actor:${secret}` },
        });
      } else {
        const query = encodeURIComponent(`query ${name} { __typename }`);
        await fetch(`${server.url}/graphql?query=${query}&operationName=${name}&x=${secret}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
      }
    };
    const burst = async (from: number, count: number) => {
      for (let next = from; next < from + count; next += 20) await Promise.all(Array.from({ length: 20 }, (_, offset) => one(next + offset)));
    };
    await post(server.url, { query: 'query Dashboard { __typename }', operationName: 'Dashboard' });
    await burst(0, 40);
    const before = seriesOf(await scrape()).length;
    secrets.length = 0;
    await burst(40, 2000);
    const after = await scrape();
    expect(seriesOf(after).length).toBe(before);
    expect(after).toMatch(/vcg_graphql_operations_total\{operation="Dashboard",type="query"\} 1/);
    expect(after).toMatch(/vcg_graphql_operations_total\{operation="other",type="query"\} 20[0-9]{2}/);
    expect(secrets).toHaveLength(2000);
    expect(secrets.filter((secret) => after.includes(secret))).toEqual([]);
    expect(after).not.toMatch(/graphql\?|Op_/);
  }, 120_000);

  it('is not served on the API port when reads need auth and no token is set', async () => {
    const closed = await startTestServer({ auth: { readsRequireAuth: true, apiKeys: [] } });
    try {
      const response = await fetch(`${closed.url}/metrics`);
      expect(await response.text()).not.toMatch(/vcg_|graphql_yoga/);
    } finally {
      await closed.close();
    }
  });
});

describe('a frozen Neo4j', () => {
  it('fails a request with SERVICE_UNAVAILABLE long before the freeze ends, and serves again after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vcg-freeze-'));
    const neo4j = await startEmbeddedNeo4j({ dataDir, port: await findFreePort(), heapMb: 512, pageCacheMb: 64, log: () => undefined });
    const frozen = await startTestServer({ db: createDatabase({ uri: neo4j.uri, stallTimeoutMs: 750 }) });
    let thawed = false;
    try {
      for (let index = 0; index < 4; index++) expect((await frozen.query('{ actors(first: 1) { totalCount } }')).data).toEqual({ actors: { totalCount: 0 } });
      process.kill(neo4j.pid, 'SIGSTOP');
      const thaw = setTimeout(() => {
        thawed = true;
        process.kill(neo4j.pid, 'SIGCONT');
      }, 15_000);
      const down = await frozen.query('{ actors(first: 1) { totalCount } }');
      const answeredDuringFreeze = !thawed;
      clearTimeout(thaw);
      process.kill(neo4j.pid, 'SIGCONT');
      thawed = true;
      expect(down.errors?.[0]?.extensions?.code, JSON.stringify(down)).toBe('SERVICE_UNAVAILABLE');
      expect(answeredDuringFreeze).toBe(true);
      let after = await frozen.query('{ actors(first: 1) { totalCount } }');
      for (let attempt = 0; attempt < 20 && after.errors; attempt++) after = await frozen.query('{ actors(first: 1) { totalCount } }');
      expect(after.data).toEqual({ actors: { totalCount: 0 } });
    } finally {
      if (!thawed) process.kill(neo4j.pid, 'SIGCONT');
      await frozen.close();
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('slow clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ http: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxConnectionsPerAddress: 8 } });
  });
  afterAll(() => server.close());
  const open = async () => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };
  /** What the server sent before closing the socket, or 'still open' when it is open after `capMs`. */
  const closedWith = (socket: Socket, capMs: number) =>
    new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      const cap = setTimeout(() => resolve('still open'), capMs);
      socket.once('close', () => {
        clearTimeout(cap);
        resolve(received || 'closed');
      });
    });

  it('closes a socket that trickles its headers', async () => {
    const socket = await open();
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
    const outcome = await closedWith(socket, 20_000);
    clearInterval(trickle);
    socket.destroy();
    expect(outcome).not.toBe('still open');
  }, 30_000);

  it('closes a socket that trickles its body with 408', async () => {
    const socket = await open();
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const trickle = setInterval(() => socket.write(' '), 200);
    const outcome = await closedWith(socket, 20_000);
    clearInterval(trickle);
    socket.destroy();
    expect(outcome).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('caps the connections of one address', async () => {
    const sockets = await Promise.all(Array.from({ length: 12 }, () => open()));
    const outcomes = await Promise.all(sockets.map((socket) => closedWith(socket, 500)));
    for (const socket of sockets) socket.destroy();
    expect(outcomes.filter((outcome) => outcome === 'closed').length).toBeGreaterThanOrEqual(4);
  });
});

describe('analytics budget', () => {
  it('answers TIMEOUT, not INTERNAL_SERVER_ERROR, when brokers or corridors run out of their budget', async () => {
    const tight = await startTestServer({ db: testDb({ analytics: { timeoutMs: 1 } }) });
    try {
      for (const query of ['{ brokers(first: 5, maxHops: 6) { score } }', '{ corridors(first: 5, maxHops: 6) { sourceCount } }']) {
        const response = await tight.query(query);
        expect(response.errors?.[0]?.extensions?.code, JSON.stringify(response.errors)).toBe('TIMEOUT');
        expect(response.errors?.[0]?.message).toMatch(/time budget/);
      }
      expect((await tight.query('{ entity(id: "place:kazakhstan") { id } }')).data).toEqual({ entity: { id: 'place:kazakhstan' } });
    } finally {
      await tight.close();
    }
  });

  it('never runs more analytics statements at once than their share of the pool', async () => {
    const db = testDb({ analytics: { maxConcurrent: 2, timeoutMs: 60_000 } });
    const running: number[] = [];
    db.onStatement(({ name, analyticsRunning }) => {
      if (name === 'brokers') running.push(analyticsRunning ?? -1);
    });
    const shared = await startTestServer({ db });
    try {
      const responses = await Promise.all(Array.from({ length: 8 }, () => shared.query('{ brokers(first: 3) { score } }')));
      expect(responses.map((response) => response.errors)).toEqual(Array(8).fill(undefined));
      expect(running).toHaveLength(8);
      expect(Math.max(...running)).toBeLessThanOrEqual(2);
      expect(Math.min(...running)).toBeGreaterThanOrEqual(1);
    } finally {
      await shared.close();
    }
  });
});

describe('request size', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ http: { maxBodyBytes: 1024 * 1024 } });
  });
  afterAll(() => server.close());

  const nested = (depth: number, leaf: string) => `${'{"OR":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;

  it('refuses filter variables nested 10,000 deep with BAD_USER_INPUT before any Cypher runs', async () => {
    server.statements.length = 0;
    const body = `{"query":"query($f: ActorFilter) { actors(filter: $f) { totalCount } }","variables":{"f":${nested(10_000, '{"nameContains":"x"}')}}}`;
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(json.errors[0]?.message).toBe('The variables nest deeper than 32 levels; send flatter input.');
    expect(server.statements).toEqual([]);
  });

  it('refuses properties variables nested 10,000 deep with BAD_USER_INPUT', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const body = `{"query":"mutation($p: JSONObject) { upsertEntity(input: { type: Actor, id: \\"actor:x\\", name: \\"X\\", confidence: LOW, properties: $p }, evidence: { sourceIds: [] }) { created } }","variables":{"p":${deep}}}`;
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('cuts a chunked body off at the limit with 413, and serves a chunked body under it', async () => {
    const send = (chunks: number, chunk: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          `${server.url}/graphql`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
          (response) => {
            let body = '';
            response.on('data', (data: Buffer) => (body += data.toString()));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          },
        );
        request.on('error', reject);
        let sent = 0;
        const next = () => {
          while (sent < chunks) {
            sent++;
            if (!request.write(chunk)) return void request.once('drain', next);
          }
          request.end();
        };
        next();
      });
    const small = await send(1, JSON.stringify({ query: '{ __typename }' }));
    expect(small).toEqual({ status: 200, body: '{"data":{"__typename":"Query"}}' });
    const huge = await send(512, `{"query":"{ __typename }", "x":"${'x'.repeat(64 * 1024)}`).catch((error: Error) => ({ status: -1, body: error.message }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).errors[0]).toEqual({
      message: 'The request body is over the limit of 1048576 bytes.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('access', () => {
  const secret = 'a-test-secret-of-at-least-32-characters!';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ auth: { jwtSecret: secret, readsRequireAuth: true } });
  });
  afterAll(() => server.close());
  const hs256 = (claims: Record<string, unknown>, expires = true) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('tester').setIssuedAt();
    return (expires ? jwt.setExpirationTime('5m') : jwt).sign(new TextEncoder().encode(secret));
  };
  const read = (token: string) => server.query('{ entity(id: "place:kazakhstan") { id } }', undefined, { authorization: `Bearer ${token}` });

  it('refuses a JWT without exp', async () => {
    const response = await read(await hs256({ role: 'editor' }, false));
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toBe('The JWT has no "exp" claim; tokens must expire.');
  });

  it('with reads behind auth, refuses a JWT with no or an unknown role and serves a viewer', async () => {
    for (const claims of [{}, { role: 'admin' }, { roles: ['superuser'] }]) {
      const response = await read(await hs256(claims));
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(claims)).toBe('FORBIDDEN');
      expect(response.data?.entity).toBeUndefined();
    }
    expect((await read(await hs256({ role: 'viewer' }))).data).toEqual({ entity: { id: 'place:kazakhstan' } });
  });

  it('gives no "Did you mean" suggestions when introspection is off', async () => {
    const open = await startTestServer();
    const closed = await startTestServer({ server: { introspection: false } });
    try {
      expect(JSON.stringify(await open.query('{ actorz { totalCount } }'))).toMatch(/Did you mean/);
      const hidden = await closed.query('{ actorz { totalCount } }');
      expect(hidden.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(hidden)).not.toMatch(/Did you mean|actors/);
    } finally {
      await open.close();
      await closed.close();
    }
  });
});

describe('JWTs from an identity provider (JWKS)', () => {
  let jwks: ReturnType<typeof createPlainHttpServer>;
  let server: TestServer;
  const keys: Record<string, { privateKey: KeyLike; publicKey: KeyLike }> = {};
  beforeAll(async () => {
    keys.rs = await generateKeyPair('RS256');
    keys.es = await generateKeyPair('ES256');
    keys.other = await generateKeyPair('RS256');
    const published = {
      keys: [
        { ...(await exportJWK(keys.rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(keys.es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
      ],
    };
    jwks = createPlainHttpServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    server = await startTestServer({ auth: { jwtJwksUrl: jwksUrl, readsRequireAuth: true } });
  });
  afterAll(async () => {
    await server.close();
    jwks.close();
  });
  const sign = (alg: string, kid: string, key: KeyLike | Uint8Array, expires = true) => {
    const jwt = new SignJWT({ role: 'viewer' }).setProtectedHeader({ alg, kid }).setSubject('idp-user').setIssuedAt();
    return (expires ? jwt.setExpirationTime('5m') : jwt).sign(key);
  };
  const read = async (token: string) => await server.query('{ entity(id: "place:kazakhstan") { id } }', undefined, { authorization: `Bearer ${token}` });

  it('accepts RS256 and ES256 tokens signed with a published key', async () => {
    expect((await read(await sign('RS256', 'rs', keys.rs!.privateKey))).data).toEqual({ entity: { id: 'place:kazakhstan' } });
    expect((await read(await sign('ES256', 'es', keys.es!.privateKey))).data).toEqual({ entity: { id: 'place:kazakhstan' } });
  });

  it('refuses an unknown key, a missing exp, and HS256 signed with the public key (key confusion)', async () => {
    const pem = await exportSPKI(keys.rs!.publicKey);
    for (const token of [
      await sign('RS256', 'rs', keys.other!.privateKey),
      await sign('RS256', 'rs', keys.rs!.privateKey, false),
      await sign('HS256', 'rs', new TextEncoder().encode(pem)),
    ]) {
      const response = await read(token);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data?.entity).toBeUndefined();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the limit per address', async () => {
    const limited = await startTestServer({ server: { rateLimit: { perAddress: 5, windowSeconds: 60 } } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let index = 0; index < 7; index++) {
        const response = await post(limited.url, { query: '{ __typename }' });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('TOO_MANY_REQUESTS');
        } else await response.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 past the limit per key, while other keys go on', async () => {
    const alice = 'alice-key-0123456789abcdefghij';
    const bob = 'bob-key-0123456789abcdefghijkl';
    const limited = await startTestServer({
      auth: {
        apiKeys: [
          { name: 'alice', role: 'viewer', key: alice },
          { name: 'bob', role: 'viewer', key: bob },
        ],
      },
      server: { rateLimit: { perKey: 3, windowSeconds: 60 } },
    });
    try {
      const statusWith = async (key: string) => (await limited.query('{ __typename }', undefined, { authorization: `Bearer ${key}` })).status;
      const aliceStatuses = [];
      for (let index = 0; index < 4; index++) aliceStatuses.push(await statusWith(alice));
      expect(aliceStatuses).toEqual([200, 200, 200, 429]);
      expect(await statusWith(bob)).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
