/**
 * Limits on what one request may ask for, as Yoga plugins: graphql-armor's depth, alias, token and
 * directive limits; a query cost that multiplies page sizes along the nesting (graphql-query-complexity);
 * a request body size limit; and CSRF prevention. A request over a limit is refused before any Cypher runs.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError, visit, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { HTTP_STATUS } from '../errors.ts';
import { LIMITS } from '../limits.ts';

/** Options of useLimits; every field has a documented default. */
export interface LimitOptions {
  /** Deepest selection. @default 15 */
  maxDepth?: number;
  /** Most aliases in one document. @default 15 */
  maxAliases?: number;
  /** Most tokens in one document. @default 5000 */
  maxTokens?: number;
  /** Most directives in one document. @default 20 */
  maxDirectives?: number;
  /** Highest query cost: the sum over fields of the page sizes multiplied along their nesting. @default 50000 */
  maxCost?: number;
  /** Largest request body in bytes. @default 6 MiB (room for a 5 MB importRecords) */
  maxBodyBytes?: number;
  /** Deepest nesting of objects and lists in the variables. @default 32 */
  maxVariableDepth?: number;
  /** Most values (objects, lists, scalars) in the variables. @default 100000 */
  maxVariableValues?: number;
  /** Answer "Did you mean …" suggestions in validation errors (they map the schema). @default true */
  fieldSuggestions?: boolean;
}

/** Page size assumed for a list field whose `first`/`last` is not given (the API's defaults). */
const DEFAULT_PAGE_SIZE = LIMITS.pageSize.default;

/** The limit plugins, in the order they must run. */
export function useLimits(schema: GraphQLSchema, options: LimitOptions = {}): Plugin[] {
  const {
    maxDepth = 15,
    maxAliases = 15,
    maxTokens = 5000,
    maxDirectives = 20,
    maxCost = 50_000,
    maxBodyBytes = 6 * 1024 * 1024,
    maxVariableDepth = 32,
    maxVariableValues = 100_000,
    fieldSuggestions = true,
  } = options;
  const reject = (limit: string) => (_context: unknown, error: GraphQLError) => {
    throw new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Simplify the query (${limit}).`, { extensions: { code: 'BAD_USER_INPUT' } });
  };
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: !fieldSuggestions },
    costLimit: { enabled: false },
    maxDepth: { n: maxDepth, onReject: [reject('depth')], propagateOnRejection: false, flattenFragments: true },
    maxAliases: { n: maxAliases, onReject: [reject('aliases')], propagateOnRejection: false },
    maxTokens: { n: maxTokens, onReject: [reject('tokens')], propagateOnRejection: false },
    maxDirectives: { n: maxDirectives, onReject: [reject('directives')], propagateOnRejection: false },
  });
  return [
    useBodyLimit(maxBodyBytes),
    useVariableLimits(maxVariableDepth, maxVariableValues),
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }) as Plugin,
    ...(armor.protect().plugins as Plugin[]),
    useQueryCost(schema, maxCost),
  ];
}

/**
 * The query cost: each field costs 1; a field with `first`/`last` (a page or a list of paths, hits, ...)
 * multiplies what is below it by its page size, so `actors(first: 100) { edges { node { offices(first: 100)
 * { ... } } } }` costs about 100 x 100. Arguments' defaults count when not given.
 */
export function useQueryCost(schema: GraphQLSchema, maxCost: number): Plugin {
  const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
    if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return undefined;
    const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    return Math.max(1, Number.isFinite(size) ? size : DEFAULT_PAGE_SIZE) * (1 + childComplexity);
  };
  // The cost depends on the document and on the variables given to `first`, `last`, @skip and @include
  // only: Yoga hands every request of one document the same AST, so the cost is computed once per
  // document, operation and values of those variables (a walk of the whole document, about 0.1 ms).
  const costs = new WeakMap<DocumentNode, { variables: string[]; byValues: Map<string, number | null> }>();
  const costOf = (document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number | null => {
    let entry = costs.get(document);
    if (!entry) costs.set(document, (entry = { variables: costVariables(document), byValues: new Map() }));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(entry.variables.map((name) => variables[name] ?? null))}`;
    let cost = entry.byValues.get(key);
    if (cost === undefined) {
      try {
        cost = getComplexity({ schema, query: document, variables, operationName, estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })] });
      } catch {
        cost = null; // Invalid variables are reported by execution itself.
      }
      if (entry.byValues.size >= 64) entry.byValues.clear();
      entry.byValues.set(key, cost);
    }
    return cost;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined);
      if (cost === null) return;
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`The query costs ${cost}, over the limit of ${maxCost} (page sizes multiplied along the nesting); lower "first" or nest less.`, {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ],
        });
      }
    },
  };
}

// Private: the variables a document passes to `first` / `last` or to @skip / @include: the only ones the cost reads.
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) => visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) if (argument.name.value === 'first' || argument.name.value === 'last') collect(argument.value);
    },
    Directive(directive) {
      if (directive.name.value === 'skip' || directive.name.value === 'include') collect(directive);
    },
  });
  return [...names].sort();
}

/**
 * Refuses variables nested deeper than `maxDepth` or holding more than `maxValues` values with
 * BAD_USER_INPUT before parsing or execution: the caps on filters and properties hold for variables as
 * for literals, and a 10,000-deep filter never reaches graphql-js's recursive coercion. Walks iteratively.
 */
export function useVariableLimits(maxDepth: number, maxValues: number): Plugin {
  return {
    onParams({ params }) {
      const problem = measureVariables(params.variables, maxDepth, maxValues);
      if (problem)
        throw new GraphQLError(`The variables ${problem}; send flatter input.`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: HTTP_STATUS.BAD_USER_INPUT } },
        });
    },
  };
}

// Private: why `variables` are over a cap, or undefined when they are within both.
function measureVariables(variables: unknown, maxDepth: number, maxValues: number): string | undefined {
  const stack: [unknown, number][] = [[variables, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > maxValues) return `hold more than ${maxValues} values`;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return `nest deeper than ${maxDepth} levels`;
    for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push([item, depth + 1]);
  }
  return undefined;
}

/** Refuses a request body over `maxBytes` (by Content-Length) with 413 before it is read. */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        endResponse(
          fetchAPI.Response.json(
            { errors: [{ message: `The request body has ${length} bytes, over the limit of ${maxBytes}.`, extensions: { code: 'BAD_USER_INPUT' } }] },
            { status: 413 },
          ),
        );
      }
    },
  };
}
