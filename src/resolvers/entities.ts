/**
 * Resolvers of the entity types: the fields every entity shares (names, confidence, sources) and the
 * enum-valued properties, plus `node` / `nodes`.
 */
import { LIMITS } from '../limits.ts';
import type { Context } from '../context.ts';
import type { Resolvers } from '../generated/graphql.ts';
import type { Database } from '../db/database.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { EntityRow } from '../model/entity-row.ts';
import { ENTITY_TYPE_NAMES, type EntityType } from '../model/vocabulary.ts';

/** Most ids `nodes(ids)` takes in one call. */
export const MAX_NODE_IDS = LIMITS.nodeIds.max;

const sharedFields = {
  name: (row: EntityRow, { lang }: { lang?: string | null }) => localizedName(row, lang),
  names: (row: EntityRow) =>
    (row.names ?? []).map((value, index) => ({
      value,
      language: row.nameLangs?.[index] ?? 'translit',
    })),
  sources: (row: EntityRow, _args: unknown, { loaders }: Context) => loaders.sourcesOf(row.sourceIds),
};

// Enum properties (kind, confidence, language) are stored values; the schema's enum values map them.
const kindFields: Partial<Record<EntityType, Record<string, unknown>>> = {
  Material: {
    crmaCritical: (row: EntityRow) => row.crmaCritical === true,
    crmaStrategic: (row: EntityRow) => row.crmaStrategic === true,
  },
};

const typeResolvers = Object.fromEntries(ENTITY_TYPE_NAMES.map((type) => [type, { ...sharedFields, ...kindFields[type] }])) as unknown as Resolvers;

export const entityResolvers: Resolvers = {
  ...typeResolvers,
  Node: { __resolveType: (row) => row.__typename },
  Entity: { __resolveType: (row) => row.__typename },
  Query: {
    node: (_parent, { id }, { loaders }) => loaders.nodesByIds.load(id),
    nodes: async (_parent, { ids }, { loaders }) => {
      if (ids.length > MAX_NODE_IDS) {
        throw badUserInput(`Argument "ids" takes at most ${MAX_NODE_IDS} ids, but got ${ids.length}.`, 'ids');
      }
      return loaders.nodesByIds.loadMany([...ids]) as Promise<(EntityRow | null)[]>;
    },
    entity: async (_parent, { id }, { loaders, db }) => {
      const found = await loaders.nodesByIds.load(id);
      if (found) return found;
      throw notFound(`No entity has the id "${id}".${await suggestIds(db, id)}`);
    },
  },
};

/** The first spelling in `lang` (a stored language, e.g. `de`); the English display name for `en`, none, or when there is no such spelling. */
export function localizedName(row: EntityRow, lang: string | null | undefined): string {
  if (!lang || lang === 'en') return row.name;
  const index = (row.nameLangs ?? []).indexOf(lang);
  return (index >= 0 ? row.names?.[index] : undefined) ?? row.name;
}

/** " Did you mean ...?" for an unknown id, from ids and names containing the longest word of its slug. */
async function suggestIds(db: Database, id: string): Promise<string> {
  const word = (id.split(':').pop() ?? id)
    .split(/[^a-z0-9]+/i)
    .sort((a, b) => b.length - a.length)[0]
    ?.toLowerCase();
  if (!word || word.length < 3) return '';
  const rows = await db.read('entity-suggestions', { word });
  const ids = rows.map((row) => `"${String(row.id)}"`);
  return ids.length ? ` Did you mean ${ids.join(', ')}?` : '';
}
