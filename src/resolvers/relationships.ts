/**
 * Relationship fields: every named field of RELATIONSHIP_FIELDS and the generic `relationships` field
 * resolve through one loader per (field, arguments), so a field under a list of N parents is one
 * statement. Edges carry the relationship's properties and its sources.
 */
import type { Context } from '../context.ts';
import type { EdgeRow, RelationshipPage } from '../loaders/create-loaders.ts';
import type { EntityRow } from '../model/entity-row.ts';
import { RELATIONSHIP_FIELDS, type Direction } from '../model/relationship-fields.ts';
import { ENTITY_TYPE_NAMES, RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../model/vocabulary.ts';
import { checkNotEmpty } from '../limits.ts';
import { decodeCursor, encodeCursor, readPageArgs } from './pagination.ts';
import { relationshipPropertyResolvers } from './relationship-properties.ts';

/** Arguments of every relationship field. */
interface RelationshipArgs {
  asOf?: string | null;
  includeUncertain?: boolean | null;
  first?: number | null;
  after?: string | null;
  types?: RelationshipType[] | null;
  direction?: Direction | null;
}

/** A page of edges plus what the connection fields need. */
interface RelationshipConnectionValue {
  page: RelationshipPage;
}

async function loadConnection(
  parent: EntityRow,
  args: RelationshipArgs,
  context: Context,
  types: readonly RelationshipType[],
  direction: Direction,
): Promise<RelationshipConnectionValue> {
  const page = readPageArgs({ first: args.first, after: args.after });
  const after = page.cursor ? String(decodeCursor(page.cursor, 'after', (payload) => typeof payload.e === 'string', 'these links').e) : null;
  const loaded = await context.loaders
    .relationshipsByIds({ types, direction, asOf: args.asOf ?? null, includeUncertain: args.includeUncertain ?? false, first: page.size, after })
    .load(parent.id);
  return { page: loaded };
}

const namedFieldResolvers = Object.fromEntries(
  ENTITY_TYPE_NAMES.map((type) => {
    const fields = Object.fromEntries(
      Object.entries(RELATIONSHIP_FIELDS[type]).map(([field, spec]) => [
        field,
        (parent: EntityRow, args: RelationshipArgs, context: Context) => loadConnection(parent, args, context, spec.types, spec.direction),
      ]),
    );
    const generic = (parent: EntityRow, args: RelationshipArgs, context: Context) => {
      const types = args.types ? [...new Set(checkNotEmpty('types', args.types, 'relationship type'))] : RELATIONSHIP_TYPE_NAMES;
      return loadConnection(parent, args, context, types, args.direction ?? 'BOTH');
    };
    return [type, { ...fields, relationships: generic }];
  }),
);

export const relationshipResolvers = {
  ...namedFieldResolvers,
  RelationshipConnection: {
    edges: ({ page }: RelationshipConnectionValue) => page.edges,
    nodes: ({ page }: RelationshipConnectionValue) => page.edges.map((edge) => edge.node),
    totalCount: ({ page }: RelationshipConnectionValue) => page.total,
    pageInfo: ({ page }: RelationshipConnectionValue) => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.edges[0] ? encodeCursor({ e: page.edges[0].edgeKey }) : null,
      endCursor: page.edges.at(-1) ? encodeCursor({ e: page.edges.at(-1)!.edgeKey }) : null,
    }),
  },
  RelationshipEdge: {
    cursor: (edge: EdgeRow) => encodeCursor({ e: edge.edgeKey }),
    direction: (edge: EdgeRow) => (edge.outgoing ? 'OUT' : 'IN'),
    ...relationshipPropertyResolvers,
  },
};
