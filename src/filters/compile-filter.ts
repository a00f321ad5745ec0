/**
 * The filter compiler: turns a `<Type>Filter` argument into one Cypher predicate over `n`, built only from
 * the constant fragments of FILTER_SPECS, with every value passed as a parameter. AND, OR and NOT nest.
 * Bad values are BAD_USER_INPUT errors that name the filter field.
 */
import { LIMITS } from '../limits.ts';
import { CypherPredicate } from '../db/cypher-registry.ts';
import { badUserInput } from '../errors.ts';
import { isIsoDate } from '../model/dates.ts';
import { foldText } from '../model/fold.ts';
import { holdsOnCypher } from '../model/validity.ts';
import type { EntityType } from '../model/vocabulary.ts';
import { FILTER_SPECS, type FilterFieldSpec, type Relation } from './filter-specs.ts';

/** Deepest AND/OR/NOT nesting a filter may have. */
export const MAX_FILTER_DEPTH = LIMITS.filterDepth.max;
/** Most conditions one filter may hold, all levels together. */
export const MAX_FILTER_CONDITIONS = LIMITS.filterConditions.max;
/** Most values an `ids` or `in` list may hold. */
export const MAX_FILTER_VALUES = LIMITS.filterValues.max;
/** Longest `nameContains` text. */
export const MAX_NAME_CONTAINS = LIMITS.nameContains.max;

/** A filter argument as GraphQL hands it over. */
export type FilterInput = Record<string, unknown> | null | undefined;

/** Compiles `filter` for collection `type`; adds its values to `params` (as $f0, $f1, ...). */
export function compileFilter(type: EntityType, filter: FilterInput, params: Record<string, unknown>, argument = 'filter'): CypherPredicate {
  return compile(type, filter, params, argument, false).where;
}

/**
 * A filter split for the collection statements: `anchor`, when the filter's top level (or an AND under it)
 * names a related entity by id, is a MATCH pattern that reaches the candidates `n` from that entity, so the
 * statement starts at one node instead of reading the whole label; `where` is the rest of the filter.
 */
export interface AnchoredFilter {
  anchor: CypherPredicate | null;
  where: CypherPredicate;
}

/** Compiles `filter` as compileFilter does, and takes a selective relation condition out as the anchor. */
export function compileAnchoredFilter(type: EntityType, filter: FilterInput, params: Record<string, unknown>, argument = 'filter'): AnchoredFilter {
  return compile(type, filter, params, argument, true);
}

// Private: the compilation both entry points share.
function compile(type: EntityType, filter: FilterInput, params: Record<string, unknown>, argument: string, anchorable: boolean): AnchoredFilter {
  if (!filter) return { anchor: null, where: CypherPredicate.TRUE };
  const state: CompileState = { conditions: 0, next: 0, root: argument, anchorable, anchor: null };
  const text = compileLevel(type, filter, params, argument, 1, state, null, 'n');
  return { anchor: state.anchor === null ? null : CypherPredicate.trusted(state.anchor), where: CypherPredicate.trusted(text) };
}

/** What one compilation carries from level to level. */
interface CompileState {
  conditions: number;
  next: number;
  root: string;
  /** True while compiling a level whose conditions all must hold for every result (the top level, ANDs under it). */
  anchorable: boolean;
  /** The MATCH pattern chosen as anchor (binds `n`), once one is found. */
  anchor: string | null;
}

// Private: one level of the filter; fields are ANDed.
function compileLevel(
  type: EntityType,
  filter: Record<string, unknown>,
  params: Record<string, unknown>,
  path: string,
  depth: number,
  state: CompileState,
  inherited: AsOfNames | null,
  v: string,
): string {
  if (depth > MAX_FILTER_DEPTH) {
    throw badUserInput(`Argument "${path}" nests AND/OR/NOT and …Matching filters deeper than ${MAX_FILTER_DEPTH} levels.`, path);
  }
  const specs: Record<string, FilterFieldSpec> = (FILTER_SPECS as Partial<Record<EntityType, Record<string, FilterFieldSpec>>>)[type] ?? {};
  const parts: string[] = [];
  const paramName = (value: unknown) => {
    const name = `f${state.next++}`;
    params[name] = value;
    return name;
  };
  const param = (value: unknown) => `$${paramName(value)}`;
  const asOf = readAsOf(filter, path, paramName) ?? inherited;

  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined || value === null || field === 'asOf' || field === 'includeUncertain') continue;
    const where = `${path}.${field}`;
    if (++state.conditions > MAX_FILTER_CONDITIONS) {
      throw badUserInput(
        `Argument "${state.root}" holds more than ${MAX_FILTER_CONDITIONS} conditions (the limit is reached at "${where}"); split the query.`,
        state.root,
      );
    }
    if (field === 'AND' || field === 'OR') {
      const list = value as Record<string, unknown>[];
      if (list.length === 0) throw badUserInput(`"${where}" needs at least one filter.`, where);
      const anchorable = state.anchorable;
      state.anchorable = anchorable && field === 'AND';
      const compiled = list.map((item, index) => compileLevel(type, item, params, `${where}[${index}]`, depth + 1, state, asOf, v));
      state.anchorable = anchorable;
      parts.push(`(${compiled.join(field === 'AND' ? ' AND ' : ' OR ')})`);
      continue;
    }
    if (field === 'NOT') {
      const anchorable = state.anchorable;
      state.anchorable = false;
      parts.push(`NOT (${compileLevel(type, value as Record<string, unknown>, params, where, depth + 1, state, asOf, v)})`);
      state.anchorable = anchorable;
      continue;
    }
    const spec = specs[field];
    if (!spec) throw badUserInput(`Unknown filter field "${where}".`, where);
    if (spec.op === 'related' && v === 'n' && state.anchorable && state.anchor === null) {
      // The first condition that names one related entity becomes the anchor and leaves the predicate.
      state.anchor = anchorPattern(type, spec.relation, param(String(value)), asOf);
      continue;
    }
    if (spec.op === 'relatedMatching') {
      const nested = value as Record<string, unknown>;
      const m = `m${depth}`;
      const anchorable = state.anchorable;
      state.anchorable = false;
      const inner = compileLevel(spec.relation.target, nested, params, where, depth + 1, state, asOf, m);
      state.anchorable = anchorable;
      parts.push(existsRelated(v, spec.relation, `${m}:${spec.relation.target}`, inner, asOf, depth));
      continue;
    }
    parts.push(compileField(spec, value, where, param, asOf, v, depth));
  }
  return parts.length === 0 ? 'true' : parts.join(' AND ');
}

// Private: one filter field.
function compileField(
  spec: Exclude<FilterFieldSpec, { op: 'relatedMatching' }>,
  value: unknown,
  where: string,
  param: (value: unknown) => string,
  asOf: AsOfNames | null,
  n: string,
  depth: number,
): string {
  switch (spec.op) {
    case 'ids': {
      const ids = checkList(value, where);
      return `${n}.id IN ${param(ids)}`;
    }
    case 'nameContains': {
      const text = foldText(String(value));
      if (text === '') throw badUserInput(`"${where}" must not be empty.`, where);
      if (text.length > MAX_NAME_CONTAINS) {
        throw badUserInput(`"${where}" must be at most ${MAX_NAME_CONTAINS} characters, but got ${text.length}.`, where);
      }
      return `any(name IN ${n}.foldedNames WHERE name CONTAINS ${param(text)})`;
    }
    case 'in': {
      const values = checkList(value, where);
      return `${n}.${spec.property} IN ${param(values)}`;
    }
    case 'flag':
      return `coalesce(${n}.${spec.property}, false) = ${param(value === true)}`;
    case 'dateRange': {
      const { from, to } = value as { from?: string | null; to?: string | null };
      if (!from && !to) throw badUserInput(`"${where}" needs "from", "to" or both.`, where);
      for (const [bound, date] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (date && !isIsoDate(date)) throw badUserInput(`"${where}.${bound}" must be an ISO date, but got "${date}".`, where);
      }
      if (from && to && from > to) throw badUserInput(`"${where}.from" (${from}) must not be after "${where}.to" (${to}).`, where);
      // Dates may be partial ("2023-06"): a period counts while any of it falls in the range; '~' sorts
      // after every digit, so "2023-06~" >= "2023-06-15".
      const end = spec.end ? `coalesce(${n}.${spec.end}, ${n}.${spec.start})` : `${n}.${spec.start}`;
      const conditions = [`${n}.${spec.start} IS NOT NULL`];
      if (from) conditions.push(`${end} + '~' >= ${param(from)}`);
      if (to) conditions.push(`${n}.${spec.start} <= ${param(to)}`);
      return `(${conditions.join(' AND ')})`;
    }
    case 'related':
      return existsRelated(n, spec.relation, `:${spec.relation.target} {id: ${param(String(value))}}`, 'true', asOf, depth);
    case 'asOf':
      return 'true';
  }
}

// Private: the relation's pattern between the variable `n` and the other end's text (`m1:Project` or
// `:Project {id: $f0}`), as it reads from `n`.
function relationPattern(n: string, relation: Relation, other: string, hops = relation.hops ?? ''): string {
  const link = `[:${relation.types}${hops}]`;
  return relation.direction === 'OUT' ? `(${n})-${link}->(${other})` : `(${other})-${link}->(${n})`;
}

// Private: an EXISTS over the relation to `other` where `inner` holds, with every link known to hold on asOf when given.
function existsRelated(n: string, relation: Relation, other: string, inner: string, asOf: AsOfNames | null, depth: number): string {
  const condition = inner === 'true' ? '' : ` WHERE ${inner}`;
  if (!asOf) return `EXISTS { MATCH ${relationPattern(n, relation, other)}${condition} }`;
  const [p, r] = depth === 1 ? ['p', 'r'] : [`p${depth}`, `r${depth}`];
  const holds = holdsOnCypher({ rel: r, ...asOf });
  return `EXISTS { MATCH ${p} = ${relationPattern(n, relation, other)} WHERE all(${r} IN relationships(${p}) WHERE ${holds})${inner === 'true' ? '' : ` AND ${inner}`} }`;
}

// Private: a MATCH pattern from the related entity (found by its id constraint) to the candidates `n`,
// over links known to hold on asOf when given. Variable-length relations may reach a candidate twice; the
// statement keeps each once.
function anchorPattern(type: EntityType, relation: Relation, ref: string, asOf: AsOfNames | null): string {
  const pattern = relationPattern(`n:${type}`, relation, `anchor:${relation.target} {id: ${ref}}`);
  if (!asOf) return `MATCH ${pattern}`;
  return `MATCH anchorPath = ${pattern} WHERE all(r IN relationships(anchorPath) WHERE ${holdsOnCypher({ rel: 'r', ...asOf })})`;
}

/** The parameter names of a filter level's `asOf` and `includeUncertain`. */
interface AsOfNames {
  asOf: string;
  includeUncertain: string;
}

// Private: the level's own asOf as parameters, or null when it sets none (it then inherits its parent's).
function readAsOf(filter: Record<string, unknown>, path: string, paramName: (value: unknown) => string): AsOfNames | null {
  const day = filter.asOf;
  if (day === undefined || day === null) return null;
  if (!isIsoDate(String(day))) throw badUserInput(`"${path}.asOf" must be an ISO date, but got "${String(day)}".`, `${path}.asOf`);
  return { asOf: paramName(String(day)), includeUncertain: paramName(filter.includeUncertain === true) };
}

// Private: a non-empty list of at most MAX_FILTER_VALUES strings.
function checkList(value: unknown, where: string): string[] {
  const list = value as string[];
  if (list.length === 0) throw badUserInput(`"${where}" needs at least one value.`, where);
  if (list.length > MAX_FILTER_VALUES) {
    throw badUserInput(`"${where}" takes at most ${MAX_FILTER_VALUES} values, but got ${list.length}.`, where);
  }
  return list;
}
