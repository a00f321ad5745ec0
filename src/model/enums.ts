/**
 * The SDL enums of the model, mapped once: the database keeps the model's values (`eu-institution`, `high`,
 * `de`), the API shows them as SCREAMING_SNAKE_CASE names (`EU_INSTITUTION`, `HIGH`, `DE`). createSchema()
 * hands ENUM_RESOLVERS to graphql-tools as enum internal values, so resolvers, filters and mutations see
 * stored values only and graphql-js converts at the edge, both ways. test/enums.test.ts fails when an SDL
 * enum and the model differ.
 */
import { CONFIDENCES, ENTITY_TYPES, ENTITY_TYPE_NAMES, NAME_LANGUAGES, RELATIONSHIP_TYPE_NAMES, SIDES } from './vocabulary.ts';

// Private: the values of an entity type's enum property in the vocabulary.
function valuesOf(type: keyof typeof ENTITY_TYPES, property: string): readonly string[] {
  const spec = (ENTITY_TYPES[type].properties as Record<string, { values?: readonly string[] }>)[property];
  if (!spec?.values) throw new Error(`The vocabulary has no enum property "${type}.${property}".`);
  return spec.values;
}

/** Each SDL enum that shows model values, with the stored values it stands for. */
export const MODEL_ENUMS: Readonly<Record<string, readonly string[]>> = {
  Confidence: CONFIDENCES,
  Side: SIDES,
  Language: NAME_LANGUAGES,
  ActorKind: valuesOf('Actor', 'kind'),
  MaterialKind: valuesOf('Material', 'kind'),
  FundingInstrumentKind: valuesOf('FundingInstrument', 'kind'),
  AgreementKind: valuesOf('Agreement', 'kind'),
  EventKind: valuesOf('Event', 'kind'),
  PlaceKind: valuesOf('Place', 'kind'),
};

/** SDL enums whose names are the stored values themselves (type labels, relationship types). */
export const VERBATIM_ENUMS: Readonly<Record<string, readonly string[]>> = {
  EntityType: ENTITY_TYPE_NAMES,
  RelationshipType: RELATIONSHIP_TYPE_NAMES,
};

/** The SDL name of a stored value: `eu-institution` -> `EU_INSTITUTION`, `EU` -> `EU`. */
export function sdlEnumName(stored: string): string {
  return stored.replace(/-/g, '_').toUpperCase();
}

/** graphql-tools enum resolvers: for each model enum, SDL name -> stored value. */
export const ENUM_RESOLVERS: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(MODEL_ENUMS).map(([name, values]) => [name, Object.fromEntries(values.map((value) => [sdlEnumName(value), value]))]),
);
