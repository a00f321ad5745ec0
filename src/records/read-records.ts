/**
 * Reading records from files or request bodies, each with where it came from (file, line, column) for
 * error messages. Formats: JSON Lines (the seed's format), a JSON document `{ "nodes": [...],
 * "relationships": [...] }` or an array of records, and CSV with a header row. A record with `from` and
 * `to` is a relationship, any other an entity.
 */
import { parse } from 'csv-parse/sync';
import {
  COMMON_ENTITY_PROPERTIES,
  COMMON_RELATIONSHIP_PROPERTIES,
  ENTITY_TYPES,
  RELATIONSHIP_TYPES,
  isEntityType,
  isRelationshipType,
  type PropertySpec,
} from '../model/vocabulary.ts';
import type { LocatedRecord, ValidationProblem } from '../model/validate-records.ts';

/** Records read from one or more inputs, split into entities and relationships, plus what could not be read. */
export interface ReadResult {
  entities: LocatedRecord[];
  relationships: LocatedRecord[];
  problems: ValidationProblem[];
}

/** The formats records can be read from. */
export type RecordFormat = 'jsonl' | 'json' | 'csv';

/** Picks the format from a file name: .jsonl / .ndjson, .json, .csv. */
export function formatOfFile(file: string): RecordFormat | undefined {
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return 'json';
  if (/\.csv$/i.test(file)) return 'csv';
  return undefined;
}

/** Reads one input's text in `format`; `file` names it in locations. Adds to `into`. */
export function readRecords(text: string, format: RecordFormat, file: string, into: ReadResult = emptyResult()): ReadResult {
  const add = (record: Record<string, unknown>, line: number, columns?: Record<string, number>) => {
    const located: LocatedRecord = { location: { file, line }, record, ...(columns ? { columns } : {}) };
    (Object.hasOwn(record, 'from') || Object.hasOwn(record, 'to') ? into.relationships : into.entities).push(located);
  };
  const fail = (line: number, message: string, column?: number) =>
    into.problems.push({ location: { file, line, ...(column ? { column } : {}) }, subject: '(unreadable)', message });

  if (format === 'jsonl') {
    text.split('\n').forEach((lineText, index) => {
      if (lineText.trim() === '') return;
      const parsed = parseJson(lineText);
      if (isRecord(parsed.value)) add(parsed.value, index + 1);
      else fail(index + 1, parsed.error ?? 'Not a JSON object.', parsed.column);
    });
  } else if (format === 'json') {
    const parsed = parseJson(text);
    const document = parsed.value;
    if (parsed.error) {
      const line = text.slice(0, parsed.position ?? 0).split('\n').length;
      fail(line, parsed.error);
      return into;
    }
    const lists = Array.isArray(document)
      ? [document]
      : isRecord(document) && (Array.isArray(document.nodes) || Array.isArray(document.relationships))
        ? [(document.nodes as unknown[]) ?? [], (document.relationships as unknown[]) ?? []]
        : undefined;
    if (!lists) {
      fail(1, 'Expected an array of records or an object with "nodes" and "relationships" arrays.');
      return into;
    }
    let ordinal = 0;
    for (const list of lists) {
      for (const item of list) {
        ordinal += 1;
        if (isRecord(item)) add(item, ordinal);
        else fail(ordinal, `Record ${ordinal} is not a JSON object.`);
      }
    }
  } else {
    readCsv(text, add, fail);
  }
  return into;
}

/** An empty ReadResult to accumulate into. */
export function emptyResult(): ReadResult {
  return { entities: [], relationships: [], problems: [] };
}

// Private: CSV with a header row. Lists (sourceIds, names.<lang>) are separated by "|"; values are typed by
// the model's property kinds; empty cells are absent values. Locations carry the line and the column.
function readCsv(
  text: string,
  add: (record: Record<string, unknown>, line: number, columns: Record<string, number>) => void,
  fail: (line: number, message: string, column?: number) => void,
): void {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, relax_column_count: false, skip_empty_lines: true, bom: true, trim: true }) as never;
  } catch (error) {
    const { lines, column } = error as { lines?: number; column?: number };
    fail(lines ?? 1, `Not valid CSV: ${(error as Error).message}`, column);
    return;
  }
  const [header, ...body] = rows;
  if (!header) return;
  const names = header.record;
  const columns = Object.fromEntries(names.map((name, index) => [name.startsWith('names.') ? 'names' : name, index + 1]));
  for (const { record: cells, info } of body) {
    // Fields are collected as entries and made own properties at once, so a column named "__proto__" is a
    // field the validator refuses, not an assignment to the record's prototype.
    const fields: [string, unknown][] = [];
    const spellings: Record<string, string[]> = {};
    const isLink = names.includes('from') && names.includes('to');
    const type = cells[names.indexOf('type')] ?? '';
    const specs = propertySpecs(type, isLink);
    names.forEach((name, index) => {
      const cell = cells[index] ?? '';
      if (cell === '') return;
      if (name === 'sourceIds') fields.push(['sourceIds', splitList(cell)]);
      else if (name.startsWith('names.')) Object.defineProperty(spellings, name.slice(6), { value: splitList(cell), enumerable: true });
      else fields.push([name, typeCell(cell, Object.hasOwn(specs, name) ? specs[name] : undefined)]);
    });
    if (Object.keys(spellings).length > 0) fields.push(['names', spellings]);
    add(Object.fromEntries(fields), info.lines, columns);
  }
}

// Private: the property specs of a type, to type CSV cells (unknown types leave cells as strings).
function propertySpecs(type: string, isLink: boolean): Record<string, PropertySpec> {
  if (isLink) return isRelationshipType(type) ? { ...COMMON_RELATIONSHIP_PROPERTIES, ...RELATIONSHIP_TYPES[type].properties } : {};
  return isEntityType(type) ? { ...COMMON_ENTITY_PROPERTIES, ...ENTITY_TYPES[type].properties } : {};
}

// Private: a CSV cell as the property's kind wants it; a cell that does not convert stays a string, so the
// validator reports it with the expected kind.
function typeCell(cell: string, spec: PropertySpec | undefined): unknown {
  if (!spec) return cell;
  if (spec.kind === 'boolean') return cell === 'true' ? true : cell === 'false' ? false : cell;
  if (spec.kind === 'integer' || spec.kind === 'number') return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : cell;
  return cell;
}

function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Private: JSON.parse with the error position when it fails.
function parseJson(text: string): { value?: unknown; error?: string; position?: number; column?: number } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    return { error: `Not valid JSON: ${message}.`, ...(Number.isNaN(position) ? {} : { position, column: position + 1 }) };
  }
}
