/**
 * The plans behind this server's answers: for every query of the mix, the statements the server runs for
 * it, profiled (db.profile) with the first parameter set: the planner's generated statement for `node`,
 * `nested`, `page` and `fanout` (planned from the query's own document, as src/planner does), and the named
 * statements with the slots and parameters the resolvers pass for the rest, so a label scan or a missing
 * index shows up in the results beside the timings. When a resolver changes what it runs, change it here.
 */
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { cypher, type CypherSlots, type GeneratedCypher } from '../src/db/cypher-registry.ts';
import type { Database, Params } from '../src/db/database.ts';
import { compileFilter } from '../src/filters/compile-filter.ts';
import { RELATIONSHIP_TYPE_NAMES } from '../src/model/vocabulary.ts';
import { buildSearchQuery } from '../src/search/search-query.ts';
import { plainFieldsOf } from '../src/planner/compile-selection.ts';
import { planCollection } from '../src/planner/plan-collection.ts';
import { planNodes } from '../src/planner/use-planner.ts';
import { createSchema } from '../src/server.ts';
import type { BenchQuery, QueryName } from './query-mix.ts';

/** The plan of one statement of one query. */
export interface PlanCheck {
  query: QueryName;
  statement: string;
  /** Operator types in plan order, without repeats. */
  operators: string[];
  /** Operators that read a whole label, type or index rather than seeking (with their details). */
  scans: string[];
  profileMs: number;
}

/** Operators that touch every node of a label, every relationship of a type or a whole index. */
const SCAN_OPERATOR =
  /AllNodesScan|NodeByLabelScan|NodeIndexScan|RelationshipTypeScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan|RelationshipIndexScan/;

/** Profiles the statements behind every query of `mix`. */
export async function checkPlans(db: Database, mix: readonly BenchQuery[]): Promise<PlanCheck[]> {
  const checks: PlanCheck[] = [];
  for (const query of mix) {
    for (const [statement, params, slots] of statementsOf(query)) {
      const started = performance.now();
      const operators = await db.profile(statement, params, slots);
      checks.push({
        query: query.name,
        statement: typeof statement === 'string' ? statement : statement.name,
        operators: [...new Set(operators.map((operator) => operator.operatorType))],
        scans: operators
          .filter((operator) => SCAN_OPERATOR.test(operator.operatorType))
          .map((operator) => `${operator.operatorType} ${operator.details}`.trim()),
        profileMs: Math.round(performance.now() - started),
      });
    }
  }
  return checks;
}

const schema = createSchema();
const plainFields = plainFieldsOf(schema);

// Private: the root field of this server's document for the query, and its variables for the first parameter set.
function rootField(query: BenchQuery): { field: FieldNode; variables: Record<string, unknown> } {
  const operation = parse(query.ours.document).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  return { field, variables: query.ours.variables(query.params[0]!) };
}

// Private: the statements (name, parameters, slots) the server runs for the first parameter set of a query.
function statementsOf(query: BenchQuery): [string | GeneratedCypher, Params, CypherSlots | undefined][] {
  const p = query.params[0]!;
  const allTypes = RELATIONSHIP_TYPE_NAMES.join('|');
  const links = (keys: unknown[], type: string, arrow: 'OUT' | 'IN' | 'BOTH', limit: number): [string, Params, CypherSlots] => [
    'relationships-by-ids',
    { keys, asOf: null, includeUncertain: null, after: null, limit: limit + 1 },
    { type, arrow, dated: false },
  ];
  const actorPage = (limit: number): [string, Params, CypherSlots] => {
    const params: Params = {};
    const where = compileFilter('Actor', { side: [p.side], kind: [String(p.kind)] }, params);
    return [
      'entities-page',
      { ...params, label: 'Actor', missingDate: '~', fromKey: '', cursor: null, limit: limit + 1 },
      { label: 'Actor', where, sort: 'NAME', dir: 'ASC' },
    ];
  };
  switch (query.name) {
    case 'node':
    case 'nested': {
      const { field, variables } = rootField(query);
      const plan = planNodes(schema, { fieldNodes: [field], fragments: {}, variableValues: variables });
      if (!plan) return [['nodes-by-ids', { keys: [p.id] }, undefined], links([p.id], 'PARTICIPATES_IN', 'OUT', 10)];
      return [[plan.statement, { ...plan.params, ids: [p.id] }, undefined]];
    }
    case 'page':
    case 'fanout': {
      const { field, variables } = rootField(query);
      const [, params, slots] = actorPage(query.name === 'page' ? 50 : 20);
      const plan = planCollection({ schema, fieldNodes: [field], fragments: {}, variableValues: variables }, 'Actor', plainFields);
      const withCount = field.selectionSet?.selections.some((selection) => selection.kind === 'Field' && selection.name.value === 'totalCount');
      if (!plan) return [['entities-page', params, slots]];
      const statement = plan.compose(
        cypher('entities-page-rows', slots),
        withCount ? cypher('entities-count', { label: 'Actor', where: slots.where }) : null,
        'ASC',
      );
      return [[statement, { ...params, ...plan.params }, undefined]];
    }
    case 'path':
      return [
        ['nodes-by-ids', { keys: [p.from, p.to] }, undefined],
        ['paths-between', { from: p.from, to: p.to, nodeTypes: null, asOf: null, includeUncertain: null }, { type: allTypes, hops: 4, count: 1, dated: false }],
      ];
    case 'neighborhood':
      return [['neighborhood', { id: p.id, limit: 50, asOf: null, includeUncertain: null }, { type: allTypes, hops: 2, dated: false }]];
    case 'search': {
      const search = buildSearchQuery(String(p.text))!;
      return [['search-entities', { query: search.lucene, spellings: search.spellings, types: null, first: 10 }, undefined]];
    }
  }
}
