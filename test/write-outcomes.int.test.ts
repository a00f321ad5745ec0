/**
 * Clear outcomes: several changes in one transaction (applyChanges), every mutation idempotent under retry,
 * and failures that say whether the write was applied. Over HTTP on the real Neo4j; ids contain "test-o".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { WriteOutcomeUnknownError } from '../src/db/database.ts';
import { translateWriteError } from '../src/resolvers/mutations.ts';
import { removeEntities } from '../src/records/write-records.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const EDITOR_KEY = 'outcome-editor-key-0123456789abcdef';
const editor = { authorization: `Bearer ${EDITOR_KEY}` };
const SOURCE = 'source:eu-kz-roadmap-2023-de';
const IDS = ['actor:test-o-one', 'actor:test-o-two', 'actor:test-o-three'];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ auth: { apiKeys: [{ name: 'outcomes', role: 'editor', key: EDITOR_KEY }] } });
  await removeEntities(server.db, IDS);
});
afterAll(async () => {
  await removeEntities(server.db, IDS);
  await server.close();
});

const APPLY = 'mutation ($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { changes { kind subject created changed } } }';
const actor = (id: string) => ({
  upsertEntity: { input: { type: 'Actor', id, name: id, confidence: 'LOW', properties: { kind: 'company' } }, evidence: { sourceIds: [SOURCE] } },
});
const met = (from: string, to: string) => ({ link: { input: { type: 'MET', from, to, confidence: 'LOW' }, evidence: { sourceIds: [SOURCE] } } });
const exists = async (id: string) => (await server.db.read('nodes-by-ids', { keys: [id] })).length > 0;

describe('applyChanges', () => {
  it('applies an upsert and a link that needs it in one transaction; a retry changes nothing', async () => {
    const changes = [actor('actor:test-o-one'), actor('actor:test-o-two'), met('actor:test-o-one', 'actor:test-o-two')];
    const first = await server.query(APPLY, { changes }, editor);
    expect(first.errors).toBeUndefined();
    expect(first.data?.applyChanges.changes).toEqual([
      { kind: 'UPSERT_ENTITY', subject: 'actor:test-o-one', created: true, changed: true },
      { kind: 'UPSERT_ENTITY', subject: 'actor:test-o-two', created: true, changed: true },
      { kind: 'LINK', subject: 'actor:test-o-one|MET|actor:test-o-two', created: true, changed: true },
    ]);
    const retry = await server.query(APPLY, { changes }, editor);
    expect(retry.data?.applyChanges.changes.map((change: { changed: boolean }) => change.changed)).toEqual([false, false, false]);
  });

  it('writes nothing when any change has a problem, and names the change', async () => {
    const response = await server.query(APPLY, { changes: [actor('actor:test-o-three'), met('actor:test-o-three', 'actor:test-o-nobody')] }, editor);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      writeOutcome: 'NOT_APPLIED',
      problems: ['changes[1]:1 (actor:test-o-three -[MET]-> actor:test-o-nobody): "to" refers to "actor:test-o-nobody", which does not exist.'],
    });
    expect(await exists('actor:test-o-three')).toBe(false);
  });

  it('needs exactly one field per change and 1 to 100 changes', async () => {
    const both = await server.query(APPLY, { changes: [{ ...actor('actor:test-o-three'), deleteEntity: { id: 'actor:test-o-one' } }] }, editor);
    expect(both.errors?.[0]?.message).toBe(
      'Each change must set exactly one of upsertEntity, link, unlink, deleteEntity, but changes[0] sets "upsertEntity" and "deleteEntity".',
    );
    const none = await server.query(APPLY, { changes: [] }, editor);
    expect(none.errors?.[0]?.message).toBe('Argument "changes" must hold 1 to 100 changes, but got 0.');
    expect(await exists('actor:test-o-three')).toBe(false);
    expect(await exists('actor:test-o-one')).toBe(true);
  });

  it('unlink and deleteEntity inside applyChanges, and again on a retry', async () => {
    const changes = [{ unlink: { type: 'MET', from: 'actor:test-o-one', to: 'actor:test-o-two' } }, { deleteEntity: { id: 'actor:test-o-two' } }];
    const first = await server.query(APPLY, { changes }, editor);
    expect(first.data?.applyChanges.changes).toEqual([
      { kind: 'UNLINK', subject: 'actor:test-o-one|MET|actor:test-o-two', created: false, changed: true },
      { kind: 'DELETE_ENTITY', subject: 'actor:test-o-two', created: false, changed: true },
    ]);
    const retry = await server.query(APPLY, { changes }, editor);
    expect(retry.data?.applyChanges.changes.map((change: { changed: boolean }) => change.changed)).toEqual([false, false]);
    expect(await exists('actor:test-o-two')).toBe(false);
  });
});

describe('idempotent mutations', () => {
  it('link sent twice answers created once and changes nothing the second time', async () => {
    await server.query(APPLY, { changes: [actor('actor:test-o-two')] }, editor);
    const LINK =
      'mutation ($input: LinkInput!, $evidence: EvidenceInput!) { link(input: $input, evidence: $evidence) { created changed relationship { id } } }';
    const variables = { input: { type: 'MET', from: 'actor:test-o-one', to: 'actor:test-o-two', confidence: 'LOW' }, evidence: { sourceIds: [SOURCE] } };
    expect((await server.query(LINK, variables, editor)).data?.link).toEqual({
      created: true,
      changed: true,
      relationship: { id: 'actor:test-o-one|MET|actor:test-o-two' },
    });
    expect((await server.query(LINK, variables, editor)).data?.link).toEqual({
      created: false,
      changed: false,
      relationship: { id: 'actor:test-o-one|MET|actor:test-o-two' },
    });
  });
});

describe('translateWriteError', () => {
  const translated = (error: unknown) => translateWriteError(error) as GraphQLError;
  it('a connection lost during the commit is WRITE_OUTCOME_UNKNOWN', () => {
    const error = translated(new WriteOutcomeUnknownError(Object.assign(new Error('Connection was closed by server'), { code: 'ServiceUnavailable' })));
    expect(error.extensions).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', writeOutcome: 'UNKNOWN' });
    expect(error.message).toBe(
      'The connection to the graph database failed while the write was being committed, so it may or may not have been applied. Writes are idempotent: send the same mutation again.',
    );
  });
  it('Neo4j unreachable before the commit is SERVICE_UNAVAILABLE, not applied', () => {
    expect(translated(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ServiceUnavailable' })).extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      writeOutcome: 'NOT_APPLIED',
    });
  });
  it.each([
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'BAD_USER_INPUT'],
    ['Neo.ClientError.Statement.ArgumentError', 'BAD_USER_INPUT'],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'BAD_USER_INPUT'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'SERVICE_UNAVAILABLE'],
  ])("Neo4j's %s becomes %s, not applied", (neo4jCode, code) => {
    expect(translated(Object.assign(new Error('refused'), { code: neo4jCode })).extensions).toMatchObject({ code, writeOutcome: 'NOT_APPLIED' });
  });
});
