/**
 * The planner on the schema: `node`, `nodes` and `entity` compile their whole selection (fragments,
 * aliases, variables, @include/@skip, relationship connections at any depth) into one statement that
 * returns the response's shape, and so do the collections with their page and count (plan-collection.ts); root fields of one operation with the same shape and values (ten aliases
 * of `node(id:)`) go out as one `UNWIND` statement through a DataLoader. Every field resolver of the
 * types a planned answer holds first returns the planned value when its parent is planned; otherwise it
 * runs as before. A selection the planner cannot compile, or arguments the resolvers would refuse, take
 * the resolvers' path (loaders, one statement per level) with the same answers and errors. The entities
 * of paths, neighbourhoods and search hits are projected as selected inside their own statements
 * (plan-projection.ts).
 */
import DataLoader from 'dataloader';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.ts';
import { GeneratedCypher } from '../db/cypher-registry.ts';
import { isTimeoutError } from '../db/database.ts';
import { orderByKeys } from '../model/entity-row.ts';
import { ENTITY_TYPE_NAMES } from '../model/vocabulary.ts';
import { COLLECTIONS, loadCollection } from '../resolvers/collections.ts';
import { MAX_NODE_IDS } from '../resolvers/entities.ts';
import { compileEntity, createCompiler, NotPlannable, PLANNED_KEY, plainFieldsOf, type Decoder } from './compile-selection.ts';
import { planCollection } from './plan-collection.ts';
import { cachedPlan } from './plan-cache.ts';
import { enableProjections } from './plan-projection.ts';

/** Object types whose values a planned answer holds. */
const PLANNED_TYPES = [...ENTITY_TYPE_NAMES, 'RelationshipConnection', 'RelationshipEdge', 'PageInfo', 'LocalizedName'];

/** A compiled root field: its statement, its parameters (without the ids) and how to decode a row. */
export interface NodePlan {
  statement: GeneratedCypher;
  params: Record<string, unknown>;
  decode?: Decoder;
}

/**
 * Compiles the selection of a `node` / `nodes` / `entity` field into one statement over `$ids`, or
 * returns null when the planner does not cover it.
 */
export function planNodes(
  schema: GraphQLSchema,
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>,
  plainFields = plainFieldsFor(schema),
): NodePlan | null {
  const compiler = createCompiler({ schema, fragments: info.fragments, variables: info.variableValues }, plainFields);
  try {
    const entity = compileEntity(
      compiler,
      'n',
      ENTITY_TYPE_NAMES,
      info.fieldNodes.map((node) => node.selectionSet),
    );
    // The dynamic-programming planner compiles these nested subqueries several times faster than the
    // default IDP one (depth 5: about 3 s instead of over 15 s on a loaded machine); plans are cached by text.
    const text = ['CYPHER planner=dp', 'UNWIND $ids AS id', 'MATCH (n:Entity {id: id})', ...entity.subqueries, `RETURN id AS key, ${entity.expr} AS node`].join(
      '\n',
    );
    return { statement: GeneratedCypher.trusted('planner:nodes', text), params: compiler.params, decode: entity.decode };
  } catch (error) {
    if (error instanceof NotPlannable) return null;
    throw error;
  }
}

const plainFieldsCache = new WeakMap<GraphQLSchema, Map<string, Set<string>>>();
function plainFieldsFor(schema: GraphQLSchema) {
  let plain = plainFieldsCache.get(schema);
  if (!plain) plainFieldsCache.set(schema, (plain = plainFieldsOf(schema)));
  return plain;
}

/**
 * Puts the planner in front of Query.node, nodes and entity of `schema` (changed in place and returned).
 * Call it on the executable schema before serving.
 */
export function usePlanner(schema: GraphQLSchema): GraphQLSchema {
  const plainFields = plainFieldsOf(schema);
  plainFieldsCache.set(schema, plainFields);
  // Paths, neighbourhoods and search hits project their entities as selected (plan-projection.ts).
  enableProjections(schema, plainFields);
  for (const typeName of PLANNED_TYPES) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const original: GraphQLFieldResolver<any, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context, info) => (parent?.[PLANNED_KEY] === true ? parent[info.path.key] : original(parent, args, context, info));
    }
  }
  const query = schema.getQueryType()!.getFields();
  const wrap = (name: 'node' | 'nodes' | 'entity', run: (plan: NodePlan, args: any, context: Context) => Promise<unknown> | undefined) => {
    const original = query[name]!.resolve!;
    query[name]!.resolve = async (parent, args, context: Context, info) => {
      const plan = cachedPlan(info, 'nodes', () => planNodes(schema, info, plainFields));
      let answer: unknown;
      try {
        answer = plan ? await run(plan, args, context) : undefined;
      } catch (error) {
        // A shape Neo4j compiles for the first time can outlast the transaction timeout on a loaded
        // server; the loaders' small statements still answer it.
        if (!isTimeoutError(error)) throw error;
        answer = undefined;
      }
      return answer === undefined ? original(parent, args, context, info) : answer;
    };
  };
  wrap('node', (plan, { id }, context) => plannedLoader(context, plan).load(id));
  wrap('nodes', (plan, { ids }: { ids: string[] }, context) =>
    ids.length > MAX_NODE_IDS ? undefined : plannedLoader(context, plan).loadMany(ids).then(rethrow),
  );
  // An unknown id: the resolver raises NOT_FOUND with its suggestions.
  wrap('entity', async (plan, { id }, context) => (await plannedLoader(context, plan).load(id)) ?? undefined);
  // Collections: the page, its count and the selection of its entities in one statement.
  for (const [name, type] of Object.entries(COLLECTIONS)) {
    query[name]!.resolve = async (_parent, args, context: Context, info) => {
      const plan = cachedPlan(info, `collection:${type}`, () => planCollection(info, type, plainFields));
      try {
        return await loadCollection(type, args, context, info, plan);
      } catch (error) {
        if (!plan || !isTimeoutError(error)) throw error;
        return loadCollection(type, args, context, info);
      }
    };
  }
  return schema;
}

function rethrow(values: unknown[]): unknown[] {
  for (const value of values) if (value instanceof Error) throw value;
  return values;
}

const loadersByContext = new WeakMap<Context, Map<string, DataLoader<string, unknown>>>();

// Private: one DataLoader per statement and parameter values in a request, so root fields of the same
// shape and values are one UNWIND statement.
function plannedLoader(context: Context, plan: NodePlan): DataLoader<string, unknown> {
  let loaders = loadersByContext.get(context);
  if (!loaders) loadersByContext.set(context, (loaders = new Map()));
  const cacheKey = `${plan.statement.text}\u0000${JSON.stringify(plan.params)}`;
  let loader = loaders.get(cacheKey);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await context.db.readGenerated(plan.statement, { ...plan.params, ids });
      return orderByKeys(ids, rows).map((row) => (row ? (plan.decode ? plan.decode(row.node) : row.node) : null));
    });
    loaders.set(cacheKey, loader);
  }
  return loader;
}
