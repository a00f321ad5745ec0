/**
 * Field resolvers shared by every type that shows a relationship's properties (RelationshipEdge and
 * Relationship): each reads `properties` of the row; `sources` loads the cited Sources in one batch.
 */
import type { Context } from '../context.ts';

/** Anything that carries a relationship's stored properties. */
interface WithProperties {
  properties: Record<string, unknown>;
}

const property = (name: string) => (row: WithProperties) => row.properties[name] ?? null;

/** Fields that read the stored relationship property of their own name as it is (null when absent). */
export const PLAIN_LINK_PROPERTIES = [
  'title',
  'role',
  'date',
  'validFrom',
  'validTo',
  'post',
  'acting',
  'amount',
  'currency',
  'share',
  'topic',
  'ratified',
  'note',
] as const;

/** Resolvers for title, role, dates, amounts, key, note, confidence and sources. */
export const relationshipPropertyResolvers = {
  ...(Object.fromEntries(PLAIN_LINK_PROPERTIES.map((name) => [name, property(name)])) as Record<
    (typeof PLAIN_LINK_PROPERTIES)[number],
    ReturnType<typeof property>
  >),
  attestedOn: (row: WithProperties) => (row.properties.attestedOn as string[] | undefined) ?? [],
  key: (row: WithProperties) => (row.properties.key ? row.properties.key : null),
  confidence: (row: WithProperties) => String(row.properties.confidence ?? 'low'),
  sources: (row: WithProperties, _args: unknown, { loaders }: Context) => loaders.sourcesOf(row.properties.sourceIds as string[] | undefined),
};

/** The stable id of a relationship: `<from>|<TYPE>|<to>`, plus `|<key>` when it has one. */
export function relationshipId(row: { from: string; type: string; to: string; properties: Record<string, unknown> }): string {
  const key = row.properties.key ? `|${String(row.properties.key)}` : '';
  return `${row.from}|${row.type}|${row.to}${key}`;
}
