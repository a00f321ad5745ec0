/**
 * Loads a generated graph the way the seed is loaded: every record through the model's validator
 * (validateRecords), then writeRecords (src/records). One transaction of 100k nodes and 500k relationships
 * would hold all of its state in the JVM heap, so the records go in several transactions: entities
 * first, then relationships, at most ENTITIES_PER_TRANSACTION / RELATIONSHIPS_PER_TRANSACTION each.
 */
import type { Database } from '../src/db/database.ts';
import { validateRecords } from '../src/model/validate-records.ts';
import { RecordValidationError, writeRecords } from '../src/records/write-records.ts';
import type { GeneratedGraph } from './generate-graph.ts';

/** Entities per write transaction. */
export const ENTITIES_PER_TRANSACTION = 25_000;
/** Relationships per write transaction. */
export const RELATIONSHIPS_PER_TRANSACTION = 50_000;

/** What a load did. */
export interface LoadSummary {
  entities: number;
  relationships: number;
  transactions: number;
  validateMs: number;
  writeMs: number;
}

/** Validates every record of `graph`, then writes them; throws RecordValidationError before any write. */
export async function loadGraph(db: Database, graph: GeneratedGraph, log: (message: string) => void = () => undefined): Promise<LoadSummary> {
  const started = performance.now();
  const located = (records: GeneratedGraph['nodes'], offset: number, file: string) =>
    records.map((record, index) => ({ location: { file, line: offset + index + 1 }, record }));
  const result = validateRecords(located(graph.nodes, 0, 'bench/nodes'), located(graph.relationships, 0, 'bench/relationships'));
  if (result.problems.length > 0) throw new RecordValidationError(result.problems);
  const validateMs = performance.now() - started;

  let transactions = 0;
  const stamp = { by: 'bench' };
  for (let start = 0; start < result.entities.length; start += ENTITIES_PER_TRANSACTION) {
    const batch = result.entities.slice(start, start + ENTITIES_PER_TRANSACTION);
    await db.writeTransaction((tx) => writeRecords(tx, batch, [], stamp));
    transactions += 1;
    log(`  entities ${Math.min(start + batch.length, result.entities.length)}/${result.entities.length}`);
  }
  for (let start = 0; start < result.relationships.length; start += RELATIONSHIPS_PER_TRANSACTION) {
    const batch = result.relationships.slice(start, start + RELATIONSHIPS_PER_TRANSACTION);
    await db.writeTransaction((tx) => writeRecords(tx, [], batch, stamp));
    transactions += 1;
    log(`  relationships ${Math.min(start + batch.length, result.relationships.length)}/${result.relationships.length}`);
  }
  return {
    entities: result.entities.length,
    relationships: result.relationships.length,
    transactions,
    validateMs,
    writeMs: performance.now() - started - validateMs,
  };
}
