/**
 * The filters each collection offers, field by field, as the filter compiler reads them. Every Cypher
 * fragment here is a constant; property names come from the model; `$ref` and values become parameters.
 * schema.graphql declares the same fields on the `<Type>Filter` inputs.
 */
import type * as Api from '../generated/graphql.ts';

/** How one filter field turns into a predicate over `n`. */
export type FilterFieldSpec =
  /** `n.id IN $values` */
  | { op: 'ids' }
  /** Any name or spelling contains the folded text. */
  | { op: 'nameContains' }
  /** `n.<property> IN $values`; enum values are converted to their stored form. */
  | { op: 'in'; property: string; stored: 'enum' | 'verbatim' }
  /** `n.<property> = $value` for a boolean flag; a missing flag counts as false. */
  | { op: 'flag'; property: string }
  /** The period [n.<start>, n.<end> or n.<start>] overlaps the given range. */
  | { op: 'dateRange'; start: string; end?: string }
  /** A pattern from `n` to the entity whose id is given (`$ref`) exists (over links known to hold on the level's `asOf`). */
  | { op: 'related'; pattern: string }
  /** `asOf` / `includeUncertain`: not a condition but the day the level's `related` conditions hold on. */
  | { op: 'asOf' };

const common = {
  ids: { op: 'ids' },
  nameContains: { op: 'nameContains' },
  confidence: { op: 'in', property: 'confidence', stored: 'enum' },
} as const satisfies Record<string, FilterFieldSpec>;

/** The settings of a filter level whose relationship conditions can be asked for one day. */
const asOf = { asOf: { op: 'asOf' }, includeUncertain: { op: 'asOf' } } as const satisfies Record<string, FilterFieldSpec>;

const withinPlace = { op: 'related', pattern: '(n)-[:LOCATED_IN*1..3]->(:Place {id: $ref})' } as const;

/** The fields of a `<Type>Filter` input in schema.graphql, except the combinators. */
type SpecsOf<Filter> = Record<Exclude<keyof Filter, 'AND' | 'OR' | 'NOT'>, FilterFieldSpec>;

/** Filter fields per collection type, tied to schema.graphql: a field missing on either side fails the type check. */
interface FilterSpecTable {
  Actor: SpecsOf<Api.ActorFilter>;
  Project: SpecsOf<Api.ProjectFilter>;
  Material: SpecsOf<Api.MaterialFilter>;
  FundingInstrument: SpecsOf<Api.FundingInstrumentFilter>;
  Agreement: SpecsOf<Api.AgreementFilter>;
  Event: SpecsOf<Api.EventFilter>;
  Place: SpecsOf<Api.PlaceFilter>;
  ValueChain: SpecsOf<Api.ValueChainFilter>;
  Source: SpecsOf<Api.SourceFilter>;
}

/** Filter fields per collection type; AND, OR and NOT are handled by the compiler for every type. */
export const FILTER_SPECS: FilterSpecTable = {
  Actor: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    side: { op: 'in', property: 'side', stored: 'verbatim' },
    place: withinPlace,
    participatesIn: { op: 'related', pattern: '(n)-[:PARTICIPATES_IN]->(:Project {id: $ref})' },
    signed: { op: 'related', pattern: '(n)-[:SIGNED]->(:Agreement {id: $ref})' },
    holdsOfficeIn: { op: 'related', pattern: '(n)-[:HOLDS_OFFICE]->(:Actor {id: $ref})' },
    partOf: { op: 'related', pattern: '(n)-[:PART_OF*1..3]->(:Actor {id: $ref})' },
    attended: { op: 'related', pattern: '(n)-[:ATTENDED]->(:Event {id: $ref})' },
  },
  Project: {
    ...common,
    ...asOf,
    side: { op: 'in', property: 'side', stored: 'verbatim' },
    place: withinPlace,
    participant: { op: 'related', pattern: '(:Actor {id: $ref})-[:PARTICIPATES_IN]->(n)' },
    involvesMaterial: { op: 'related', pattern: '(n)-[:INVOLVES]->(:Material {id: $ref})' },
    fundedBy: { op: 'related', pattern: '(:Entity {id: $ref})-[:FUNDS]->(n)' },
    stage: { op: 'related', pattern: '(n)-[:AT_STAGE]->(:Stage {id: $ref})' },
    startDate: { op: 'dateRange', start: 'startDate', end: 'endDate' },
  },
  Material: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    crmaCritical: { op: 'flag', property: 'crmaCritical' },
    crmaStrategic: { op: 'flag', property: 'crmaStrategic' },
    chain: { op: 'related', pattern: '(n)-[:AT_STAGE|PART_OF_CHAIN*1..2]->(:ValueChain {id: $ref})' },
    involvedIn: { op: 'related', pattern: '(:Project {id: $ref})-[:INVOLVES]->(n)' },
    suppliedBy: { op: 'related', pattern: '(:Entity {id: $ref})-[:SUPPLIES|PRODUCES|PROCESSES|HOLDS_DEPOSIT]->(n)' },
  },
  FundingInstrument: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    startDate: { op: 'dateRange', start: 'startDate' },
    funds: { op: 'related', pattern: '(n)-[:FUNDS]->(:Entity {id: $ref})' },
    managedBy: { op: 'related', pattern: '(:Actor {id: $ref})-[:MANAGES]->(n)' },
  },
  Agreement: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    date: { op: 'dateRange', start: 'date' },
    signedBy: { op: 'related', pattern: '(:Actor {id: $ref})-[:SIGNED]->(n)' },
    party: { op: 'related', pattern: '(:Entity {id: $ref})-[:PARTY_TO]->(n)' },
    covers: { op: 'related', pattern: '(n)-[:COVERS]->(:Entity {id: $ref})' },
    place: withinPlace,
  },
  Event: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    date: { op: 'dateRange', start: 'startDate', end: 'endDate' },
    place: withinPlace,
    attendedBy: { op: 'related', pattern: '(:Actor {id: $ref})-[:ATTENDED]->(n)' },
  },
  Place: {
    ...common,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    side: { op: 'in', property: 'side', stored: 'verbatim' },
    within: withinPlace,
  },
  ValueChain: { ...common },
  Source: {
    ...common,
    language: { op: 'in', property: 'language', stored: 'verbatim' },
    date: { op: 'dateRange', start: 'date' },
  },
};
