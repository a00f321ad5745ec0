/**
 * The named relationship fields of each entity type (Actor.offices, Project.participants, ...): which
 * relationship types each follows, in which direction seen from the parent. schema.graphql declares
 * the same fields; every one is a RelationshipConnection resolved by one batched statement.
 */
import type * as Api from '../generated/graphql.ts';
import type { EntityType, RelationshipType } from './vocabulary.ts';

/** OUT follows links that start at the parent, IN links that end at it, BOTH either. */
export type Direction = 'OUT' | 'IN' | 'BOTH';

/** One named relationship field. */
export interface RelationshipField {
  types: readonly RelationshipType[];
  direction: Direction;
}

const out = (...types: RelationshipType[]): RelationshipField => ({ types, direction: 'OUT' });
const into = (...types: RelationshipType[]): RelationshipField => ({ types, direction: 'IN' });

/** The RelationshipConnection fields the SDL declares on an object type, except the generic `relationships`. */
type ConnectionFieldsOf<T> = Exclude<{ [K in keyof T]-?: NonNullable<T[K]> extends Api.RelationshipConnection ? K : never }[keyof T], 'relationships'>;

/** Ties the table to schema.graphql: a field missing on either side fails the type check. */
type FieldsOf<T> = Record<ConnectionFieldsOf<T>, RelationshipField>;
type RelationshipFieldTable = {
  [Type in EntityType]: FieldsOf<ApiTypes[Type]>;
};
interface ApiTypes {
  Actor: Api.Actor;
  Project: Api.Project;
  Material: Api.Material;
  FundingInstrument: Api.FundingInstrument;
  Agreement: Api.Agreement;
  Event: Api.Event;
  ValueChain: Api.ValueChain;
  Stage: Api.Stage;
  CooperationArea: Api.CooperationArea;
  Place: Api.Place;
  Claim: Api.Claim;
  Source: Api.Source;
}

/** Named relationship fields per type. Every entity also has the generic `relationships` field. */
export const RELATIONSHIP_FIELDS: RelationshipFieldTable = {
  Actor: {
    offices: out('HOLDS_OFFICE'),
    officeHolders: into('HOLDS_OFFICE'),
    partOf: out('PART_OF'),
    parts: into('PART_OF'),
    signed: out('SIGNED'),
    announced: out('ANNOUNCED'),
    partyTo: out('PARTY_TO'),
    attended: out('ATTENDED'),
    met: { types: ['MET'], direction: 'BOTH' },
    participatesIn: out('PARTICIPATES_IN'),
    funds: out('FUNDS'),
    fundedBy: into('FUNDS'),
    manages: out('MANAGES'),
    materials: out('PRODUCES', 'PROCESSES', 'SUPPLIES', 'DEMANDS', 'HOLDS_DEPOSIT'),
    claims: out('STATES'),
    locatedIn: out('LOCATED_IN'),
  },
  Project: {
    participants: into('PARTICIPATES_IN'),
    funding: into('FUNDS'),
    materials: out('INVOLVES', 'PRODUCES', 'HOLDS_DEPOSIT'),
    stages: out('AT_STAGE'),
    implements: out('IMPLEMENTS'),
    framedBy: out('FRAMED_BY'),
    presentedAt: out('PRESENTED_AT'),
    locatedIn: out('LOCATED_IN'),
  },
  Material: {
    inputTo: out('INPUT_TO'),
    inputs: into('INPUT_TO'),
    projects: into('INVOLVES'),
    actors: into('PRODUCES', 'PROCESSES', 'SUPPLIES', 'DEMANDS', 'HOLDS_DEPOSIT'),
    chains: out('PART_OF_CHAIN'),
    stages: out('AT_STAGE'),
    coveredBy: into('COVERS'),
  },
  FundingInstrument: {
    funds: out('FUNDS'),
    fundedBy: into('FUNDS'),
    managedBy: into('MANAGES'),
    financedBy: into('FINANCES'),
    covers: out('COVERS'),
    implements: out('IMPLEMENTS'),
    framedBy: out('FRAMED_BY'),
    frames: into('FRAMED_BY'),
  },
  Agreement: {
    signatories: into('SIGNED'),
    announcedBy: into('ANNOUNCED'),
    parties: into('PARTY_TO'),
    implements: out('IMPLEMENTS'),
    implementedBy: into('IMPLEMENTS'),
    buildsOn: out('BUILDS_ON'),
    builtOnBy: into('BUILDS_ON'),
    covers: out('COVERS'),
    finances: out('FINANCES'),
    concludedAt: out('CONCLUDED_AT'),
    framedBy: out('FRAMED_BY'),
    locatedIn: out('LOCATED_IN'),
  },
  Event: {
    attendees: into('ATTENDED'),
    hosts: into('HOSTED'),
    agreements: into('CONCLUDED_AT'),
    presented: into('PRESENTED_AT'),
    covers: out('COVERS'),
    locatedIn: out('LOCATED_IN'),
  },
  ValueChain: {
    stages: into('PART_OF_CHAIN'),
    coveredBy: into('COVERS'),
  },
  Stage: {
    chain: out('PART_OF_CHAIN'),
    next: out('NEXT'),
    previous: into('NEXT'),
    members: into('AT_STAGE'),
  },
  CooperationArea: {
    coveredBy: into('COVERS'),
  },
  Place: {
    locatedIn: out('LOCATED_IN'),
    contains: into('LOCATED_IN'),
    materials: out('SUPPLIES', 'DEMANDS', 'HOLDS_DEPOSIT'),
    partyTo: out('PARTY_TO'),
    funds: out('FUNDS'),
  },
  Claim: {
    statedBy: into('STATES'),
    about: out('ABOUT'),
  },
  Source: {},
};
