/**
 * Entities as the resolvers see them: a plain object per node, mapped from the map projection that every
 * entity statement returns (`n { .*, __typename: <type label> }`).
 */
import type { EntityType } from './vocabulary.ts';

/** One node's stored properties plus its type label in `__typename`. */
export interface EntityRow {
  __typename: EntityType;
  id: string;
  name: string;
  /** Every localised name and spelling, parallel to `nameLangs`. */
  names?: string[];
  /** The language of each entry of `names` (en, de, ru, kk, fr, it, translit). */
  nameLangs?: string[];
  description?: string | null;
  sourceIds: string[];
  confidence: string;
  [property: string]: unknown;
}

/** Puts rows keyed by `keyField` back in the order of `keys`, `null` where a key has no row (DataLoader's contract). */
export function orderByKeys<T extends Record<string, unknown>>(keys: readonly string[], rows: readonly T[], keyField = 'key'): (T | null)[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(String(row[keyField]), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows by `keyField` and returns one array per key, in the order of `keys` (empty where none). */
export function groupByKeys<T extends Record<string, unknown>>(keys: readonly string[], rows: readonly T[], keyField = 'key'): T[][] {
  const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(String(row[keyField]))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}
