/**
 * Keeping the graph current, over HTTP: mutations with evidence, bulk import (API and CLI) with dry run,
 * access control by API key and JWT, write stamps, concurrency. Tests write only ids with "test-w" in them
 * and remove them afterwards.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeEntities } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const EDITOR_KEY = 'editor-key-0123456789abcdefghij';
const VIEWER_KEY = 'viewer-key-0123456789abcdefghij';
const JWT_SECRET = 'jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const viewer = { authorization: `Bearer ${VIEWER_KEY}` };
const TEST_IDS = [
  'actor:test-w-company',
  'actor:test-w-race',
  'source:test-w-report',
  'project:test-w-mine',
  'actor:test-w-jwt',
  'material:test-w-ore',
  'actor:test-w-csv',
  'actor:test-w-cli',
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    auth: {
      apiKeys: [
        { name: 'editor', role: 'editor', key: EDITOR_KEY },
        { name: 'viewer', role: 'viewer', key: VIEWER_KEY },
      ],
      jwtSecret: JWT_SECRET,
    },
  });
  await removeEntities(server.db, TEST_IDS);
});
afterAll(async () => {
  await removeEntities(server.db, TEST_IDS);
  await server.close();
});

/** An HS256 JWT signed with `secret`, valid for ten minutes unless `payload` says otherwise (tokens must expire). */
function jwt(payload: Record<string, unknown>, secret = JWT_SECRET): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, ...payload })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

async function stored(id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await server.db.read('nodes-by-ids', { keys: [id] });
  return row?.node as Record<string, unknown> | undefined;
}

const UPSERT = `mutation ($input: EntityInput!, $evidence: EvidenceInput!) {
  upsertEntity(input: $input, evidence: $evidence) { created changed entity { id name ... on Actor { kind side } sources { id title } } }
}`;
const company = { type: 'Actor', id: 'actor:test-w-company', name: 'Test W Company', confidence: 'MEDIUM', properties: { kind: 'company', side: 'KZ' } };
const newSource = { id: 'source:test-w-report', title: 'Test W report', url: 'https://example.org/report', language: 'en', confidence: 'HIGH' };

describe('access control', () => {
  it('reads are open without a token', async () => {
    const response = await server.query('{ entity(id: "place:kazakhstan") { id } }');
    expect(response.data).toEqual({ entity: { id: 'place:kazakhstan' } });
  });

  it.each([
    ['no token', {}, 'UNAUTHENTICATED', 'Writes need a bearer token (an API key or a JWT) with the editor role.', 401],
    ['an unknown API key', { authorization: 'Bearer not-a-key-of-this-server-at-all' }, 'UNAUTHENTICATED', 'The bearer token is not a valid API key.', 401],
    ['a viewer API key', viewer, 'FORBIDDEN', '"api-key:viewer" has the role viewer; writes need the editor role.', 403],
    [
      'a JWT with the viewer role',
      { authorization: `Bearer ${jwt({ sub: 'vera', roles: ['viewer'] })}` },
      'FORBIDDEN',
      '"jwt:vera" has the role viewer; writes need the editor role.',
      403,
    ],
    [
      'a JWT signed with another key',
      { authorization: `Bearer ${jwt({ sub: 'eve', roles: ['editor'] }, 'another-secret-0123456789abcdefghijklmnop')}` },
      'UNAUTHENTICATED',
      undefined,
      401,
    ],
  ])('a write with %s is refused and writes nothing', async (_label, headers, code, message, status) => {
    const response = await server.query(UPSERT, { input: company, evidence: { newSource } }, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    if (message) expect(response.errors?.[0]?.message).toBe(message);
    expect(await stored('actor:test-w-company')).toBeUndefined();
    expect(await stored('source:test-w-report')).toBeUndefined();
  });

  it('reads can be closed to anonymous callers by configuration', async () => {
    const closed = await startTestServer({ auth: { readsRequireAuth: true, apiKeys: [{ name: 'viewer', role: 'viewer', key: VIEWER_KEY }] } });
    try {
      const anonymous = await closed.query('{ entity(id: "place:kazakhstan") { id } }');
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.errors?.[0]?.message).toBe('Reads need a bearer token (an API key or a JWT) on this server.');
      const withKey = await closed.query('{ entity(id: "place:kazakhstan") { id } }', {}, viewer);
      expect(withKey.data).toEqual({ entity: { id: 'place:kazakhstan' } });
    } finally {
      await closed.close();
    }
  });

  it('a JWT with the editor role may write, stamped with its subject', async () => {
    const token = jwt({ sub: 'jana', roles: ['editor'] });
    const response = await server.query(
      UPSERT,
      { input: { ...company, id: 'actor:test-w-jwt', name: 'Test W JWT' }, evidence: { sourceIds: ['source:eu-kz-roadmap-2023-de'] } },
      { authorization: `Bearer ${token}` },
    );
    expect(response.errors).toBeUndefined();
    expect((await stored('actor:test-w-jwt'))?.updatedBy).toBe('jwt:jana');
  });
});

describe('mutations', () => {
  it('upsertEntity creates an entity with a new Source in one call, stamps it, and a repeat changes nothing', async () => {
    const first = await server.query(UPSERT, { input: company, evidence: { newSource } }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertEntity).toEqual({
      created: true,
      changed: true,
      entity: {
        id: 'actor:test-w-company',
        name: 'Test W Company',
        kind: 'COMPANY',
        side: 'KZ',
        sources: [{ id: 'source:test-w-report', title: 'Test W report' }],
      },
    });
    const stamps = await stored('actor:test-w-company');
    expect(stamps).toMatchObject({ updatedBy: 'api-key:editor' });
    expect(stamps?.createdAt).toBe(stamps?.updatedAt);

    const again = await server.query(UPSERT, { input: company, evidence: { sourceIds: ['source:test-w-report'] } }, editor);
    expect(again.data?.upsertEntity).toMatchObject({ created: false, changed: false });
    expect((await stored('actor:test-w-company'))?.updatedAt).toBe(stamps?.updatedAt);

    const renamed = await server.query(
      UPSERT,
      { input: { ...company, name: 'Test W Company Renamed' }, evidence: { sourceIds: ['source:test-w-report'] } },
      editor,
    );
    expect(renamed.data?.upsertEntity).toMatchObject({ created: false, changed: true });
    const after = await stored('actor:test-w-company');
    expect(after?.createdAt).toBe(stamps?.createdAt);
    expect(after?.updatedAt).not.toBe(stamps?.updatedAt);
  });

  it('rejects a bad entity with every problem named, and writes nothing (not even its new Source)', async () => {
    const response = await server.query(
      UPSERT,
      {
        input: {
          type: 'Project',
          id: 'actor:test-w-mine',
          name: 'Mine',
          confidence: 'HIGH',
          properties: { status: 'planned', startDate: '2027-13', colour: 'red' },
        },
        evidence: { newSource: { ...newSource, id: 'source:test-w-other' } },
      },
      editor,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.problems).toEqual([
      'input:2 (actor:test-w-mine): Id "actor:test-w-mine" must start with "project:" for type Project.',
      'input:2 (actor:test-w-mine): Unknown property "colour" on Project; allowed: side, status, startDate, endDate.',
      'input:2 (actor:test-w-mine): "startDate" must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), but got "2027-13".',
    ]);
    expect(await stored('source:test-w-other')).toBeUndefined();
  });

  it('needs evidence', async () => {
    const response = await server.query(UPSERT, { input: company, evidence: {} }, editor);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toBe('Argument "evidence" must name at least one existing Source in "sourceIds", or a "newSource".');
  });

  it('link, then unlink; the vocabulary decides which links are allowed', async () => {
    const LINK = `mutation ($input: LinkInput!, $evidence: EvidenceInput!) { link(input: $input, evidence: $evidence) { created relationship { id type from to role share sources { id } } } }`;
    const linked = await server.query(
      LINK,
      {
        input: {
          type: 'PARTICIPATES_IN',
          from: 'actor:test-w-company',
          to: 'project:hyrasia-one',
          confidence: 'MEDIUM',
          properties: { role: 'supplier', share: 5 },
        },
        evidence: { sourceIds: ['source:test-w-report'] },
      },
      editor,
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.link).toEqual({
      created: true,
      relationship: {
        id: 'actor:test-w-company|PARTICIPATES_IN|project:hyrasia-one',
        type: 'PARTICIPATES_IN',
        from: 'actor:test-w-company',
        to: 'project:hyrasia-one',
        role: 'supplier',
        share: 5,
        sources: [{ id: 'source:test-w-report' }],
      },
    });
    const participants = await server.query('{ actors(filter: { participatesIn: "project:hyrasia-one" }) { nodes { id } } }');
    expect(participants.data?.actors.nodes).toContainEqual({ id: 'actor:test-w-company' });

    const wrong = await server.query(
      LINK,
      {
        input: { type: 'SIGNED', from: 'actor:test-w-company', to: 'project:hyrasia-one', confidence: 'LOW' },
        evidence: { sourceIds: ['source:test-w-report'] },
      },
      editor,
    );
    expect(wrong.errors?.[0]?.extensions?.problems).toEqual([
      'input:1 (actor:test-w-company -[SIGNED]-> project:hyrasia-one): SIGNED cannot end at a Project ("project:hyrasia-one"); allowed: Agreement.',
    ]);

    const UNLINK = 'mutation { unlink(type: PARTICIPATES_IN, from: "actor:test-w-company", to: "project:hyrasia-one") { removed } }';
    expect((await server.query(UNLINK, {}, editor)).data).toEqual({ unlink: { removed: true } });
    expect((await server.query(UNLINK, {}, editor)).data).toEqual({ unlink: { removed: false } });
  });

  it('deleteEntity removes an entity with its links, but not a Source that is still cited', async () => {
    const citedSource = await server.query('mutation { deleteEntity(id: "source:test-w-report") { id } }', {}, editor);
    expect(citedSource.errors?.[0]?.message).toBe('Source "source:test-w-report" is cited by 1 entity and 0 relationships; remove those citations first.');
    expect(citedSource.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', writeOutcome: 'NOT_APPLIED' });
    const deleted = await server.query('mutation { deleteEntity(id: "actor:test-w-jwt") { id deleted relationshipsDeleted } }', {}, editor);
    expect(deleted.data).toEqual({ deleteEntity: { id: 'actor:test-w-jwt', deleted: true, relationshipsDeleted: 0 } });
    expect(await stored('actor:test-w-jwt')).toBeUndefined();
    // A retry of the same delete (e.g. after WRITE_OUTCOME_UNKNOWN) is not an error: there is nothing left to delete.
    const again = await server.query('mutation { deleteEntity(id: "actor:test-w-jwt") { id deleted relationshipsDeleted } }', {}, editor);
    expect(again.data).toEqual({ deleteEntity: { id: 'actor:test-w-jwt', deleted: false, relationshipsDeleted: 0 } });
  });

  it('two writers upserting the same id at once end with one node', async () => {
    const writes = Array.from({ length: 8 }, (_, index) =>
      server.query(
        UPSERT,
        { input: { ...company, id: 'actor:test-w-race', name: `Race ${index}` }, evidence: { sourceIds: ['source:eu-kz-roadmap-2023-de'] } },
        editor,
      ),
    );
    const responses = await Promise.all(writes);
    expect(responses.map((response) => response.errors)).toEqual(responses.map(() => undefined));
    expect(responses.filter((response) => response.data?.upsertEntity.created)).toHaveLength(1);
    expect(await server.db.read('nodes-by-ids', { keys: ['actor:test-w-race'] })).toHaveLength(1);
  });
});

describe('bulk import', () => {
  const IMPORT =
    'mutation ($format: ImportFormat!, $data: String!, $dryRun: Boolean) { importRecords(format: $format, data: $data, dryRun: $dryRun) { dryRun created { key count } updated { key count } unchanged { key count } problems { file line column subject message } } }';
  const csvNodes = [
    'type,id,name,kind,crmaCritical,crmaStrategic,names.de,confidence,sourceIds',
    'Material,material:test-w-ore,Test W ore,raw-material,false,false,Testerz|Erz,medium,source:eu-kz-roadmap-2023-de',
  ].join('\n');

  it('a dry run reports what would be created and writes nothing; the real run writes; a repeat changes nothing', async () => {
    const dry = await server.query(IMPORT, { format: 'CSV', data: csvNodes }, editor);
    expect(dry.data?.importRecords).toEqual({ dryRun: true, created: [{ key: 'Material', count: 1 }], updated: [], unchanged: [], problems: [] });
    expect(await stored('material:test-w-ore')).toBeUndefined();

    const real = await server.query(IMPORT, { format: 'CSV', data: csvNodes, dryRun: false }, editor);
    expect(real.data?.importRecords).toMatchObject({ dryRun: false, created: [{ key: 'Material', count: 1 }] });
    expect(await stored('material:test-w-ore')).toMatchObject({ name: 'Test W ore', crmaCritical: false, names: ['Testerz', 'Erz'], nameLangs: ['de', 'de'] });

    const repeat = await server.query(IMPORT, { format: 'CSV', data: csvNodes, dryRun: false }, editor);
    expect(repeat.data?.importRecords).toMatchObject({ created: [], updated: [], unchanged: [{ key: 'Material', count: 1 }] });
  });

  it('a dry run counts the relationships it would create beside the entities, and writes none', async () => {
    const actor = (id: string) => ({
      type: 'Actor',
      id,
      name: id,
      kind: 'company',
      side: 'KZ',
      confidence: 'low',
      sourceIds: ['source:eu-kz-roadmap-2023-de'],
    });
    const data = [
      actor('actor:test-w-dry-a'),
      actor('actor:test-w-dry-b'),
      { type: 'MET', from: 'actor:test-w-dry-a', to: 'actor:test-w-dry-b', date: '2024-01-01', confidence: 'low', sourceIds: ['source:eu-kz-roadmap-2023-de'] },
      {
        type: 'MET',
        from: 'actor:test-w-dry-a',
        to: 'actor:maros-sefcovic',
        date: '2024-01-02',
        confidence: 'low',
        sourceIds: ['source:eu-kz-roadmap-2023-de'],
      },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n');
    const dry = await server.query(IMPORT, { format: 'JSONL', data }, editor);
    expect(dry.data?.importRecords).toEqual({
      dryRun: true,
      created: [
        { key: 'Actor', count: 2 },
        { key: 'MET', count: 2 },
      ],
      updated: [],
      unchanged: [],
      problems: [],
    });
    expect(await stored('actor:test-w-dry-a')).toBeUndefined();
  });

  it('reports every problem with line and column, and writes nothing', async () => {
    const data = [
      'type,id,name,kind,side,confidence,sourceIds',
      'Actor,actor:test-w-csv,Test W CSV,company,KZ,high,source:eu-kz-roadmap-2023-de',
      'Actor,actor:test-w-csv2,Bad side,company,MARS,high,source:eu-kz-roadmap-2023-de',
      'Actor,actor:test-w-csv3,No source,company,EU,high,',
    ].join('\n');
    const response = await server.query(IMPORT, { format: 'CSV', data, dryRun: false }, editor);
    expect(response.data?.importRecords.problems).toEqual([
      { file: 'request', line: 3, column: 5, subject: 'actor:test-w-csv2', message: '"side" must be one of EU, KZ, OTHER, but got "MARS".' },
      { file: 'request', line: 4, column: 7, subject: 'actor:test-w-csv3', message: '"sourceIds" must list at least one Source id, but got undefined.' },
    ]);
    expect(await stored('actor:test-w-csv')).toBeUndefined();
  });

  it('npm run import reads files, dry-runs, and names file, line and column of problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcg-import-'));
    try {
      const good = join(dir, 'actors.jsonl');
      writeFileSync(
        good,
        `${JSON.stringify({ type: 'Actor', id: 'actor:test-w-cli', name: 'Test W CLI', kind: 'company', confidence: 'low', sourceIds: ['source:eu-kz-roadmap-2023-de'] })}\n`,
      );
      const bad = join(dir, 'links.csv');
      writeFileSync(bad, 'type,from,to,confidence,sourceIds\nMET,actor:test-w-cli,actor:nobody,low,source:eu-kz-roadmap-2023-de\n');
      const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') };
      const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], { env, encoding: 'utf8' });

      const dry = run('--dry-run', good);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('Dry run, nothing written. Would:');
      expect(dry.stdout).toMatch(/created\s+Actor 1/);
      expect(await stored('actor:test-w-cli')).toBeUndefined();

      const failed = run(good, bad);
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain(`${bad}:2:3 (actor:test-w-cli -[MET]-> actor:nobody): "to" refers to "actor:nobody", which does not exist.`);
      expect(await stored('actor:test-w-cli')).toBeUndefined();

      const imported = run(good);
      expect(imported.status).toBe(0);
      expect(await stored('actor:test-w-cli')).toMatchObject({ name: 'Test W CLI', updatedBy: expect.stringMatching(/^import:/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
