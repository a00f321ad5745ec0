/**
 * The plans behind this server's answers: for every query of the mix, the named statements the server
 * runs for it, profiled (db.profile) with the first parameter set and the same slots and parameters the
 * resolvers pass, so a label scan or a missing index shows up in the results beside the timings. The
 * statement list mirrors src/resolvers; when a resolver changes what it runs, change it here too.
 */
import type { CypherSlots } from '../src/db/cypher-registry.ts';
import type { Database, Params } from '../src/db/database.ts';
import { compileFilter } from '../src/filters/compile-filter.ts';
import { RELATIONSHIP_TYPE_NAMES } from '../src/model/vocabulary.ts';
import { buildSearchQuery } from '../src/search/search-query.ts';
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
const SCAN_OPERATOR = /AllNodesScan|NodeByLabelScan|NodeIndexScan|RelationshipTypeScan|UnionNodeByLabelsScan|IntersectionNodeByLabelsScan|RelationshipIndexScan/;

/** Profiles the statements behind every query of `mix`. */
export async function checkPlans(db: Database, mix: readonly BenchQuery[]): Promise<PlanCheck[]> {
  const checks: PlanCheck[] = [];
  for (const query of mix) {
    for (const [statement, params, slots] of statementsOf(query)) {
      const started = performance.now();
      const operators = await db.profile(statement, params, slots);
      checks.push({
        query: query.name,
        statement,
        operators: [...new Set(operators.map((operator) => operator.operatorType))],
        scans: operators.filter((operator) => SCAN_OPERATOR.test(operator.operatorType)).map((operator) => `${operator.operatorType} ${operator.details}`.trim()),
        profileMs: Math.round(performance.now() - started),
      });
    }
  }
  return checks;
}

// Private: the statements (name, parameters, slots) the server runs for the first parameter set of a query.
function statementsOf(query: BenchQuery): [string, Params, CypherSlots | undefined][] {
  const p = query.params[0]!;
  const allTypes = RELATIONSHIP_TYPE_NAMES.join('|');
  const links = (keys: unknown[], type: string, arrow: 'OUT' | 'IN' | 'BOTH', limit: number): [string, Params, CypherSlots] => [
    'relationships-by-ids',
    { keys, asOf: null, includeUncertain: null, after: null, limit: limit + 1 },
    { type, arrow, dated: false },
  ];
  const actorPage = (limit: number): [string, Params, CypherSlots] => {
    const params: Params = {};
    const where = compileFilter('Actor', { side: [p.side], kind: [String(p.kind).toUpperCase()] }, params);
    return ['entities-page', { ...params, label: 'Actor', missingDate: '~', fromKey: '', cursor: null, limit: limit + 1 }, { label: 'Actor', where, sort: 'NAME', dir: 'ASC' }];
  };
  switch (query.name) {
    case 'node':
      return [['nodes-by-ids', { keys: [p.id] }, undefined]];
    case 'page': {
      const [name, params, slots] = actorPage(50);
      return [
        [name, params, slots],
        ['entities-count', params, { label: 'Actor', where: slots.where }],
      ];
    }
    case 'fanout':
      // The page's ids are known only after it ran; the plan of the links is the same for any 20 actors.
      return [actorPage(20), links([p.id ?? null], allTypes, 'BOTH', 10)];
    case 'nested':
      return [['nodes-by-ids', { keys: [p.id] }, undefined], links([p.id], 'PARTICIPATES_IN', 'OUT', 10)];
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
