/**
 * Mutations: upsertEntity, link, unlink, deleteEntity, applyChanges and importRecords. Access is checked by
 * useAuth before any of these run; here arguments become changes (src/records/write-changes.ts), each
 * validated by the model's validator and written in one transaction, stamped with the caller. This is the
 * boundary of the write path: every failure leaves as a GraphQLError whose `writeOutcome` says whether the
 * write was certainly not applied or its outcome is unknown (see translateWriteError).
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LIMITS } from '../limits.ts';
import type { Context } from '../context.ts';
import { isUnavailableError, WriteOutcomeUnknownError } from '../db/database.ts';
import { badUserInput, HTTP_STATUS } from '../errors.ts';
import { formatProblem } from '../model/validate-records.ts';
import { importRecords } from '../records/import-records.ts';
import { RecordValidationError } from '../records/write-records.ts';
import { ImportAbandonedError } from '../records/staged-import.ts';
import { applyChanges, type Change, type ChangeOutcome } from '../records/write-changes.ts';
import type { RelationshipType } from '../model/vocabulary.ts';

/** Most changes one applyChanges takes. */
export const MAX_CHANGES = LIMITS.changes.max;

/** Largest `data` importRecords takes, in characters. */
export const MAX_IMPORT_LENGTH = LIMITS.importLength.max;

interface EvidenceInput {
  sourceIds?: string[] | null;
  newSource?: Record<string, unknown> | null;
}

/** The caller, for updatedBy stamps (useAuth guarantees one on mutations). */
function writer(context: Context): { by: string; changes: Context['changes'] } {
  return { by: context.viewer?.id ?? 'unknown', changes: context.changes };
}

/** The Source ids and new Source record an evidence argument names; BAD_USER_INPUT when it names none. */
function readEvidence(evidence: EvidenceInput): { sourceIds: string[]; sources: Record<string, unknown>[] } {
  const sourceIds = [...(evidence.sourceIds ?? [])];
  const sources: Record<string, unknown>[] = [];
  if (evidence.newSource) {
    const { confidence, ...source } = evidence.newSource;
    sources.push(dropNulls({ type: 'Source', ...source, name: source.title, confidence, sourceIds: [source.id] }));
    sourceIds.push(String(source.id));
  }
  if (sourceIds.length === 0) {
    throw badUserInput('Argument "evidence" must name at least one existing Source in "sourceIds", or a "newSource".', 'evidence');
  }
  return { sourceIds: [...new Set(sourceIds)], sources };
}

/**
 * Turns any failure of a write into a GraphQLError a client can act on. Validation problems are
 * BAD_USER_INPUT (not applied); Neo4j unreachable before the commit is SERVICE_UNAVAILABLE (not applied); a
 * connection lost during the commit is WRITE_OUTCOME_UNKNOWN; Neo4j refusing the data (a constraint, a value
 * too large to index, a transaction too large for its memory) is BAD_USER_INPUT naming Neo4j's code, never
 * INTERNAL_SERVER_ERROR. Every outcome is safe to retry: the writes are idempotent.
 */
export function translateWriteError(error: unknown): GraphQLError | unknown {
  if (error instanceof RecordValidationError) {
    return new GraphQLError(
      `The input has ${error.problems.length} problem(s); nothing was written: ${error.problems.map((problem) => problem.message).join(' ')}`,
      {
        extensions: { code: 'BAD_USER_INPUT', writeOutcome: 'NOT_APPLIED', problems: error.problems.map(formatProblem) },
      },
    );
  }
  if (error instanceof GraphQLError) {
    if (error.extensions.code === 'BAD_USER_INPUT' || error.extensions.code === 'NOT_FOUND') {
      return new GraphQLError(error.message, { extensions: { ...error.extensions, writeOutcome: 'NOT_APPLIED' } });
    }
    return error;
  }
  if (error instanceof ImportAbandonedError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'SERVICE_UNAVAILABLE', writeOutcome: 'NOT_APPLIED', http: { status: HTTP_STATUS.SERVICE_UNAVAILABLE } },
    });
  }
  if (error instanceof WriteOutcomeUnknownError) {
    return new GraphQLError(
      'The connection to the graph database failed while the write was being committed, so it may or may not have been applied. Writes are idempotent: send the same mutation again.',
      { extensions: { code: 'WRITE_OUTCOME_UNKNOWN', writeOutcome: 'UNKNOWN', http: { status: HTTP_STATUS.WRITE_OUTCOME_UNKNOWN } } },
    );
  }
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || /MemoryLimitExceeded|OutOfMemory/.test(code)) {
    return new GraphQLError(
      'The write is too large for one transaction of the graph database; nothing was written. Split it, or use `npm run import`, which writes in staged batches.',
      {
        extensions: { code: 'BAD_USER_INPUT', writeOutcome: 'NOT_APPLIED', neo4jCode: code },
      },
    );
  }
  if (isUnavailableError(error) || code.startsWith('Neo.ClientError.Transaction')) {
    return new GraphQLError('The graph database is unavailable or timed out; the write was not applied. Try again shortly.', {
      extensions: { code: 'SERVICE_UNAVAILABLE', writeOutcome: 'NOT_APPLIED', http: { status: HTTP_STATUS.SERVICE_UNAVAILABLE } },
    });
  }
  if (code.startsWith('Neo.ClientError')) {
    return new GraphQLError(`The graph database refused the write (${code}); nothing was written. Check the sizes and ids of the values.`, {
      extensions: { code: 'BAD_USER_INPUT', writeOutcome: 'NOT_APPLIED', neo4jCode: code },
    });
  }
  return error;
}

/** Runs a write and translates its failure at the boundary (translateWriteError). */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateWriteError(error);
  }
}

/** The change an upsertEntity's arguments describe. */
function upsertChange(args: { input: Record<string, any>; evidence: EvidenceInput }): Change {
  const { input } = args;
  const { sourceIds, sources } = readEvidence(args.evidence);
  const names: Record<string, string[]> = {};
  for (const { language, value } of input.names ?? []) (names[language] ??= []).push(value);
  const record = dropNulls({
    ...(input.properties ?? {}),
    type: input.type,
    id: input.id,
    name: input.name,
    ...(Object.keys(names).length ? { names } : {}),
    description: input.description,
    confidence: input.confidence,
    sourceIds: input.type === 'Source' ? [input.id, ...sourceIds.filter((id) => id !== input.id)] : sourceIds,
  });
  return { kind: 'upsertEntity', id: input.id, type: input.type, records: [...sources, record] };
}

/** The change a link's arguments describe. */
function linkChange(args: { input: Record<string, any>; evidence: EvidenceInput }): Change {
  const { input } = args;
  const { sourceIds, sources } = readEvidence(args.evidence);
  const record = dropNulls({
    ...(input.properties ?? {}),
    type: input.type,
    from: input.from,
    to: input.to,
    key: input.key ?? undefined,
    confidence: input.confidence,
    sourceIds,
  });
  return { kind: 'link', type: input.type, from: input.from, to: input.to, key: input.key ?? '', sources, record };
}

interface UnlinkArgs {
  type: RelationshipType;
  from: string;
  to: string;
  key?: string | null;
}

const unlinkChange = (args: UnlinkArgs): Change => ({ kind: 'unlink', type: args.type, from: args.from, to: args.to, key: args.key ?? '' });

/** One change of applyChanges: exactly one field set. */
function changeOf(input: Record<string, any>, index: number): Change {
  const set = Object.entries(input).filter(([, value]) => value !== null && value !== undefined);
  if (set.length !== 1) {
    throw badUserInput(
      `Each change must set exactly one of upsertEntity, link, unlink, deleteEntity, but changes[${index}] sets ${set.length === 0 ? 'none' : set.map(([key]) => `"${key}"`).join(' and ')}.`,
      'changes',
    );
  }
  const [kind, value] = set[0]!;
  if (kind === 'upsertEntity') return upsertChange(value);
  if (kind === 'link') return linkChange(value);
  if (kind === 'unlink') return unlinkChange(value);
  return { kind: 'deleteEntity', id: value.id };
}

/** Applies changes in one transaction for `context`'s caller, clearing what the loaders cached of them. */
async function apply(context: Context, changes: Change[]): Promise<ChangeOutcome[]> {
  const outcomes = await applyChanges(context.db, changes, writer(context));
  for (const outcome of outcomes) {
    if (outcome.kind === 'upsertEntity' || outcome.kind === 'deleteEntity') context.loaders.nodesByIds.clear(outcome.subject);
    if (outcome.entity) context.loaders.nodesByIds.prime(outcome.subject, outcome.entity);
  }
  return outcomes;
}

const CHANGE_KINDS = { upsertEntity: 'UPSERT_ENTITY', link: 'LINK', unlink: 'UNLINK', deleteEntity: 'DELETE_ENTITY' } as const;

export const mutationResolvers = {
  JSONObject: new GraphQLScalarType({
    name: 'JSONObject',
    description: 'A JSON object.',
    serialize: (value) => value,
    parseValue: (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw badUserInput(`A JSONObject must be an object, but got ${JSON.stringify(value)}.`);
      return value;
    },
    parseLiteral: (ast, variables) => {
      if (ast.kind !== Kind.OBJECT) throw badUserInput('A JSONObject must be an object literal.');
      return literalValue(ast, variables);
    },
  }),
  Mutation: {
    upsertEntity: (_parent: unknown, args: { input: Record<string, any>; evidence: EvidenceInput }, context: Context) =>
      guarded(async () => {
        const [outcome] = await apply(context, [upsertChange(args)]);
        return { entity: outcome!.entity, created: outcome!.created, changed: outcome!.changed };
      }),
    link: (_parent: unknown, args: { input: Record<string, any>; evidence: EvidenceInput }, context: Context) =>
      guarded(async () => {
        const [outcome] = await apply(context, [linkChange(args)]);
        return { relationship: outcome!.relationship, created: outcome!.created, changed: outcome!.changed };
      }),
    unlink: (_parent: unknown, args: UnlinkArgs, context: Context) =>
      guarded(async () => {
        const [outcome] = await apply(context, [unlinkChange(args)]);
        return { removed: outcome!.changed };
      }),
    deleteEntity: (_parent: unknown, { id }: { id: string }, context: Context) =>
      guarded(async () => {
        const [outcome] = await apply(context, [{ kind: 'deleteEntity', id }]);
        return { id, deleted: outcome!.changed, relationshipsDeleted: outcome!.relationshipsDeleted ?? 0 };
      }),
    applyChanges: (_parent: unknown, args: { changes: Record<string, any>[] }, context: Context) =>
      guarded(async () => {
        if (args.changes.length === 0 || args.changes.length > MAX_CHANGES) {
          throw badUserInput(`Argument "changes" must hold 1 to ${MAX_CHANGES} changes, but got ${args.changes.length}.`, 'changes');
        }
        const outcomes = await apply(context, args.changes.map(changeOf));
        return {
          changes: outcomes.map((outcome) => ({
            kind: CHANGE_KINDS[outcome.kind],
            subject: outcome.subject,
            created: outcome.created,
            changed: outcome.changed,
          })),
        };
      }),
    importRecords: (_parent: unknown, args: { format: 'JSON' | 'JSONL' | 'CSV'; data: string; dryRun?: boolean | null }, context: Context) =>
      guarded(async () => {
        if (args.data.length > MAX_IMPORT_LENGTH) {
          throw badUserInput(`Argument "data" must be at most ${MAX_IMPORT_LENGTH} characters, but got ${args.data.length}.`, 'data');
        }
        const outcome = await importRecords(context.db, [{ file: 'request', format: args.format.toLowerCase() as 'json' | 'jsonl' | 'csv', text: args.data }], {
          dryRun: args.dryRun ?? true,
          stamp: writer(context),
        });
        const counts = (values: Record<string, number>) => Object.entries(values).map(([key, value]) => ({ key, count: value }));
        return {
          dryRun: outcome.dryRun,
          created: counts(outcome.created),
          updated: counts(outcome.updated),
          unchanged: counts(outcome.unchanged),
          problems: outcome.problems.map((problem) => ({
            ...problem.location,
            column: problem.location.column ?? null,
            subject: problem.subject,
            message: problem.message,
          })),
        };
      }),
  },
};

// Private: removes null and undefined fields (GraphQL passes absent optional inputs as null).
function dropNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}

// Private: a GraphQL literal as a plain value (for JSONObject literals in queries).
function literalValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalValue(field.value, variables)]));
    case Kind.LIST:
      return ast.values.map((value) => literalValue(value, variables));
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}
