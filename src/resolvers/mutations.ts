/**
 * Mutations: upsertEntity, link, unlink, deleteEntity and importRecords. Access is checked by useAuth
 * before any of these run; here every write is validated by the model's validator (the seed loader's)
 * and written in one transaction, stamped with the caller.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Context } from '../context.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { EntityRow } from '../model/entity-row.ts';
import { fromEnumValue } from '../model/enums.ts';
import { formatProblem } from '../model/validate-records.ts';
import { importRecords } from '../records/import-records.ts';
import { RecordValidationError, upsertRecords, type WriteReport } from '../records/write-records.ts';
import type { RelationshipType } from '../model/vocabulary.ts';
import { collectEntityDeletion, collectLinkDeletion } from '../live/change-set.ts';

/** Largest `data` importRecords takes, in characters. */
export const MAX_IMPORT_LENGTH = 5 * 1024 * 1024;

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
    sources.push(dropNulls({ type: 'Source', ...source, name: source.title, confidence: fromEnumValue(String(confidence)), sourceIds: [source.id] }));
    sourceIds.push(String(source.id));
  }
  if (sourceIds.length === 0) {
    throw badUserInput('Argument "evidence" must name at least one existing Source in "sourceIds", or a "newSource".', 'evidence');
  }
  return { sourceIds: [...new Set(sourceIds)], sources };
}

/** Writes records, turning validation problems into one BAD_USER_INPUT that lists them all. */
async function write(context: Context, entities: Record<string, unknown>[], links: Record<string, unknown>[]): Promise<WriteReport> {
  try {
    return await upsertRecords(context.db, entities, links, writer(context), 'input');
  } catch (error) {
    if (error instanceof RecordValidationError) {
      throw new GraphQLError(`The input has ${error.problems.length} problem(s); nothing was written: ${error.problems.map((problem) => problem.message).join(' ')}`, {
        extensions: { code: 'BAD_USER_INPUT', problems: error.problems.map(formatProblem) },
      });
    }
    throw error;
  }
}

const count = (report: WriteReport, field: keyof WriteReport, key: string) => (report[field][key] ?? 0) > 0;

export const mutationResolvers = {
  JSONObject: new GraphQLScalarType({
    name: 'JSONObject',
    description: 'A JSON object.',
    serialize: (value) => value,
    parseValue: (value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badUserInput(`A JSONObject must be an object, but got ${JSON.stringify(value)}.`);
      return value;
    },
    parseLiteral: (ast, variables) => {
      if (ast.kind !== Kind.OBJECT) throw badUserInput('A JSONObject must be an object literal.');
      return literalValue(ast, variables);
    },
  }),
  Mutation: {
    async upsertEntity(_parent: unknown, args: { input: Record<string, any>; evidence: EvidenceInput }, context: Context) {
      const { input } = args;
      const { sourceIds, sources } = readEvidence(args.evidence);
      const names: Record<string, string[]> = {};
      for (const { language, value } of input.names ?? []) (names[fromEnumValue(language)] ??= []).push(value);
      const record = dropNulls({
        ...(input.properties ?? {}),
        type: input.type,
        id: input.id,
        name: input.name,
        ...(Object.keys(names).length ? { names } : {}),
        description: input.description,
        confidence: fromEnumValue(input.confidence),
        sourceIds: input.type === 'Source' ? [input.id, ...sourceIds.filter((id) => id !== input.id)] : sourceIds,
      });
      const report = await write(context, [...sources, record], []);
      context.loaders.nodesByIds.clear(input.id);
      const entity = await context.loaders.nodesByIds.load(input.id);
      return { entity, created: count(report, 'created', input.type), changed: count(report, 'created', input.type) || count(report, 'updated', input.type) };
    },
    async link(_parent: unknown, args: { input: Record<string, any>; evidence: EvidenceInput }, context: Context) {
      const { input } = args;
      const { sourceIds, sources } = readEvidence(args.evidence);
      const record = dropNulls({
        ...(input.properties ?? {}),
        type: input.type,
        from: input.from,
        to: input.to,
        key: input.key ?? undefined,
        confidence: fromEnumValue(input.confidence),
        sourceIds,
      });
      const report = await write(context, sources, [record]);
      const [relationship] = await context.db.read('relationship-by-key', { from: input.from, to: input.to, key: input.key ?? '' }, { type: input.type });
      return { relationship, created: count(report, 'created', input.type), changed: count(report, 'created', input.type) || count(report, 'updated', input.type) };
    },
    async unlink(_parent: unknown, args: { type: RelationshipType; from: string; to: string; key?: string | null }, context: Context) {
      const changes = await collectLinkDeletion(context.db, { type: args.type, from: args.from, to: args.to, key: args.key ?? '' }, writer(context));
      const [row] = await context.db.write('delete-relationship', { from: args.from, to: args.to, key: args.key ?? '' }, { type: args.type });
      if (Number(row?.removed ?? 0) > 0) await context.changes.publish(changes);
      return { removed: Number(row?.removed ?? 0) > 0 };
    },
    async deleteEntity(_parent: unknown, { id }: { id: string }, context: Context) {
      const entity = (await context.loaders.nodesByIds.load(id)) as EntityRow | null;
      if (!entity) throw notFound(`No entity has the id "${id}".`);
      if (entity.__typename === 'Source') {
        const [citations] = await context.db.read('count-citations', { id });
        const entities = Number(citations?.entities ?? 0);
        const relationships = Number(citations?.relationships ?? 0);
        if (entities + relationships > 0) {
          const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun.replace(/y$/, 'ie')}s`}`;
          throw badUserInput(`Source "${id}" is cited by ${plural(entities, 'entity')} and ${plural(relationships, 'relationship')}; remove those citations first.`, 'id');
        }
      }
      const changes = await collectEntityDeletion(context.db, [id], writer(context));
      const [row] = await context.db.write('delete-entities', { ids: [id] });
      if (Number(row?.entities ?? 0) > 0) await context.changes.publish(changes);
      context.loaders.nodesByIds.clear(id);
      return { id, relationshipsDeleted: Number(row?.relationships ?? 0) };
    },
    async importRecords(_parent: unknown, args: { format: 'JSON' | 'JSONL' | 'CSV'; data: string; dryRun?: boolean | null }, context: Context) {
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
        problems: outcome.problems.map((problem) => ({ ...problem.location, column: problem.location.column ?? null, subject: problem.subject, message: problem.message })),
      };
    },
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
