/**
 * What a write depends on (link ends, cited Sources) is checked inside its own transaction: raced against a
 * concurrent delete over HTTP on the real Neo4j, a write either answers done with everything it reported
 * in the graph, or answers a problem and wrote nothing; never INTERNAL_SERVER_ERROR, never a silently
 * dropped link, never an entity citing a deleted Source. Bounded rounds; ids contain "test-race".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeEntities, upsertRecords } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const EDITOR_KEY = 'race-editor-key-0123456789abcdefghij';
const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const ROUNDS = 20;
const SOURCE = 'source:eu-kz-roadmap-2023-de';

let server: TestServer;
const created: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ auth: { apiKeys: [{ name: 'racer', role: 'editor', key: EDITOR_KEY }] } });
});
afterAll(async () => {
  await removeEntities(server.db, created);
  await server.close();
});

/** Creates a target actor (or Source) directly, so each round starts from a known graph. */
async function createTarget(id: string): Promise<void> {
  created.push(id);
  const record = id.startsWith('source:')
    ? { type: 'Source', id, name: id, title: id, confidence: 'low', sourceIds: [id] }
    : { type: 'Actor', id, name: id, kind: 'company', confidence: 'low', sourceIds: [SOURCE] };
  await upsertRecords(server.db, [record], [], { by: 'test' });
}

async function exists(id: string): Promise<boolean> {
  return (await server.db.read('nodes-by-ids', { keys: [id] })).length > 0;
}

const DELETE = 'mutation ($id: ID!) { deleteEntity(id: $id) { id } }';
const IMPORT = 'mutation ($data: String!) { importRecords(format: JSONL, data: $data, dryRun: false) { created { key count } problems { message } } }';
const LINK = `mutation ($input: LinkInput!, $evidence: EvidenceInput!) { link(input: $input, evidence: $evidence) { created relationship { id } } }`;
const UPSERT = `mutation ($input: EntityInput!, $evidence: EvidenceInput!) { upsertEntity(input: $input, evidence: $evidence) { created entity { id } } }`;

const codes = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => (response.errors ?? []).map((error) => error.extensions?.code);

describe('a write raced against a delete of what it depends on', () => {
  it('an import of an actor plus a link to an actor being deleted writes both or neither', async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const target = `actor:test-race-import-target-${round}`;
      const fresh = `actor:test-race-import-new-${round}`;
      created.push(fresh);
      await createTarget(target);
      const data = [
        { type: 'Actor', id: fresh, name: fresh, kind: 'company', confidence: 'low', sourceIds: [SOURCE] },
        { type: 'MET', from: fresh, to: target, confidence: 'low', sourceIds: [SOURCE] },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n');
      const [imported, deleted] = await Promise.all([server.query(IMPORT, { data }, editor), server.query(DELETE, { id: target }, editor)]);
      expect(codes(deleted).filter((code) => code !== 'NOT_FOUND')).toEqual([]);
      expect(codes(imported)).toEqual([]);
      const report = imported.data?.importRecords;
      if (report.problems.length > 0) {
        if (await exists(fresh)) failures.push(`round ${round}: problems reported but ${fresh} was written`);
      } else if (!report.created.some((count: { key: string; count: number }) => count.key === 'MET' && count.count === 1)) {
        failures.push(`round ${round}: answered ${JSON.stringify(report.created)} with no problem, without the link`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('link under a concurrent delete of its end answers done or a problem, never INTERNAL_SERVER_ERROR', async () => {
    await createTarget('actor:test-race-link-from');
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const target = `actor:test-race-link-target-${round}`;
      await createTarget(target);
      const input = { type: 'MET', from: 'actor:test-race-link-from', to: target, confidence: 'LOW' };
      const [linked] = await Promise.all([
        server.query(LINK, { input, evidence: { sourceIds: [SOURCE] } }, editor),
        server.query(DELETE, { id: target }, editor),
      ]);
      const linkCodes = codes(linked);
      if (linkCodes.length === 0) {
        if (linked.data?.link.relationship.id !== `actor:test-race-link-from|MET|${target}`) failures.push(`round ${round}: done without the relationship`);
      } else if (linkCodes.join() !== 'BAD_USER_INPUT') {
        failures.push(`round ${round}: ${JSON.stringify(linked.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('an entity never ends up citing a Source deleted at the same time', async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const source = `source:test-race-cited-${round}`;
      const entity = `actor:test-race-citing-${round}`;
      created.push(entity);
      await createTarget(source);
      const input = { type: 'Actor', id: entity, name: entity, confidence: 'LOW', properties: { kind: 'company' } };
      const [upserted, deleted] = await Promise.all([
        server.query(UPSERT, { input, evidence: { sourceIds: [source] } }, editor),
        server.query(DELETE, { id: source }, editor),
      ]);
      for (const code of [...codes(upserted), ...codes(deleted)]) if (code !== 'BAD_USER_INPUT') failures.push(`round ${round}: ${code}`);
      if ((await exists(entity)) && !(await exists(source))) failures.push(`round ${round}: ${entity} cites the deleted ${source}`);
      if (codes(upserted).length === 0 && codes(deleted).length === 0)
        failures.push(`round ${round}: both the citing upsert and the delete of what it cites answered done`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
