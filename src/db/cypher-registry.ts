/**
 * The query registry: every Cypher statement lives in cypher/<name>.cypher and is read once at start-up.
 * Code refers to statements by name only; a test fails when a file is not referenced by any code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntityType, isRelationshipType } from '../model/vocabulary.ts';

/** The folder that holds every .cypher file. */
export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../cypher');

let statements: ReadonlyMap<string, string> | undefined;

/**
 * Slots of a template statement: `__LABEL__` and `__TYPE__` in the file are replaced by an entity type
 * label and a relationship type. Only names from the model's whitelist are accepted; nothing else is
 * ever spliced into Cypher text.
 */
export interface CypherSlots {
  label?: string;
  type?: string;
}

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
    if (!isRelationshipType(slots.type)) throw new Error(`"${slots.type}" is not a relationship type of the model.`);
    filled = filled.replaceAll('__TYPE__', slots.type);
  }
  if (/__(LABEL|TYPE)__/.test(filled)) throw new Error(`Cypher statement "${name}" has an unfilled slot.`);
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
