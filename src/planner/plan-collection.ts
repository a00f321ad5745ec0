/**
 * The planner on the collections (`actors`, `projects`, ...): the selection under `nodes` and
 * `edges { node }` compiles into subqueries over the page's entities, appended to the collection's page
 * statement (cypher/entities-page-rows.cypher), and a selected `totalCount` runs as a `CALL` before it, so
 * a page with its count and every nested connection is one statement. The resolver (src/resolvers/
 * collections.ts) keeps the keyset cursors, the filter compiler and the anchored pages; what this does not
 * cover falls back to the page statement and the loaders.
 */
import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { GeneratedCypher } from '../db/cypher-registry.ts';
import type { EntityType } from '../model/vocabulary.ts';
import { collectFields, subSelections } from './collect-fields.ts';
import { compileEntity, createCompiler, NotPlannable, type Decoder } from './compile-selection.ts';

/** A compiled collection selection: it turns the page's statement texts into one statement. */
export interface CollectionPlan {
  /** Parameters of the compiled selection (`$p0`, ...), besides the page's own. */
  params: Record<string, unknown>;
  /** Decodes one planned entity (nested cursors). */
  decode?: Decoder;
  /**
   * One statement from the filled texts of entities-page-rows and, when totalCount is selected,
   * entities-count; it returns one row: `total` (null when not counted) and `page`, a list of
   * `{ sortKey, id, node }` in page order.
   */
  compose(pageRows: string, count: string | null, dir: 'ASC' | 'DESC'): GeneratedCypher;
}

/**
 * Compiles the entity selection of a collection field of `type`, or null when the planner does not cover
 * it. `plainFields` is plainFieldsOf(schema) taken before the planner wrapped the resolvers.
 */
export function planCollection(
  info: Pick<GraphQLResolveInfo, 'schema' | 'fieldNodes' | 'fragments' | 'variableValues'>,
  type: EntityType,
  plainFields: ReadonlyMap<string, ReadonlySet<string>>,
): CollectionPlan | null {
  const { schema } = info;
  const scope = { schema, fragments: info.fragments, variables: info.variableValues };
  const connectionType = schema.getType(`${type}Connection`) as GraphQLObjectType;
  const edgeType = schema.getType(`${type}Edge`) as GraphQLObjectType;
  // The entity selection sets under `nodes` and under `edges { node }`; one key must mean one field in both.
  const entitySets: FieldNode[] = [];
  for (const [, nodes] of collectFields(
    scope,
    connectionType,
    info.fieldNodes.map((node) => node.selectionSet),
  )) {
    const name = nodes[0]!.name.value;
    if (name === 'nodes') entitySets.push(...nodes);
    if (name === 'edges') {
      for (const [, edgeNodes] of collectFields(scope, edgeType, subSelections(nodes))) if (edgeNodes[0]!.name.value === 'node') entitySets.push(...edgeNodes);
    }
  }
  if (entitySets.length === 0) return null;
  const compiler = createCompiler(scope, plainFields);
  try {
    const objectType = schema.getType(type) as GraphQLObjectType;
    const byKey = new Map<string, string>();
    for (const set of entitySets) {
      for (const [key, nodes] of collectFields(scope, objectType, [set.selectionSet])) {
        const shape = nodes.map((node) => JSON.stringify(node, withoutLocations)).join('|');
        if (byKey.has(key) && byKey.get(key) !== shape) throw new NotPlannable(`${key} means two fields under nodes and edges`);
        byKey.set(key, shape);
      }
    }
    const entity = compileEntity(compiler, 'n', [type], subSelections(entitySets));
    return {
      params: compiler.params,
      decode: entity.decode,
      compose(pageRows, count, dir) {
        if (dir !== 'ASC' && dir !== 'DESC') throw new Error(`"${String(dir)}" is not a sort direction.`);
        const text = [
          'CYPHER planner=dp',
          count === null ? 'WITH null AS total' : `CALL () {\n${count}\n}`,
          'CALL () {',
          pageRows,
          ...entity.subqueries,
          `WITH n, sortKey, ${entity.expr} AS node`,
          `ORDER BY sortKey ${dir}, n.id ${dir}`,
          'RETURN collect({ sortKey: sortKey, id: n.id, node: node }) AS page',
          '}',
          'RETURN total, page',
        ].join('\n');
        return GeneratedCypher.trusted(`planner:${type}Connection`, text, count === null ? ['entities-page-rows'] : ['entities-page-rows', 'entities-count']);
      },
    };
  } catch (error) {
    if (error instanceof NotPlannable) return null;
    throw error;
  }
}

// Private: a JSON.stringify replacer that drops AST source locations, so two equal selections compare equal.
function withoutLocations(key: string, value: unknown): unknown {
  return key === 'loc' ? undefined : value;
}
