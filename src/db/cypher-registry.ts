/**
 * The query registry: every Cypher statement lives in cypher/<name>.cypher and is read once at start-up.
 * Code refers to statements by name only; a test fails when a file is not referenced by any code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holdsOnCypher, validityCypher } from '../model/validity.ts';
import { isEntityType, isRelationshipType } from '../model/vocabulary.ts';

/** The folder that holds every .cypher file. */
export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../cypher');

let statements: ReadonlyMap<string, string> | undefined;

/**
 * Slots of a template statement, each filled only from a closed set, never from request text:
 * `__LABEL__` an entity type label; `__TYPE__` one or more relationship types joined by `|`;
 * `__WHERE__` a predicate compiled by src/filters (constant fragments, values as parameters);
 * `__SORT__` a sort expression from SORT_EXPRESSIONS; `__DIR__` ASC or DESC (and `__CMP__` follows it);
 * `__LEFT__` / `__RIGHT__` the arrows of OUT, IN or BOTH.
 * Always filled, with no slot to pass: `__HOLDS_ON(r)__` and `__VALIDITY(r)__`, the asOf rule of
 * src/model/validity.ts over the relationship variable `r` and the parameters `$asOf` and `$includeUncertain`.
 */
export interface CypherSlots {
  label?: string;
  type?: string;
  where?: CypherPredicate;
  sort?: SortKey;
  dir?: 'ASC' | 'DESC';
  /** Fills `__LEFT__` / `__RIGHT__` with the arrows of a pattern seen from `n`. */
  arrow?: 'OUT' | 'IN' | 'BOTH';
  /** Fills `__HOPS__`: the upper bound of a variable-length pattern, an integer from 1 to MAX_HOPS. */
  hops?: number;
  /** Fills `__COUNT__`: k of `SHORTEST k`, an integer from 1 to MAX_PATH_COUNT. */
  count?: number;
}

/** Largest `__HOPS__` any statement may be given. */
export const MAX_HOPS = 6;
/** Largest `__COUNT__` any statement may be given. */
export const MAX_PATH_COUNT = 10;

const ARROWS = { OUT: ['-', '->'], IN: ['<-', '-'], BOTH: ['-', '-'] } as const;

/** A predicate over `n` built by the filter compiler; its text holds only constant fragments and `$parameters`. */
export class CypherPredicate {
  private constructor(readonly text: string) {}
  /** Only src/filters calls this, with text assembled from its own constant fragments. */
  static trusted(text: string): CypherPredicate {
    return new CypherPredicate(text);
  }
  static readonly TRUE = new CypherPredicate('true');
}

/** Sort expressions of collections, by API order field. */
export const SORT_EXPRESSIONS = {
  NAME: 'n.sortName',
  DATE: 'coalesce(n.sortDate, $missingDate)',
  ID: 'n.id',
} as const;
export type SortKey = keyof typeof SORT_EXPRESSIONS;

/** The text of cypher/<name>.cypher with its slots filled; throws naming the file when it does not exist. */
export function cypher(name: string, slots: CypherSlots = {}): string {
  statements ??= loadAll();
  const text = statements.get(name);
  if (text === undefined) {
    throw new Error(`No Cypher statement named "${name}": expected a file cypher/${name}.cypher.`);
  }
  let filled = text;
  if (slots.label !== undefined) {
    if (!isEntityType(slots.label)) throw new Error(`"${slots.label}" is not an entity type of the model.`);
    filled = filled.replaceAll('__LABEL__', slots.label);
  }
  if (slots.type !== undefined) {
    const types = slots.type.split('|');
    for (const type of types) {
      if (!isRelationshipType(type)) throw new Error(`"${type}" is not a relationship type of the model.`);
    }
    filled = filled.replaceAll('__TYPE__', types.join('|'));
  }
  if (slots.where !== undefined) {
    if (!(slots.where instanceof CypherPredicate)) throw new Error('A __WHERE__ slot takes only a compiled CypherPredicate.');
    filled = filled.replaceAll('__WHERE__', slots.where.text);
  }
  if (slots.sort !== undefined) {
    if (!Object.hasOwn(SORT_EXPRESSIONS, slots.sort)) throw new Error(`"${slots.sort}" is not a sort field.`);
    filled = filled.replaceAll('__SORT__', SORT_EXPRESSIONS[slots.sort]);
  }
  if (slots.dir !== undefined) {
    if (slots.dir !== 'ASC' && slots.dir !== 'DESC') throw new Error(`"${String(slots.dir)}" is not a sort direction.`);
    filled = filled.replaceAll('__DIR__', slots.dir).replaceAll('__CMP__', slots.dir === 'ASC' ? '>' : '<');
  }
  if (slots.arrow !== undefined) {
    const arrows = ARROWS[slots.arrow];
    if (!arrows) throw new Error(`"${String(slots.arrow)}" is not a direction.`);
    filled = filled.replaceAll('__LEFT__', arrows[0]).replaceAll('__RIGHT__', arrows[1]);
  }
  for (const [slot, value, max] of [['__HOPS__', slots.hops, MAX_HOPS], ['__COUNT__', slots.count, MAX_PATH_COUNT]] as const) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${slot} must be an integer from 1 to ${max}, but got ${value}.`);
    filled = filled.replaceAll(slot, String(value));
  }
  filled = filled.replace(/__(HOLDS_ON|VALIDITY)\(([A-Za-z_][A-Za-z0-9_]*)\)__/g, (_match, slot: string, rel: string) => {
    const names = { rel, asOf: 'asOf', includeUncertain: 'includeUncertain' };
    return slot === 'HOLDS_ON' ? holdsOnCypher(names) : validityCypher(names);
  });
  if (/__(HOLDS_ON|VALIDITY)\(|__(LABEL|TYPE|WHERE|SORT|DIR|CMP|LEFT|RIGHT|HOPS|COUNT)__/.test(filled)) throw new Error(`Cypher statement "${name}" has an unfilled slot.`);
  return filled;
}

/** Names of all statements in cypher/, sorted. */
export function cypherNames(): string[] {
  statements ??= loadAll();
  return [...statements.keys()].sort();
}

// Private: reads every .cypher file once; comments (// ...) are kept, Neo4j ignores them.
function loadAll(): Map<string, string> {
  const files = readdirSync(CYPHER_DIR).filter((file) => file.endsWith('.cypher'));
  return new Map(files.map((file) => [basename(file, '.cypher'), readFileSync(join(CYPHER_DIR, file), 'utf8').trim()]));
}

/** Splits a multi-statement file (schema.cypher) into statements at semicolons that end a line. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\r?\n|$)/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}
