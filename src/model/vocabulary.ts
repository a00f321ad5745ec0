/**
 * The model: entity types, their id prefixes and properties, and the relationship vocabulary with the
 * endpoint types and properties each allows. This is the one whitelist: the seed loader validates against
 * it, the resolvers read from it, and every Cypher builder splices labels, relationship types and property
 * names only from here, never from a request.
 */

/** A property's value type, as the validator checks it and Neo4j stores it. */
/** `dayList`: a list of full days (YYYY-MM-DD), stored sorted. */
export type PropertyKind = 'string' | 'text' | 'date' | 'dayList' | 'boolean' | 'integer' | 'number' | 'enum' | 'url';

/** How one property is declared: its type, whether a record must have it, and the allowed values of an enum. */
export interface PropertySpec {
  readonly kind: PropertyKind;
  readonly required?: boolean;
  readonly values?: readonly string[];
  readonly description: string;
}

export const SIDES = ['EU', 'KZ', 'OTHER'] as const;
/** Which side of the partnership an actor, project or place belongs to. */
export type Side = (typeof SIDES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
/** How sure the evidence is: high = official text or independent reports agree; medium = one reputable report. */
export type Confidence = (typeof CONFIDENCES)[number];

/** Languages of localised names; `translit` holds Latin transliterations and other spellings. */
export const NAME_LANGUAGES = ['en', 'de', 'ru', 'kk', 'fr', 'it', 'translit'] as const;
export type NameLanguage = (typeof NAME_LANGUAGES)[number];

export const ACTOR_KINDS = [
  'person',
  'eu-institution',
  'government',
  'ministry',
  'company',
  'financial-institution',
  'research',
  'association',
  'international-organisation',
  'agency',
] as const;

export const AGREEMENT_KINDS = [
  'mou',
  'roadmap',
  'treaty',
  'declaration',
  'financing-agreement',
  'investment-agreement',
  'letter-of-intent',
  'regulation',
] as const;

const side: PropertySpec = { kind: 'enum', values: SIDES, description: 'Side of the partnership: EU, KZ or OTHER.' };

/** Entity types: label -> id prefix and the properties beyond the shared ones (id, name, names, description, sourceIds, confidence). */
export const ENTITY_TYPES = {
  Actor: {
    prefix: 'actor',
    description: 'A person, institution, ministry, company or financier with a stake in the partnership.',
    properties: {
      kind: { kind: 'enum', values: ACTOR_KINDS, required: true, description: 'What sort of actor this is.' },
      side,
    },
  },
  Project: {
    prefix: 'project',
    description: 'An investment, exploration, research or technical-assistance project.',
    properties: {
      side,
      status: { kind: 'string', description: 'Stage of the project as the sources describe it, e.g. "planned".' },
      startDate: { kind: 'date', description: 'When the project started or is planned to start.' },
      endDate: { kind: 'date', description: 'When the project ended or is planned to reach operation.' },
    },
  },
  Material: {
    prefix: 'material',
    description: 'A raw material, intermediate product, product or energy carrier in a value chain.',
    properties: {
      kind: {
        kind: 'enum',
        values: ['raw-material', 'intermediate', 'product', 'energy-carrier'],
        required: true,
        description: 'Where in a value chain the material sits.',
      },
      crmaCritical: { kind: 'boolean', description: 'Listed in Annex II (critical raw materials) of the EU CRMA.' },
      crmaStrategic: { kind: 'boolean', description: 'Listed in Annex I (strategic raw materials) of the EU CRMA.' },
    },
  },
  FundingInstrument: {
    prefix: 'instrument',
    description: 'A programme, facility, package, loan or equity stake that channels money.',
    properties: {
      kind: {
        kind: 'enum',
        values: ['programme', 'facility', 'package', 'loan', 'equity', 'technical-assistance', 'strategy'],
        required: true,
        description: 'What sort of instrument this is.',
      },
      amount: { kind: 'number', description: 'Total volume in `currency`, where the sources state one.' },
      currency: { kind: 'string', description: 'ISO 4217 currency of `amount`.' },
      startDate: { kind: 'date', description: 'When the instrument was announced or started.' },
    },
  },
  Agreement: {
    prefix: 'agreement',
    description: 'A memorandum, roadmap, treaty, declaration or financing/investment agreement.',
    properties: {
      kind: { kind: 'enum', values: AGREEMENT_KINDS, required: true, description: 'What sort of agreement this is.' },
      date: { kind: 'date', description: 'When it was signed, announced or endorsed.' },
      validFrom: { kind: 'date', description: 'First day it applies or is in force.' },
      validTo: { kind: 'date', description: 'Last day it applies.' },
      legallyBinding: { kind: 'boolean', description: 'Whether the sources call it legally binding.' },
    },
  },
  Event: {
    prefix: 'event',
    description: 'A congress, forum, summit or meeting where the partnership moved forward.',
    properties: {
      kind: {
        kind: 'enum',
        values: ['congress', 'forum', 'summit', 'conference', 'meeting'],
        required: true,
        description: 'What sort of event this is.',
      },
      startDate: { kind: 'date', required: true, description: 'First day of the event.' },
      endDate: { kind: 'date', description: 'Last day of the event (same as startDate when it lasted one day).' },
    },
  },
  ValueChain: {
    prefix: 'chain',
    description: 'A strategic value chain of the partnership: raw materials, batteries or renewable hydrogen.',
    properties: {},
  },
  Stage: {
    prefix: 'stage',
    description: 'One stage of a value chain, ordered by NEXT relationships and by `position`.',
    properties: {
      position: { kind: 'integer', required: true, description: 'Position of the stage in its chain, from 1.' },
    },
  },
  CooperationArea: {
    prefix: 'area',
    description: 'A field of cooperation named by an agreement, e.g. geological exploration or skills.',
    properties: {},
  },
  Place: {
    prefix: 'place',
    description: 'A country, region or city.',
    properties: {
      kind: { kind: 'enum', values: ['country', 'region', 'city', 'union'], required: true, description: 'What sort of place.' },
      side,
    },
  },
  Claim: {
    prefix: 'claim',
    description: 'A statement made by a named speaker that the sources report as a claim, not as a fact.',
    properties: {
      date: { kind: 'date', description: 'When the claim was made.' },
    },
  },
  Source: {
    prefix: 'source',
    description: 'A document behind facts in the graph: a news article, an official text or the primary text.',
    properties: {
      title: { kind: 'string', required: true, description: 'Title of the document.' },
      publisher: { kind: 'string', description: 'Who published it (outlet or institution).' },
      url: { kind: 'url', description: 'Where to read it.' },
      date: { kind: 'date', description: 'Publication date, where known.' },
      language: { kind: 'string', description: 'ISO 639-1 language of the document.' },
    },
  },
} as const satisfies Record<string, { prefix: string; description: string; properties: Record<string, PropertySpec> }>;

/** A type label of the model, e.g. `Actor`. */
export type EntityType = keyof typeof ENTITY_TYPES;
export const ENTITY_TYPE_NAMES = Object.keys(ENTITY_TYPES) as EntityType[];

/** Properties every relationship may carry, beyond its own. `sourceIds` is required and checked separately. */
export const COMMON_RELATIONSHIP_PROPERTIES: Record<string, PropertySpec> = {
  confidence: { kind: 'enum', values: CONFIDENCES, description: 'How sure the evidence is.' },
  note: { kind: 'text', description: 'A short remark on the link, from the source.' },
};

const dated: Record<string, PropertySpec> = { date: { kind: 'date', description: 'When it happened.' } };
const validity: Record<string, PropertySpec> = {
  validFrom: { kind: 'date', description: 'First day the link held.' },
  validTo: { kind: 'date', description: 'Last day the link held; absent while it still holds or when unknown.' },
};
const attested: Record<string, PropertySpec> = {
  attestedOn: {
    kind: 'dayList',
    description: 'Days (YYYY-MM-DD) on which a source shows the link held, e.g. a signature in that capacity.',
  },
};

/**
 * How a relationship type relates to time, which decides how `asOf` treats a link of that type with no
 * stated end (the rule itself is in src/model/validity.ts):
 * - `period`: a state that starts and ends (an office, a membership, taking part in a project). Its start is
 *   validFrom (or date); with no stated end it is known to hold only up to its latest attestation, or, for a
 *   single-holder office, until a successor's appointment; after that its state is unknown.
 * - `since`: an act on a day (a signature, a meeting, a funding commitment) or a status that lasts once taken
 *   (party to an agreement, a body's place in a larger one): it holds from its start (validFrom or date) on,
 *   unless a validTo ends it.
 * - `timeless`: a structural fact not bound to a day (lithium is an input to batteries, a stage follows
 *   another, a deposit lies in a region): it holds on every day, within validFrom/validTo when stated.
 */
export type Temporality = 'period' | 'since' | 'timeless';

/** How one relationship type is declared: allowed endpoint types, its own properties and how it relates to time. */
export interface RelationshipSpec {
  readonly from: readonly EntityType[];
  readonly to: readonly EntityType[];
  readonly description: string;
  readonly properties: Record<string, PropertySpec>;
  readonly temporality: Temporality;
}

/** The relationship vocabulary. Nothing outside it is ever written or queried. */
export const RELATIONSHIP_TYPES = {
  HOLDS_OFFICE: {
    temporality: 'period',
    from: ['Actor'],
    to: ['Actor'],
    description: 'A person holds an office in a body.',
    properties: {
      ...attested,
      title: { kind: 'string', required: true, description: 'Title of the office.' },
      post: {
        kind: 'string',
        description:
          'Set only for an office one person holds at a time: a slug naming the post within the body (e.g. prime-minister). A later appointment to the same body and post ends this term that day.',
      },
      acting: { kind: 'boolean', description: 'Held in an acting capacity.' },
      ...validity,
    },
  },
  PART_OF: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Actor'],
    description: 'A body belongs to a larger one (ministry -> government, subsidiary -> parent).',
    properties: { ...attested, ...validity },
  },
  SIGNED: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Agreement'],
    description: 'An actor signed an agreement.',
    properties: { ...attested, ...dated, role: { kind: 'string', description: 'In which capacity.' } },
  },
  ANNOUNCED: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Agreement', 'FundingInstrument', 'Project'],
    description: 'An actor announced an agreement, instrument or project.',
    properties: { ...attested, ...dated },
  },
  WITNESSED: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Agreement'],
    description: 'An actor witnessed the signing of an agreement.',
    properties: { ...attested, ...dated },
  },
  PARTY_TO: {
    temporality: 'since',
    from: ['Actor', 'Place'],
    to: ['Agreement'],
    description: 'An actor or country is a party to an agreement.',
    properties: {
      ...attested,
      ratified: { kind: 'date', description: 'When this party ratified the agreement.' },
      ...validity,
    },
  },
  BUILDS_ON: {
    temporality: 'timeless',
    from: ['Agreement'],
    to: ['Agreement'],
    description: 'An agreement builds on an earlier one.',
    properties: {},
  },
  IMPLEMENTS: {
    temporality: 'timeless',
    from: ['Agreement', 'Project', 'FundingInstrument'],
    to: ['Agreement'],
    description: 'Something puts an agreement into practice.',
    properties: {},
  },
  COVERS: {
    temporality: 'timeless',
    from: ['Agreement', 'FundingInstrument', 'Event'],
    to: ['Material', 'CooperationArea', 'ValueChain'],
    description: 'An agreement, instrument or event covers a material, cooperation area or value chain.',
    properties: {},
  },
  CONCLUDED_AT: {
    temporality: 'since',
    from: ['Agreement'],
    to: ['Event'],
    description: 'An agreement was signed, exchanged or endorsed at an event.',
    properties: { ...attested, ...dated },
  },
  ATTENDED: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Event'],
    description: 'An actor attended an event.',
    properties: { ...attested, ...dated, role: { kind: 'string', description: 'e.g. speaker.' } },
  },
  MET: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Actor'],
    description: 'Two actors met (directed from the visitor to the host where the source says so).',
    properties: { ...attested, ...dated, topic: { kind: 'text', description: 'What the meeting was about.' } },
  },
  HOSTED: {
    temporality: 'timeless',
    from: ['Actor', 'Place'],
    to: ['Event'],
    description: 'An actor organised, or a place hosted, an event.',
    properties: {},
  },
  PARTICIPATES_IN: {
    temporality: 'period',
    from: ['Actor'],
    to: ['Project'],
    description: 'An actor takes part in a project.',
    properties: {
      ...attested,
      role: { kind: 'string', description: 'e.g. developer, partner, operator.' },
      share: { kind: 'number', description: 'Stake in percent.' },
      ...dated,
      ...validity,
    },
  },
  FUNDS: {
    temporality: 'since',
    from: ['FundingInstrument', 'Actor', 'Place'],
    to: ['Project', 'Actor', 'FundingInstrument'],
    description: 'An instrument or financier funds a project or an actor.',
    properties: {
      ...attested,
      amount: { kind: 'number', description: 'Amount in `currency`.' },
      currency: { kind: 'string', description: 'ISO 4217 currency of `amount`.' },
      share: { kind: 'number', description: 'Equity stake in percent.' },
      ...dated,
    },
  },
  MANAGES: {
    temporality: 'timeless',
    from: ['Actor'],
    to: ['FundingInstrument'],
    description: 'A body manages or provides an instrument.',
    properties: {},
  },
  FINANCES: {
    temporality: 'timeless',
    from: ['Agreement'],
    to: ['FundingInstrument'],
    description: 'An agreement sets up or finances an instrument.',
    properties: {},
  },
  INVOLVES: {
    temporality: 'timeless',
    from: ['Project'],
    to: ['Material'],
    description: 'A project involves a material (extracts, processes or produces it).',
    properties: {},
  },
  AT_STAGE: {
    temporality: 'timeless',
    from: ['Project', 'Material', 'Actor'],
    to: ['Stage'],
    description: 'A project, material or actor sits at a value-chain stage.',
    properties: {},
  },
  NEXT: {
    temporality: 'timeless',
    from: ['Stage'],
    to: ['Stage'],
    description: 'The following stage of the same chain.',
    properties: {},
  },
  PART_OF_CHAIN: {
    temporality: 'timeless',
    from: ['Stage', 'Material'],
    to: ['ValueChain'],
    description: 'A stage or material belongs to a value chain.',
    properties: {},
  },
  INPUT_TO: {
    temporality: 'timeless',
    from: ['Material'],
    to: ['Material'],
    description: 'A material is an input to making another.',
    properties: {},
  },
  PRODUCES: {
    temporality: 'timeless',
    from: ['Actor', 'Project'],
    to: ['Material'],
    description: 'An actor or project produces a material.',
    properties: { ...validity },
  },
  PROCESSES: {
    temporality: 'timeless',
    from: ['Actor'],
    to: ['Material'],
    description: 'An actor processes a material.',
    properties: {},
  },
  SUPPLIES: {
    temporality: 'since',
    from: ['Actor', 'Place'],
    to: ['Material'],
    description: 'An actor or country supplies a material (to the EU where the source says so).',
    properties: { ...attested, share: { kind: 'number', description: 'Market share in percent.' }, ...dated },
  },
  DEMANDS: {
    temporality: 'timeless',
    from: ['Actor', 'Place'],
    to: ['Material'],
    description: 'An actor or economy needs a material.',
    properties: {},
  },
  HOLDS_DEPOSIT: {
    temporality: 'timeless',
    from: ['Place', 'Actor', 'Project'],
    to: ['Material'],
    description: 'A place, company or project holds a deposit or resource of a material.',
    properties: {},
  },
  STATES: {
    temporality: 'since',
    from: ['Actor'],
    to: ['Claim'],
    description: 'An actor made a claim.',
    properties: { ...attested, ...dated },
  },
  ABOUT: {
    temporality: 'timeless',
    from: ['Claim'],
    to: ['Material', 'Place', 'Actor', 'Project'],
    description: 'What a claim is about.',
    properties: {},
  },
  LOCATED_IN: {
    temporality: 'timeless',
    from: ['Actor', 'Project', 'Event', 'Place', 'Agreement'],
    to: ['Place'],
    description: 'Something is located in a place; for an agreement, where it was signed.',
    properties: {},
  },
  FRAMED_BY: {
    temporality: 'timeless',
    from: ['Agreement', 'FundingInstrument', 'Project'],
    to: ['FundingInstrument'],
    description: 'An agreement, instrument or project is framed by a strategy or programme, e.g. Global Gateway or REPowerEU.',
    properties: {},
  },
  PRESENTED_AT: {
    temporality: 'since',
    from: ['Project', 'FundingInstrument', 'Agreement'],
    to: ['Event'],
    description: 'A project, instrument or agreement was presented or announced at an event.',
    properties: { ...attested, ...dated },
  },
} as const satisfies Record<string, RelationshipSpec>;

/** A relationship type of the vocabulary, e.g. `HOLDS_OFFICE`. */
export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];

/** Properties every entity has. `sourceIds` and `names` are checked by the validator itself. */
export const COMMON_ENTITY_PROPERTIES: Record<string, PropertySpec> = {
  name: { kind: 'string', required: true, description: 'English display name.' },
  description: { kind: 'text', description: 'One or two sentences.' },
  confidence: { kind: 'enum', values: CONFIDENCES, required: true, description: 'How sure the evidence is.' },
};

export function isEntityType(value: string): value is EntityType {
  return Object.hasOwn(ENTITY_TYPES, value);
}

export function isRelationshipType(value: string): value is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_TYPES, value);
}

const typeByPrefix = new Map<string, EntityType>(ENTITY_TYPE_NAMES.map((type) => [ENTITY_TYPES[type].prefix, type]));

/** The entity type an id's prefix names, or undefined for an unknown prefix. */
export function entityTypeOfId(id: string): EntityType | undefined {
  const colon = id.indexOf(':');
  return colon < 0 ? undefined : typeByPrefix.get(id.slice(0, colon));
}

/**
 * Longest values the validator accepts, in characters. Neo4j refuses an index key over about 8 KB (8167
 * bytes for a range index, where ids and sortName sit; up to 4 bytes per character in UTF-8), and fails the
 * whole write; these caps keep every indexed value under it, so a dry run and a real run agree.
 * `string` kinds may be indexed (names, statuses, titles): 1,000 characters is at most 4,000 bytes;
 * `text` kinds (description, note, topic) are only in the full-text index, whose tokens are short words.
 */
export const MAX_LENGTHS = {
  /** An entity id, a relationship key, a Source id in sourceIds. */
  id: 200,
  /** The display name and each other spelling (the name is folded into sortName, which is indexed with the id). */
  name: 500,
  /** A `string` property. */
  string: 1000,
  /** A `url` property. */
  url: 2000,
  /** A `text` property. */
  text: 10_000,
  /** Spellings in `names`, Sources in `sourceIds`. */
  listItems: 100,
} as const;

/** Ids are `<prefix>:<ascii-kebab-slug>`: lowercase ASCII letters and digits joined by single hyphens. */
export const ID_PATTERN = /^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$/;
