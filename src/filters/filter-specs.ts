/**
 * The filters each collection offers, field by field, as the filter compiler reads them. Every Cypher
 * fragment here is a constant; property names come from the model; `$ref` and values become parameters.
 * schema.graphql declares the same fields on the `<Type>Filter` inputs.
 */
import type * as Api from '../generated/graphql.ts';
import type { EntityType } from '../model/vocabulary.ts';

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
  /** A link (or a chain of links) from `n` to the entity whose id is given exists (over links known to hold on the level's `asOf`). */
  | { op: 'related'; relation: Relation }
  /** A link from `n` to at least one entity that matches the target type's own filter exists (the same rule). */
  | { op: 'relatedMatching'; relation: Relation & { target: FilterableType } }
  /** `asOf` / `includeUncertain`: not a condition but the day the level's `related` conditions hold on. */
  | { op: 'asOf' };

/**
 * A relation a filter field follows from `n`: relationship types (joined by `|`), direction seen from `n`,
 * an optional length range, and the label of the entity at the other end (`Entity` for any type).
 */
export interface Relation {
  types: string;
  direction: 'OUT' | 'IN';
  /** A variable length such as `*1..3`; absent for one link. */
  hops?: '*1..2' | '*1..3';
  target: EntityType | 'Entity';
}

/** The entity types a filter input exists for, so a relation can take the other end's own filter. */
export type FilterableType = keyof FilterSpecTable;

const relation = <Target extends EntityType | 'Entity'>(
  types: string,
  direction: 'OUT' | 'IN',
  target: Target,
  hops?: Relation['hops'],
): Relation & { target: Target } => ({
  types,
  direction,
  target,
  ...(hops ? { hops } : {}),
});
const related = (r: Relation) => ({ op: 'related', relation: r }) as const;
const matching = (r: Relation & { target: FilterableType }) => ({ op: 'relatedMatching', relation: r }) as const;

const common = {
  ids: { op: 'ids' },
  nameContains: { op: 'nameContains' },
  confidence: { op: 'in', property: 'confidence', stored: 'enum' },
} as const satisfies Record<string, FilterFieldSpec>;

/** The settings of a filter level whose relationship conditions can be asked for one day. */
const asOf = { asOf: { op: 'asOf' }, includeUncertain: { op: 'asOf' } } as const satisfies Record<string, FilterFieldSpec>;

const inPlace = relation('LOCATED_IN', 'OUT', 'Place', '*1..3');

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
    place: related(inPlace),
    placeMatching: matching(inPlace),
    participatesIn: related(relation('PARTICIPATES_IN', 'OUT', 'Project')),
    participatesInMatching: matching(relation('PARTICIPATES_IN', 'OUT', 'Project')),
    signed: related(relation('SIGNED', 'OUT', 'Agreement')),
    signedMatching: matching(relation('SIGNED', 'OUT', 'Agreement')),
    holdsOfficeIn: related(relation('HOLDS_OFFICE', 'OUT', 'Actor')),
    holdsOfficeInMatching: matching(relation('HOLDS_OFFICE', 'OUT', 'Actor')),
    partOf: related(relation('PART_OF', 'OUT', 'Actor', '*1..3')),
    partOfMatching: matching(relation('PART_OF', 'OUT', 'Actor', '*1..3')),
    attended: related(relation('ATTENDED', 'OUT', 'Event')),
    attendedMatching: matching(relation('ATTENDED', 'OUT', 'Event')),
  },
  Project: {
    ...common,
    ...asOf,
    side: { op: 'in', property: 'side', stored: 'verbatim' },
    place: related(inPlace),
    placeMatching: matching(inPlace),
    participant: related(relation('PARTICIPATES_IN', 'IN', 'Actor')),
    participantMatching: matching(relation('PARTICIPATES_IN', 'IN', 'Actor')),
    involvesMaterial: related(relation('INVOLVES', 'OUT', 'Material')),
    involvesMaterialMatching: matching(relation('INVOLVES', 'OUT', 'Material')),
    fundedBy: related(relation('FUNDS', 'IN', 'Entity')),
    stage: related(relation('AT_STAGE', 'OUT', 'Stage')),
    startDate: { op: 'dateRange', start: 'startDate', end: 'endDate' },
  },
  Material: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    crmaCritical: { op: 'flag', property: 'crmaCritical' },
    crmaStrategic: { op: 'flag', property: 'crmaStrategic' },
    chain: related(relation('AT_STAGE|PART_OF_CHAIN', 'OUT', 'ValueChain', '*1..2')),
    chainMatching: matching(relation('AT_STAGE|PART_OF_CHAIN', 'OUT', 'ValueChain', '*1..2')),
    involvedIn: related(relation('INVOLVES', 'IN', 'Project')),
    involvedInMatching: matching(relation('INVOLVES', 'IN', 'Project')),
    suppliedBy: related(relation('SUPPLIES|PRODUCES|PROCESSES|HOLDS_DEPOSIT', 'IN', 'Entity')),
  },
  FundingInstrument: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    startDate: { op: 'dateRange', start: 'startDate' },
    funds: related(relation('FUNDS', 'OUT', 'Entity')),
    managedBy: related(relation('MANAGES', 'IN', 'Actor')),
    managedByMatching: matching(relation('MANAGES', 'IN', 'Actor')),
  },
  Agreement: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    date: { op: 'dateRange', start: 'date' },
    signedBy: related(relation('SIGNED', 'IN', 'Actor')),
    signedByMatching: matching(relation('SIGNED', 'IN', 'Actor')),
    party: related(relation('PARTY_TO', 'IN', 'Entity')),
    covers: related(relation('COVERS', 'OUT', 'Entity')),
    place: related(inPlace),
    placeMatching: matching(inPlace),
  },
  Event: {
    ...common,
    ...asOf,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    date: { op: 'dateRange', start: 'startDate', end: 'endDate' },
    place: related(inPlace),
    placeMatching: matching(inPlace),
    attendedBy: related(relation('ATTENDED', 'IN', 'Actor')),
    attendedByMatching: matching(relation('ATTENDED', 'IN', 'Actor')),
  },
  Place: {
    ...common,
    kind: { op: 'in', property: 'kind', stored: 'enum' },
    side: { op: 'in', property: 'side', stored: 'verbatim' },
    within: related(inPlace),
    withinMatching: matching(inPlace),
  },
  ValueChain: { ...common },
  Source: {
    ...common,
    language: { op: 'in', property: 'language', stored: 'verbatim' },
    date: { op: 'dateRange', start: 'date' },
  },
};
