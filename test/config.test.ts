import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ neo4jUri: undefined, neo4jUser: 'neo4j', host: '127.0.0.1', port: 4000, neo4jDataDir: '.data/neo4j' });
  });

  it('accepts bolt:// and neo4j:// URIs', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687' }).neo4jUri).toBe('bolt://127.0.0.1:7687');
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).neo4jUri).toBe('neo4j+s://abc.databases.neo4j.io');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be at most 65535 (got "70000")'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI must be a URI with one of the schemes neo4j'],
    [{ NEO4J_DATABASE: 'bad name!' }, 'NEO4J_DATABASE must be a Neo4j database name'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads API keys as name:role:key and never echoes a secret in an error', () => {
    const config = loadConfig({ API_KEYS: 'alice:editor:abcdefghijklmnopqrstuvwxyz, bob:viewer:0123456789012345678901234' });
    expect(config.auth.apiKeys).toEqual([
      { name: 'alice', role: 'editor', key: 'abcdefghijklmnopqrstuvwxyz' },
      { name: 'bob', role: 'viewer', key: '0123456789012345678901234' },
    ]);
    expect(() => loadConfig({ API_KEYS: 'alice:admin:abcdefghijklmnopqrstuvwxyz' })).toThrow(
      'API_KEYS entries must look like name:role:key with role viewer or editor',
    );
    expect(() => loadConfig({ API_KEYS: 'alice:admin:abcdefghijklmnopqrstuvwxyz' })).not.toThrow('abcdefghijklmnopqrstuvwxyz');
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET must be at least 32 characters (an HS256 secret)');
    expect(loadConfig({}).auth).toMatchObject({ apiKeys: [], jwtSecret: undefined, readsRequireAuth: false });
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', NEO4J_URI: 'ftp://x' })).toThrow(/PORT[\s\S]*NEO4J_URI|NEO4J_URI[\s\S]*PORT/);
  });

  it('reads REDIS_URL, RESPONSE_CACHE_TTL_MS and the subscription caps, and never echoes REDIS_URL', () => {
    expect(loadConfig({}).live).toEqual({ redisUrl: undefined, responseCacheTtlMs: 0, maxSubscriptions: 1000, maxSubscriptionsPerClient: 10 });
    expect(
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/1', RESPONSE_CACHE_TTL_MS: '30000', MAX_SUBSCRIPTIONS: '5', MAX_SUBSCRIPTIONS_PER_CLIENT: '2' }).live,
    ).toEqual({
      redisUrl: 'redis://127.0.0.1:6379/1',
      responseCacheTtlMs: 30000,
      maxSubscriptions: 5,
      maxSubscriptionsPerClient: 2,
    });
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@host' })).toThrow('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0');
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@host' })).not.toThrow('secret');
    expect(() => loadConfig({ RESPONSE_CACHE_TTL_MS: '-1' })).toThrow('RESPONSE_CACHE_TTL_MS must be a whole number of milliseconds (0 turns the cache off)');
  });
});
