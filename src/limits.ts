/**
 * Every cap and default of the API, in one place: resolvers check arguments against these, the query cost
 * plugin and the Cypher templates use them, and test/limits-docs.test.ts fails when a number that
 * schema.graphql documents (an argument's range or default) differs from the one here.
 */
import { badUserInput } from './errors.ts';

/** The range an integer argument must lie in, and its value when the client leaves it out. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  /** The value used when the argument is not given; the SDL declares the same default. */
  readonly default?: number;
}

/** Caps and defaults of the API's arguments. */
export const LIMITS = {
  /** `first` / `last` of every connection. */
  pageSize: { min: 0, max: 100, default: 20 },
  /** `maxHops` of shortestPath, paths, corridors, brokers and /export/path; the `__HOPS__` slot's bound. */
  maxHops: { min: 1, max: 6, default: 4 },
  /** `paths(first:)`; the `__COUNT__` slot's bound. */
  pathCount: { min: 1, max: 10, default: 3 },
  /** `first` of /export/path: the shortest path unless more are asked for. */
  exportPathCount: { min: 1, max: 10, default: 1 },
  /** `neighborhood(depth:)`. */
  neighborhoodDepth: { min: 1, max: 3, default: 1 },
  /** `neighborhood(first:)`: entities besides the centre. */
  neighborhoodNodes: { min: 1, max: 200, default: 50 },
  /** `corridors(first:)`. */
  corridors: { min: 1, max: 50, default: 10 },
  /** `timeline(first:)`. */
  timeline: { min: 1, max: 200, default: 50 },
  /** `brokers(first:)`. */
  brokers: { min: 1, max: 50, default: 10 },
  /** `stats { materials(first:) }`. */
  materials: { min: 1, max: 100, default: 20 },
  /** `search(first:)`. */
  searchHits: { min: 1, max: 50, default: 10 },
  /** `search(query:)`: characters besides spaces. */
  searchLength: { min: 1, max: 200 },
  /** `nodes(ids:)`. */
  nodeIds: { min: 0, max: 100 },
  /** AND / OR / NOT levels of one filter. */
  filterDepth: { min: 0, max: 5 },
  /** Conditions in one filter, all levels counted. */
  filterConditions: { min: 0, max: 50 },
  /** Values of one list condition of a filter (`ids`, `kind`, ...). */
  filterValues: { min: 1, max: 100 },
  /** Characters of a filter's `nameContains`. */
  nameContains: { min: 0, max: 200 },
  /** Ids one subscription may watch. */
  subscriptionIds: { min: 1, max: 100 },
  /** Changes of one `applyChanges`. */
  changes: { min: 1, max: 100 },
  /** Characters of one `importRecords(data:)`. */
  importLength: { min: 0, max: 5 * 1024 * 1024 },
} as const satisfies Record<string, Limit>;

/** Checks that an integer argument lies in [min, max]; BAD_USER_INPUT naming it and the range otherwise. */
export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`Argument "${argument}" must be between ${min} and ${max}, but got ${value}.`, argument);
  }
  return value;
}

/** The argument's value, or the limit's default when it is not given, checked against the limit. */
export function checkLimit(argument: string, value: number | null | undefined, limit: Limit): number {
  const given = value ?? limit.default;
  if (given === undefined) throw badUserInput(`Argument "${argument}" is required.`, argument);
  return checkRange(argument, given, limit.min, limit.max);
}

/**
 * A list argument that narrows to some kinds of things (`types`, `kinds`, `nodeTypes`): left out means all,
 * an empty list is refused, as it could only ever match nothing.
 */
export function checkNotEmpty<T>(argument: string, values: readonly T[] | null | undefined, what: string): readonly T[] | undefined {
  if (values && values.length === 0) throw badUserInput(`Argument "${argument}" must name at least one ${what}, or be left out for all.`, argument);
  return values ?? undefined;
}
