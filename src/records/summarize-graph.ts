/**
 * What the database holds, counted per entity type and relationship type: the seed loader's summary, the
 * dashboard's stats and the benchmark's load check all read it.
 */
import type { Database } from '../db/database.ts';

/** Counts per type of what the database holds. */
export interface GraphSummary {
  nodeCount: number;
  relationshipCount: number;
  nodesByType: Record<string, number>;
  relationshipsByType: Record<string, number>;
}

/** Counts entities per type label and relationships per type. */
export async function summarize(db: Database): Promise<GraphSummary> {
  const rows = await db.read('graph-summary');
  const summary: GraphSummary = { nodeCount: 0, relationshipCount: 0, nodesByType: {}, relationshipsByType: {} };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.kind === 'node') {
      summary.nodesByType[String(row.type)] = count;
      summary.nodeCount += count;
    } else {
      summary.relationshipsByType[String(row.type)] = count;
      summary.relationshipCount += count;
    }
  }
  return summary;
}
