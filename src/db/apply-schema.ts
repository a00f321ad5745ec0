/**
 * Applies cypher/schema.cypher (constraints and indexes, all IF NOT EXISTS) and waits for the indexes to
 * come online, so the first request already uses them.
 */
import type { Database } from './database.ts';

/** Applies the schema idempotently; returns how many statements ran. */
export async function applySchema(db: Database): Promise<number> {
  const count = await db.runScript('schema');
  await db.write('await-indexes');
  return count;
}
