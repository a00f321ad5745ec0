/**
 * The one validator of graph records, used by the seed loader (and by every future write path): checks a
 * batch of entity and relationship records against the model and reports every problem with where it is,
 * not just the first. It never touches the database; references outside the batch are resolved through
 * the `existing` callback.
 */
import { isIsoDate } from './dates.ts';
import {
  COMMON_ENTITY_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_TYPES,
  ENTITY_TYPE_NAMES,
  ID_PATTERN,
  MAX_LENGTHS,
  NAME_LANGUAGES,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_NAMES,
  entityTypeOfId,
  isEntityType,
  isRelationshipType,
  type EntityType,
  type PropertySpec,
  type RelationshipType,
} from './vocabulary.ts';

/** Where a record came from: a file, a line (1-based) and, where it can be told, a column, for error messages. */
export interface RecordLocation {
  file: string;
  line: number;
  column?: number;
}

/** A raw record with its location, as read from a file or a request. */
export interface LocatedRecord {
  location: RecordLocation;
  record: Record<string, unknown>;
  /** Column of each field in its file (CSV), so that problems can name the column. */
  columns?: Record<string, number>;
}

/** One problem found in one record. */
export interface ValidationProblem {
  location: RecordLocation;
  /** The record's id, or `from -[TYPE]-> to` for a relationship, when it can be told. */
  subject: string;
  message: string;
}

/** A validated entity, ready to write. */
export interface EntityRecord {
  type: EntityType;
  id: string;
  properties: Record<string, unknown>;
}

/** A validated relationship, ready to write. `key` tells apart two links of one type between one pair. */
export interface RelationshipRecord {
  type: RelationshipType;
  from: string;
  to: string;
  key: string;
  properties: Record<string, unknown>;
}

/** The outcome of validateRecords: either problems, or records ready to write. */
export interface ValidationResult {
  problems: ValidationProblem[];
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
}

/** Options of validateRecords. */
export interface ValidateOptions {
  /** The type of an id that exists outside this batch (e.g. in the database), or undefined. @default none exist */
  existing?: (id: string) => EntityType | undefined;
}

const ENTITY_BASE_KEYS = new Set(['type', 'id', 'name', 'names', 'description', 'confidence', 'sourceIds']);
const RELATIONSHIP_BASE_KEYS = new Set(['type', 'from', 'to', 'key', 'sourceIds']);

/** Formats a problem as `file:line[:column] (subject): message`. */
export function formatProblem(problem: ValidationProblem): string {
  const { file, line, column } = problem.location;
  return `${file}:${line}${column ? `:${column}` : ''} (${problem.subject}): ${problem.message}`;
}

// Private: a reporter that locates each problem at the record, and at the field's column when known.
function reporterFor(input: LocatedRecord, subject: string, problems: ValidationProblem[]) {
  return (message: string, field?: string) => {
    const column = field ? input.columns?.[field] : undefined;
    problems.push({ location: column ? { ...input.location, column } : input.location, subject, message });
  };
}

/** Validates entity and relationship records together; returns every problem, or the records to write. */
export function validateRecords(
  entityInputs: readonly LocatedRecord[],
  relationshipInputs: readonly LocatedRecord[],
  options: ValidateOptions = {},
): ValidationResult {
  const { existing = () => undefined } = options;
  const problems: ValidationProblem[] = [];
  const typeById = new Map<string, EntityType>();
  const firstSeen = new Map<string, RecordLocation>();

  // Pass 1: ids and types, so that pass 2 can check references in any order.
  for (const { record, location } of entityInputs) {
    const id = typeof record.id === 'string' ? record.id : undefined;
    const type = typeof record.type === 'string' && isEntityType(record.type) ? record.type : undefined;
    if (id === undefined || type === undefined) continue;
    const earlier = firstSeen.get(id);
    if (earlier) {
      problems.push({ location, subject: id, message: `Duplicate id "${id}": already defined at ${earlier.file}:${earlier.line}.` });
      continue;
    }
    firstSeen.set(id, location);
    typeById.set(id, type);
  }
  const typeOf = (id: string) => typeById.get(id) ?? existing(id);

  const entities: EntityRecord[] = [];
  for (const input of entityInputs) {
    const entity = validateEntity(input, typeOf, problems);
    if (entity) entities.push(entity);
  }

  const relationships: RelationshipRecord[] = [];
  const seenLinks = new Map<string, RecordLocation>();
  for (const input of relationshipInputs) {
    const relationship = validateRelationship(input, typeOf, problems);
    if (!relationship) continue;
    const identity = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.key}`;
    const earlier = seenLinks.get(identity);
    if (earlier) {
      problems.push({
        location: input.location,
        subject: describeLink(input.record),
        message: `Duplicate relationship: the same from, type, to and key are already defined at ${earlier.file}:${earlier.line}; give one a different "key".`,
      });
      continue;
    }
    seenLinks.set(identity, input.location);
    relationships.push(relationship);
  }
  return { problems, entities: problems.length ? [] : entities, relationships: problems.length ? [] : relationships };
}

// Private: one entity record; pushes its problems and returns it when it has none.
function validateEntity(input: LocatedRecord, typeOf: (id: string) => EntityType | undefined, problems: ValidationProblem[]): EntityRecord | undefined {
  const { record } = input;
  const subject = typeof record.id === 'string' ? record.id : '(no id)';
  const before = problems.length;
  const report = reporterFor(input, subject, problems);

  const type = record.type;
  if (typeof type !== 'string' || !isEntityType(type)) {
    report(`Unknown entity type ${JSON.stringify(type)}; expected one of ${ENTITY_TYPE_NAMES.join(', ')}.`, 'type');
    return undefined;
  }
  const spec = ENTITY_TYPES[type];
  const id = record.id;
  if (typeof id === 'string' && id.length > MAX_LENGTHS.id) {
    report(`"id" must be at most ${MAX_LENGTHS.id} characters, but has ${id.length}.`, 'id');
  } else if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    report(`"id" must look like "${spec.prefix}:lowercase-ascii-slug", but got ${JSON.stringify(id)}.`, 'id');
  } else if (entityTypeOfId(id) !== type) {
    report(`Id "${id}" must start with "${spec.prefix}:" for type ${type}.`, 'id');
  }

  const allowed: Record<string, PropertySpec> = { ...COMMON_ENTITY_PROPERTIES, ...spec.properties };
  for (const key of Object.keys(record)) {
    if (!ENTITY_BASE_KEYS.has(key) && !Object.hasOwn(allowed, key)) {
      report(`Unknown property "${key}" on ${type}; allowed: ${Object.keys(spec.properties).join(', ') || '(none beyond the shared ones)'}.`, key);
    }
  }
  const properties: Record<string, unknown> = { id };
  for (const [key, propertySpec] of Object.entries(allowed)) {
    const value = checkProperty(key, record[key], propertySpec, (message) => report(message, key));
    if (value !== undefined) properties[key] = value;
  }
  const names = checkNames(record.names, (message) => report(message, 'names'));
  properties.names = names.map(([, value]) => value);
  properties.nameLangs = names.map(([language]) => language);
  properties.sourceIds = checkSourceIds(record.sourceIds, typeOf, (message) => report(message, 'sourceIds'), type === 'Source' ? (id as string) : undefined);

  return problems.length === before ? { type, id: id as string, properties } : undefined;
}

// Private: one relationship record; pushes its problems and returns it when it has none.
function validateRelationship(
  input: LocatedRecord,
  typeOf: (id: string) => EntityType | undefined,
  problems: ValidationProblem[],
): RelationshipRecord | undefined {
  const { record } = input;
  const subject = describeLink(record);
  const before = problems.length;
  const report = reporterFor(input, subject, problems);

  const type = record.type;
  if (typeof type !== 'string' || !isRelationshipType(type)) {
    report(`Unknown relationship type ${JSON.stringify(type)}; expected one of ${RELATIONSHIP_TYPE_NAMES.join(', ')}.`, 'type');
    return undefined;
  }
  const spec = RELATIONSHIP_TYPES[type];
  for (const [end, allowedTypes] of [
    ['from', spec.from],
    ['to', spec.to],
  ] as const) {
    const id = record[end];
    if (typeof id !== 'string' || id === '') {
      report(`"${end}" must be an entity id, but got ${JSON.stringify(id)}.`, end);
      continue;
    }
    if (id.length > MAX_LENGTHS.id) {
      report(`"${end}" must be at most ${MAX_LENGTHS.id} characters, but has ${id.length}.`, end);
      continue;
    }
    const endType = typeOf(id);
    if (endType === undefined) {
      report(`"${end}" refers to "${id}", which does not exist.`, end);
    } else if (!(allowedTypes as readonly string[]).includes(endType)) {
      report(
        `${type} cannot ${end === 'from' ? 'start at' : 'end at'} ${/^[AEIOU]/.test(endType) ? 'an' : 'a'} ${endType} ("${id}"); allowed: ${allowedTypes.join(', ')}.`,
        end,
      );
    }
  }
  const key = record.key ?? '';
  if (typeof key !== 'string') report(`"key" must be a string, but got ${JSON.stringify(key)}.`, 'key');
  else if (key.length > MAX_LENGTHS.id) report(`"key" must be at most ${MAX_LENGTHS.id} characters, but has ${key.length}.`, 'key');

  const allowed: Record<string, PropertySpec> = { ...COMMON_RELATIONSHIP_PROPERTIES, ...spec.properties };
  for (const name of Object.keys(record)) {
    if (!RELATIONSHIP_BASE_KEYS.has(name) && !Object.hasOwn(allowed, name)) {
      report(`Unknown property "${name}" on ${type}; allowed: ${Object.keys(allowed).join(', ')}.`, name);
    }
  }
  const properties: Record<string, unknown> = { key };
  for (const [name, propertySpec] of Object.entries(allowed)) {
    const value = checkProperty(name, record[name], { ...propertySpec, required: propertySpec.required || name === 'confidence' }, (message) =>
      report(message, name),
    );
    if (value !== undefined) properties[name] = value;
  }
  properties.sourceIds = checkSourceIds(record.sourceIds, typeOf, (message) => report(message, 'sourceIds'));
  for (const [start, end] of [['validFrom', 'validTo']] as const) {
    if (typeof properties[start] === 'string' && typeof properties[end] === 'string' && properties[start] > properties[end]) {
      report(`"${start}" (${properties[start]}) is after "${end}" (${properties[end]}).`, start);
    }
  }
  return problems.length === before ? { type, from: record.from as string, to: record.to as string, key: key as string, properties } : undefined;
}

// Private: checks one property value against its spec; returns the value to store, or undefined.
function checkProperty(name: string, value: unknown, spec: PropertySpec, report: (message: string) => void): unknown {
  if (value === undefined || value === null) {
    if (spec.required) report(`Missing required property "${name}".`);
    return undefined;
  }
  if (typeof value === 'string') {
    const max = name === 'name' ? MAX_LENGTHS.name : spec.kind === 'text' ? MAX_LENGTHS.text : spec.kind === 'url' ? MAX_LENGTHS.url : MAX_LENGTHS.string;
    if (value.trim().length > max) return report(`"${name}" must be at most ${max} characters, but has ${value.trim().length}.`);
  }
  const got = JSON.stringify(value);
  switch (spec.kind) {
    case 'string':
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return report(`"${name}" must be a non-empty string, but got ${got}.`);
      return value.trim();
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) {
        return report(`"${name}" must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), but got ${got}.`);
      }
      return value;
    case 'dayList': {
      if (!Array.isArray(value) || value.length === 0 || value.some((day) => typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !isIsoDate(day))) {
        return report(`"${name}" must be a non-empty list of days as YYYY-MM-DD, but got ${got}.`);
      }
      // Stored sorted and without repeats, so writing the same days in another order changes nothing.
      return [...new Set(value as string[])].sort();
    }
    case 'boolean':
      if (typeof value !== 'boolean') return report(`"${name}" must be true or false, but got ${got}.`);
      return value;
    case 'integer':
      if (!Number.isSafeInteger(value)) return report(`"${name}" must be a whole number, but got ${got}.`);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return report(`"${name}" must be a number, but got ${got}.`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !spec.values?.includes(value)) {
        return report(`"${name}" must be one of ${spec.values?.join(', ')}, but got ${got}.`);
      }
      return value;
    case 'url':
      if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
        return report(`"${name}" must be an http(s) URL, but got ${got}.`);
      }
      return value;
  }
}

// Private: `names` is an object from language to spellings; returns [language, spelling] pairs.
function checkNames(value: unknown, report: (message: string) => void): [string, string][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(`"names" must be an object from language (${NAME_LANGUAGES.join(', ')}) to a list of spellings, but got ${JSON.stringify(value)}.`);
    return [];
  }
  const pairs: [string, string][] = [];
  for (const [language, spellings] of Object.entries(value)) {
    if (!(NAME_LANGUAGES as readonly string[]).includes(language)) {
      report(`Unknown language "${language}" in "names"; allowed: ${NAME_LANGUAGES.join(', ')}.`);
      continue;
    }
    if (!Array.isArray(spellings) || spellings.some((spelling) => typeof spelling !== 'string' || spelling.trim() === '')) {
      report(`"names.${language}" must be a list of non-empty strings, but got ${JSON.stringify(spellings)}.`);
      continue;
    }
    const tooLong = (spellings as string[]).find((spelling) => spelling.trim().length > MAX_LENGTHS.name);
    if (tooLong !== undefined) {
      report(`Each spelling in "names.${language}" must be at most ${MAX_LENGTHS.name} characters, but one has ${tooLong.trim().length}.`);
      continue;
    }
    for (const spelling of spellings as string[]) pairs.push([language, spelling.trim()]);
  }
  if (pairs.length > MAX_LENGTHS.listItems) {
    report(`"names" must hold at most ${MAX_LENGTHS.listItems} spellings, but has ${pairs.length}.`);
    return [];
  }
  return pairs;
}

// Private: `sourceIds` is a non-empty list of ids of Source entities (a Source may cite itself).
function checkSourceIds(value: unknown, typeOf: (id: string) => EntityType | undefined, report: (message: string) => void, selfId?: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    report(`"sourceIds" must list at least one Source id, but got ${JSON.stringify(value)}.`);
    return [];
  }
  if (value.length > MAX_LENGTHS.listItems) {
    report(`"sourceIds" must list at most ${MAX_LENGTHS.listItems} Sources, but lists ${value.length}.`);
    return [];
  }
  for (const id of value) {
    if (typeof id !== 'string') {
      report(`"sourceIds" must hold ids, but got ${JSON.stringify(id)}.`);
    } else if (id.length > MAX_LENGTHS.id) {
      report(`A Source id in "sourceIds" must be at most ${MAX_LENGTHS.id} characters, but one has ${id.length}.`);
    } else if (id !== selfId && typeOf(id) === undefined) {
      report(`Unknown source "${id}" in "sourceIds".`);
    } else if (id !== selfId && typeOf(id) !== 'Source') {
      report(`"${id}" in "sourceIds" is ${/^[AEIOU]/.test(String(typeOf(id))) ? 'an' : 'a'} ${typeOf(id)}, not a Source.`);
    }
  }
  return [...new Set(value as string[])];
}

// Private: a readable name for a relationship record in messages.
function describeLink(record: Record<string, unknown>): string {
  return `${String(record.from ?? '?')} -[${String(record.type ?? '?')}]-> ${String(record.to ?? '?')}`;
}
