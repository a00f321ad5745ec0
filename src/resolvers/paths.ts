/**
 * Paths between entities: shortestPath, paths (k shortest simple paths) and neighborhood. Every bound is
 * checked before Cypher runs; relationship types and node labels come from the model's whitelist.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import { planProjection, readProjected } from '../planner/plan-projection.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { EntityRow } from '../model/entity-row.ts';
import { RELATIONSHIP_TYPE_NAMES, type EntityType, type RelationshipType } from '../model/vocabulary.ts';
import { checkLimit, checkNotEmpty, LIMITS } from '../limits.ts';
import { relationshipId, relationshipPropertyResolvers } from './relationship-properties.ts';

/** A relationship as path statements return it. */
export interface RelationshipRow {
  type: RelationshipType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
  /** How the link is known to hold on the asOf day (null without asOf). */
  validity: 'STATED' | 'ATTESTED' | 'UNCERTAIN' | null;
}

/** A path as the statements return it. */
export interface PathRow {
  length: number;
  nodes: EntityRow[];
  relationships: RelationshipRow[];
}

/** The relationship types to follow: the given ones (deduplicated, at least one) or all. */
export function typesArgument(argument: string, types: readonly RelationshipType[] | null | undefined): string {
  return [...new Set(checkNotEmpty(argument, types, 'relationship type') ?? RELATIONSHIP_TYPE_NAMES)].join('|');
}

/** Throws NOT_FOUND naming every id that does not exist. */
export async function assertEntitiesExist(context: Context, ids: Record<string, string>): Promise<void> {
  const found = await context.loaders.nodesByIds.loadMany(Object.values(ids));
  const missing = Object.entries(ids).filter((_, index) => !found[index] || found[index] instanceof Error);
  if (missing.length > 0) throw unknownIds(missing);
}

// Private: NOT_FOUND naming each [argument, id] pair.
function unknownIds(missing: readonly (readonly [string, string])[]) {
  return notFound(missing.map(([argument, id]) => `No entity has the id "${id}" (argument "${argument}").`).join(' '));
}

interface PathArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  first?: number | null;
  relationshipTypes?: RelationshipType[] | null;
  nodeTypes?: EntityType[] | null;
  asOf?: string | null;
  includeUncertain?: boolean | null;
}

async function findPaths(args: PathArgs, count: number, context: Context, info: GraphQLResolveInfo): Promise<PathRow[]> {
  const maxHops = checkLimit('maxHops', args.maxHops, LIMITS.maxHops);
  const type = typesArgument('relationshipTypes', args.relationshipTypes);
  checkNotEmpty('nodeTypes', args.nodeTypes, 'entity type');
  if (args.from === args.to) throw badUserInput('Arguments "from" and "to" must name two different entities.', 'to');
  const { rows, decode } = await readProjected(
    context.db,
    'paths-between',
    { from: args.from, to: args.to, nodeTypes: args.nodeTypes ?? null, ...asOfParams(args) },
    { type, hops: maxHops, count, dated: args.asOf != null },
    planProjection(info, ['nodes'], ['relationships']),
  );
  const [{ fromFound, toFound, paths }] = rows as [{ fromFound: boolean; toFound: boolean; paths: PathRow[] }];
  const missing = Object.entries({ from: args.from, to: args.to }).filter(([argument]) => !(argument === 'from' ? fromFound : toFound));
  if (missing.length > 0) throw unknownIds(missing);
  for (const path of paths) path.nodes = (path.nodes as unknown[]).map(decode) as EntityRow[];
  return paths;
}

interface NeighborhoodArgs {
  id: string;
  depth?: number | null;
  types?: RelationshipType[] | null;
  first?: number | null;
  asOf?: string | null;
  includeUncertain?: boolean | null;
}

/** The asOf parameters of a statement that splices the validity rule. */
export function asOfParams(args: { asOf?: string | null; includeUncertain?: boolean | null }): { asOf: string | null; includeUncertain: boolean } {
  return { asOf: args.asOf ?? null, includeUncertain: args.includeUncertain ?? false };
}

/** A subgraph as the neighborhood statement returns it. */
interface SubgraphValue {
  reachable: number;
  reached: { node: EntityRow; distance: number }[];
  relationships: RelationshipRow[];
}

export const pathResolvers = {
  Query: {
    shortestPath: async (_parent: unknown, args: PathArgs, context: Context, info: GraphQLResolveInfo) => (await findPaths(args, 1, context, info))[0] ?? null,
    paths: (_parent: unknown, args: PathArgs, context: Context, info: GraphQLResolveInfo) =>
      findPaths(args, checkLimit('first', args.first, LIMITS.pathCount), context, info),
    neighborhood: async (_parent: unknown, args: NeighborhoodArgs, context: Context, info: GraphQLResolveInfo): Promise<SubgraphValue> => {
      const depth = checkLimit('depth', args.depth, LIMITS.neighborhoodDepth);
      const first = checkLimit('first', args.first, LIMITS.neighborhoodNodes);
      const type = typesArgument('types', args.types);
      const { rows, decode } = await readProjected(
        context.db,
        'neighborhood',
        { id: args.id, limit: first, ...asOfParams(args) },
        { type, hops: depth, dated: args.asOf != null },
        planProjection(info, ['nodes', 'node'], ['relationships']),
      );
      const [row] = rows;
      if (!row) await assertEntitiesExist(context, { id: args.id });
      else for (const item of row.reached as { node: unknown }[]) item.node = decode(item.node);
      return row as unknown as SubgraphValue;
    },
  },
  Relationship: {
    id: (row: RelationshipRow) => relationshipId(row),
    ...relationshipPropertyResolvers,
  },
  Subgraph: {
    nodes: (value: SubgraphValue) => value.reached,
    truncated: (value: SubgraphValue) => value.reachable > value.reached.length - 1,
  },
};
