/**
 * Reads the whole graph back in the seed's record format (one JSON object per entity and relationship),
 * for exports and for checking that a reload changed nothing. `npm run export > graph.jsonl` writes it.
 */
import type { Database } from '../db/database.ts';
import type { EntityRow } from '../model/entity-row.ts';

/** Stored properties that are derived or stamped at write time and not part of a record. */
const DERIVED = new Set(['sortName', 'foldedNames', 'sortDate', 'names', 'nameLangs', 'createdAt', 'updatedAt', 'updatedBy']);

/** An exported entity, in seed format. */
export type ExportedEntity = Record<string, unknown> & { type: string; id: string };
/** An exported relationship, in seed format. */
export type ExportedRelationship = Record<string, unknown> & { type: string; from: string; to: string };

/** Every entity and relationship, in a stable order, as seed records. */
export async function exportGraph(db: Database): Promise<{ entities: ExportedEntity[]; relationships: ExportedRelationship[] }> {
  const nodeRows = await db.read('export-entities');
  const linkRows = await db.read('export-relationships');
  const entities = nodeRows.map(({ node }) => {
    const { __typename, ...properties } = node as EntityRow;
    const names: Record<string, string[]> = {};
    (properties.names ?? []).forEach((value, index) => {
      const language = properties.nameLangs?.[index] ?? 'translit';
      (names[language] ??= []).push(value);
    });
    const record: ExportedEntity = { type: __typename, id: properties.id };
    for (const [key, value] of Object.entries(properties)) if (!DERIVED.has(key) && key !== 'id') record[key] = value;
    if (Object.keys(names).length > 0) record.names = names;
    return record;
  });
  const relationships = linkRows.map(({ from, type, to, properties }) => {
    const { key, createdAt: _created, updatedAt: _updated, updatedBy: _by, ...rest } = properties as Record<string, unknown>;
    return { type: String(type), from: String(from), to: String(to), ...(key ? { key } : {}), ...rest };
  });
  return { entities, relationships };
}
