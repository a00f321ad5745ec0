/**
 * The planner on the entities inside path, neighbourhood and search answers: the selection under
 * `Path.nodes`, `Subgraph.nodes { node }` and `SearchHit.node` compiles into the `__NODE__` projection
 * (and `__NODE_SUBQUERIES__`) of that field's own template (paths-between, neighborhood, search-entities),
 * so the statement returns only what was selected, nested connections included, and stays one statement.
 * Without the planner on the schema, or for what it does not cover (two aliases of the list with different
 * selections), the template projects every stored property and the resolvers answer the rest as before.
 */
import {
  getNamedType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { CypherSlots } from '../db/cypher-registry.ts';
import { NodeProjection } from '../db/cypher-registry.ts';
import type { Database, Params, Row } from '../db/database.ts';
import { isTimeoutError } from '../db/database.ts';
import { ENTITY_TYPE_NAMES } from '../model/vocabulary.ts';
import { relationshipPropertyResolvers } from '../resolvers/relationship-properties.ts';
import { collectFields, subSelections, type CollectScope } from './collect-fields.ts';
import { cachedPlan } from './plan-cache.ts';
import { compileEntity, createCompiler, NotPlannable, type Decoder } from './compile-selection.ts';

/** A compiled projection: the slots, their parameters, and how to decode one projected entity. */
export interface ProjectionPlan {
  node: NodeProjection;
  /** The relationship properties the selection's `Relationship` fields read (null: all of them). */
  linkProperties: string[] | null;
  params: Record<string, unknown>;
  decode?: Decoder;
}

/** Schemas the planner is on (usePlanner), with their plain fields (plainFieldsOf, before wrapping). */
const plannedSchemas = new WeakMap<GraphQLSchema, ReadonlyMap<string, ReadonlySet<string>>>();

/** Marks `schema` as planned; usePlanner calls it. */
export function enableProjections(schema: GraphQLSchema, plainFields: ReadonlyMap<string, ReadonlySet<string>>): void {
  plannedSchemas.set(schema, plainFields);
}

/**
 * Relationship fields that read stored properties under another name, or none (row fields, the computed
 * validity); every other field of `Relationship` reads the stored property of its own name
 * (src/resolvers/relationship-properties.ts).
 */
const LINK_FIELD_PROPERTIES: Record<string, readonly string[]> = {
  __typename: [],
  id: ['key'],
  type: [],
  from: [],
  to: [],
  validity: [],
  sources: ['sourceIds'],
};

/**
 * Compiles the entity selection reached from the root field through `entityPath` (field names, e.g.
 * `['nodes', 'node']` under a Subgraph) and the relationship properties read under `linkPath`, or returns
 * null when the planner is off or does not cover the entities.
 */
export function planProjection(
  info: Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues' | 'returnType'>,
  entityPath: readonly string[],
  linkPath?: readonly string[],
): ProjectionPlan | null {
  const plainFields = plannedSchemas.get(info.schema);
  if (!plainFields) return null;
  return cachedPlan(info, `projection:${entityPath.join('.')}:${linkPath?.join('.') ?? ''}`, () => compileProjection(info, plainFields, entityPath, linkPath));
}

// Private: planProjection's compilation, once per selection and variable values (plan-cache.ts).
function compileProjection(
  info: Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues' | 'returnType'>,
  plainFields: ReadonlyMap<string, ReadonlySet<string>>,
  entityPath: readonly string[],
  linkPath?: readonly string[],
): ProjectionPlan | null {
  const scope = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const reached = selectionsAt(scope, info, entityPath, true);
  if (!reached) return null;
  const compiler = createCompiler(scope, plainFields);
  try {
    const entity = compileEntity(compiler, 'n', ENTITY_TYPE_NAMES, reached.sets);
    return {
      node: NodeProjection.trusted(entity.subqueries.join('\n'), entity.expr),
      linkProperties: linkPath ? linkPropertiesAt(scope, info, linkPath) : null,
      params: compiler.params,
      decode: entity.decode,
    };
  } catch (error) {
    if (error instanceof NotPlannable) return null;
    throw error;
  }
}

// Private: the selection sets reached from the root field through `path` and the type there; with `oneKey`,
// null when a step is selected under two response keys (they may select different fields of one list).
// Unselected: none.
function selectionsAt(
  scope: CollectScope,
  root: Pick<GraphQLResolveInfo, 'returnType' | 'fieldNodes'>,
  path: readonly string[],
  oneKey: boolean,
): { sets: (SelectionSetNode | undefined)[]; type: GraphQLObjectType | null } | null {
  let type = objectTypeOf(root.returnType);
  let sets = root.fieldNodes.map((node) => node.selectionSet);
  for (const step of path) {
    if (!type) return null;
    const keys = [...collectFields(scope, type, sets)].filter(([, nodes]) => nodes[0]!.name.value === step);
    if (oneKey && keys.length > 1) return null;
    sets = keys.flatMap(([, nodes]) => subSelections(nodes));
    const field = type.getFields()[step];
    type = field ? objectTypeOf(field.type) : null;
  }
  return { sets, type };
}

// Private: the stored properties the `Relationship` fields under `path` read, or null (all) for a field
// this does not know.
function linkPropertiesAt(scope: CollectScope, info: Pick<GraphQLResolveInfo, 'returnType' | 'fieldNodes'>, path: readonly string[]): string[] | null {
  const reached = selectionsAt(scope, info, path, false);
  if (!reached?.type) return null;
  const properties = new Set<string>();
  for (const [, nodes] of collectFields(scope, reached.type, reached.sets)) {
    const name = nodes[0]!.name.value;
    const read = Object.hasOwn(LINK_FIELD_PROPERTIES, name) ? LINK_FIELD_PROPERTIES[name]! : Object.hasOwn(relationshipPropertyResolvers, name) ? [name] : null;
    if (!read) return null;
    for (const property of read) properties.add(property);
  }
  return [...properties].sort();
}

/**
 * Runs the template `name` with the plan's projection (and its parameters); `decode` is given the plan's
 * entity decoder (identity without a plan) to apply to the rows. A shape Neo4j compiles for the first time
 * can outlast the transaction timeout on a loaded server: then the template runs again without the plan.
 */
export async function readProjected(
  db: Database,
  name: string,
  params: Params,
  slots: CypherSlots,
  plan: ProjectionPlan | null,
): Promise<{ rows: Row[]; decode: Decoder }> {
  const identity: Decoder = (value) => value;
  if (!plan) return { rows: await db.read(name, params, slots), decode: identity };
  try {
    const linkProperties = plan.linkProperties ?? undefined;
    return { rows: await db.read(name, { ...params, ...plan.params }, { ...slots, node: plan.node, linkProperties }), decode: plan.decode ?? identity };
  } catch (error) {
    if (!isTimeoutError(error)) throw error;
    return { rows: await db.read(name, params, slots), decode: identity };
  }
}

// Private: the object type a field returns, through lists and non-null (null for interfaces and leaves).
function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | null {
  const named = getNamedType(type);
  return isObjectType(named) ? named : null;
}
