/**
 * Trusted documents: a folder of documents named by their SHA-256; clients send the hash. Through real
 * HTTP against the real Neo4j. With persistedOnly, any other document is refused before it runs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrustedDocuments } from '../src/plugins/use-trusted-documents.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const DOCUMENT = 'query Card($id: ID!) { node(id: $id) { id ... on Entity { name } } }';
const HASH = createHash('sha256').update(DOCUMENT).digest('hex');
let dir: string;
let open: TestServer;
let only: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vcg-trusted-'));
  writeFileSync(join(dir, `${HASH}.graphql`), DOCUMENT);
  open = await startTestServer({ trustedDocuments: { dir } });
  only = await startTestServer({ trustedDocuments: { dir, persistedOnly: true } });
});
afterAll(async () => {
  await open?.close();
  await only?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** POSTs a hash (no query text) to /graphql. */
async function postHash(server: TestServer, hash: string, variables: Record<string, unknown>) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('trusted documents', () => {
  it('run a stored document by its hash, on both servers', async () => {
    for (const server of [open, only]) {
      const { status, body } = await postHash(server, HASH, { id: 'actor:maros-sefcovic' });
      expect(status).toBe(200);
      expect(body.data.node.id).toBe('actor:maros-sefcovic');
    }
  });

  it('refuse an unknown hash with BAD_USER_INPUT', async () => {
    const { body } = await postHash(open, 'f'.repeat(64), { id: 'actor:maros-sefcovic' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toBe('No trusted document has this sha256Hash; send one from the store.');
  });

  it('leave arbitrary documents allowed unless persistedOnly, which refuses them with FORBIDDEN', async () => {
    expect((await open.data('{ node(id: "place:kazakhstan") { id } }')).node.id).toBe('place:kazakhstan');
    only.statements.length = 0;
    const refused = await only.query('{ node(id: "place:kazakhstan") { id } }');
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(only.statements).toEqual([]);
  });

  it('stop the start when a file is not named by the hash of its text', () => {
    const bad = mkdtempSync(join(tmpdir(), 'vcg-trusted-bad-'));
    try {
      writeFileSync(join(bad, `${'0'.repeat(64)}.graphql`), DOCUMENT);
      expect(() => readTrustedDocuments(bad)).toThrow(`rename it to "${HASH}.graphql"`);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
