/**
 * Property-based fuzzing of the write path (every mutation and importRecords), shared by the fixed-seed
 * slice in test/fuzz-writes.int.test.ts and the long run of `npm run fuzz-writes`. Each case is one mutation
 * sent over HTTP with an editor token, its variables mixing valid values of its own id space (ids with
 * "fuzzw", linked only among themselves, citing one curated Source) with hostile ones: Cypher and Lucene
 * syntax, prototype names as properties, strings past every length cap and Neo4j's index key limit, odd
 * Unicode, wrong types, unknown fields. What must hold for each: an answer that is JSON with HTTP 200, 400
 * or 413 and no INTERNAL_SERVER_ERROR (or any code outside CLEAN_CODES); and when it refused the input (an
 * error, or import problems, or a dry run), the fuzz space is exactly as before.
 */
import fc from 'fast-check';
import type { Database } from '../src/db/database.ts';
import { describeEntities } from '../src/records/write-records.ts';

/** The curated Source the fuzz space may cite (citing does not change it). */
export const FUZZ_SOURCE = 'source:eu-kz-roadmap-2023-de';
/** Every id the fuzzer may write: its own id space. */
export const FUZZ_IDS = [
  ...Array.from({ length: 6 }, (_, n) => `actor:fuzzw-${n}`),
  ...Array.from({ length: 3 }, (_, n) => `project:fuzzw-p${n}`),
  ...Array.from({ length: 3 }, (_, n) => `source:fuzzw-s${n}`),
];
/** Codes a client may see from a mutation: the API's own and Yoga's for documents or variables it refuses. */
export const CLEAN_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

const HOSTILE_TEXT = [
  "'",
  '"',
  '`',
  '}) DETACH DELETE n //',
  "' OR 1=1 //",
  '") MATCH (n) DETACH DELETE n //',
  '$param',
  '\\',
  '*',
  '~',
  'name:x',
  '[a TO z]',
  '__proto__',
  'constructor',
  'toString',
  '\u0000',
  '\uD800',
  '\uFFFF',
  '\u202E',
  'Š'.repeat(3),
  '\n',
  '\t=cmd|x',
  ' ',
  '',
];
const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer({ min: 150, max: 9000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 150, max: 3000 }).map((n) => '€'.repeat(n)),
);
const fuzzId = fc.constantFrom(...FUZZ_IDS);
const id = fc.oneof(
  { weight: 4, arbitrary: fuzzId },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer({ min: 195, max: 9000 }).map((n) => `actor:${'a'.repeat(n)}`) },
);
const name = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `Fuzz ${n}`) }, { weight: 2, arbitrary: hostileText });
const anyValue = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const propertyName = fc.constantFrom(
  'kind',
  'side',
  'status',
  'startDate',
  'share',
  'role',
  'title',
  '__proto__',
  'constructor',
  'toString',
  'colour',
  'sortName',
  'createdAt',
);
const properties = fc.oneof(
  fc.record({ kind: fc.constantFrom('company', 'person', 'nope'), side: fc.constantFrom('EU', 'KZ', 'MARS') }, { requiredKeys: [] }),
  fc.dictionary(propertyName, anyValue, { maxKeys: 4 }),
);
const confidence = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('HIGH', 'MEDIUM', 'LOW') }, { weight: 1, arbitrary: anyValue });
const evidence = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      sourceIds: fc.array(fc.oneof(fc.constant(FUZZ_SOURCE), fc.constantFrom(...FUZZ_IDS.filter((value) => value.startsWith('source:'))), hostileText), {
        minLength: 0,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      newSource: fc.record({
        id: fc.oneof(fc.constantFrom(...FUZZ_IDS.filter((value) => value.startsWith('source:'))), hostileText),
        title: name,
        url: fc.oneof(fc.constant('https://example.org/fuzz'), hostileText),
        confidence,
      }),
    }),
  },
  { weight: 1, arbitrary: anyValue },
);
const entityType = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('Actor', 'Project', 'Source') }, { weight: 1, arbitrary: anyValue });
const relationshipType = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('MET', 'PARTICIPATES_IN', 'SIGNED') }, { weight: 1, arbitrary: anyValue });
const entityInput = fc.record(
  { type: entityType, id, name, confidence, properties, description: fc.option(hostileText, { nil: undefined }) },
  { requiredKeys: ['type', 'id', 'name', 'confidence'] },
);
const linkInput = fc.record(
  { type: relationshipType, from: id, to: id, key: fc.option(hostileText, { nil: undefined }), confidence, properties },
  { requiredKeys: ['type', 'from', 'to', 'confidence'] },
);
const unlinkArgs = fc.record(
  { type: relationshipType, from: id, to: id, key: fc.option(hostileText, { nil: undefined }) },
  { requiredKeys: ['type', 'from', 'to'] },
);

/** A raw import record, as a file would hold it. */
const importRecord = fc.oneof(
  fc.record(
    {
      type: entityType,
      id,
      name,
      kind: fc.constantFrom('company', 'x'),
      confidence: fc.constantFrom('low', 'high', 'HIGH'),
      sourceIds: fc.array(fc.oneof(fc.constant(FUZZ_SOURCE), hostileText), { maxLength: 2 }),
    },
    { requiredKeys: ['type', 'id'] },
  ),
  fc.record(
    { type: relationshipType, from: id, to: id, confidence: fc.constantFrom('low', 'x'), sourceIds: fc.constant([FUZZ_SOURCE]) },
    { requiredKeys: ['type', 'from', 'to'] },
  ),
  fc.dictionary(propertyName, anyValue, { maxKeys: 4 }),
);

/** Records as one import text in a format; sometimes plain garbage. */
const importData = fc.oneof(
  fc.tuple(
    fc.constant('JSONL'),
    fc.array(importRecord, { maxLength: 6 }).map((records) => records.map((record) => JSON.stringify(record)).join('\n')),
  ),
  fc.tuple(
    fc.constant('JSON'),
    fc.array(importRecord, { maxLength: 6 }).map((records) => JSON.stringify(records)),
  ),
  fc.tuple(
    fc.constant('CSV'),
    fc
      .array(fc.tuple(id, name, hostileText), { maxLength: 5 })
      .map((rows) =>
        [
          'type,id,name,kind,confidence,sourceIds',
          ...rows.map(
            ([row, title, kind]) =>
              `Actor,"${String(row).replaceAll('"', '""')}","${String(title).replaceAll('"', '""')}",${kind.replaceAll(/[",\n\r]/g, '')},low,${FUZZ_SOURCE}`,
          ),
        ].join('\n'),
      ),
  ),
  fc.tuple(fc.constantFrom('JSONL', 'JSON', 'CSV', 'XML'), hostileText),
);

/** One generated mutation: its document and variables. */
export interface MutationCase {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
}

const DOCUMENTS = {
  upsertEntity:
    'mutation ($input: EntityInput!, $evidence: EvidenceInput!) { upsertEntity(input: $input, evidence: $evidence) { created changed entity { id } } }',
  link: 'mutation ($input: LinkInput!, $evidence: EvidenceInput!) { link(input: $input, evidence: $evidence) { created changed relationship { id } } }',
  unlink: 'mutation ($type: RelationshipType!, $from: ID!, $to: ID!, $key: String) { unlink(type: $type, from: $from, to: $to, key: $key) { removed } }',
  deleteEntity: 'mutation ($id: ID!) { deleteEntity(id: $id) { id deleted } }',
  applyChanges: 'mutation ($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { changes { kind subject created changed } } }',
  importRecords:
    'mutation ($format: ImportFormat!, $data: String!, $dryRun: Boolean) { importRecords(format: $format, data: $data, dryRun: $dryRun) { dryRun created { key count } problems { message } } }',
};

const change = fc.oneof(
  fc.record({ upsertEntity: fc.record({ input: entityInput, evidence }) }),
  fc.record({ link: fc.record({ input: linkInput, evidence }) }),
  fc.record({ unlink: unlinkArgs }),
  fc.record({ deleteEntity: fc.record({ id }) }),
  fc.dictionary(fc.constantFrom('upsertEntity', 'link', 'unlink', 'deleteEntity', 'nope'), anyValue, { maxKeys: 2 }),
);

/** Every kind of mutation, with generated variables. */
export const mutationCase: fc.Arbitrary<MutationCase> = fc.oneof(
  fc.record({ input: entityInput, evidence }).map((variables) => ({ operation: 'upsertEntity', query: DOCUMENTS.upsertEntity, variables })),
  fc.record({ input: linkInput, evidence }).map((variables) => ({ operation: 'link', query: DOCUMENTS.link, variables })),
  unlinkArgs.map((variables) => ({ operation: 'unlink', query: DOCUMENTS.unlink, variables })),
  fc.record({ id }).map((variables) => ({ operation: 'deleteEntity', query: DOCUMENTS.deleteEntity, variables })),
  fc.array(change, { minLength: 0, maxLength: 4 }).map((changes) => ({ operation: 'applyChanges', query: DOCUMENTS.applyChanges, variables: { changes } })),
  fc
    .tuple(importData, fc.oneof(fc.boolean(), anyValue))
    .map(([[format, data], dryRun]) => ({ operation: 'importRecords', query: DOCUMENTS.importRecords, variables: { format, data, dryRun } })),
);

/** What checking one case found: undefined when it held, else why not. */
export type CaseFailure = string | undefined;

/**
 * Sends one case to `url` with `headers` and checks what must hold (see the module comment). `db` reads the
 * fuzz space before and after.
 */
export async function checkCase(db: Database, url: string, headers: Record<string, string>, testCase: MutationCase): Promise<CaseFailure> {
  const before = await describeEntities(db, FUZZ_IDS);
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query: testCase.query, variables: testCase.variables }),
  });
  const text = await response.text();
  let body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${response.status} answered with something that is not JSON: ${text.slice(0, 200)}`;
  }
  if (![200, 400, 413].includes(response.status)) return `HTTP ${response.status}: ${text.slice(0, 300)}`;
  const unclean = (body.errors ?? []).filter((error) => !CLEAN_CODES.has(error.extensions?.code ?? ''));
  if (unclean.length > 0) return `error codes ${JSON.stringify(unclean.map((error) => [error.extensions?.code, error.message]))}`;
  const report = body.data?.importRecords;
  const refused = (body.errors?.length ?? 0) > 0 || (report && (report.dryRun || report.problems.length > 0));
  if (refused && (await describeEntities(db, FUZZ_IDS)) !== before) return 'refused input changed the fuzz space';
  return undefined;
}
