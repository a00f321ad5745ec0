/**
 * The top-level collections (actors, projects, ...): one page per request through a compiled filter and a
 * keyset cursor, with totalCount counted only when asked for.
 */
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { cypher, type SortKey } from '../db/cypher-registry.ts';
import type { Context } from '../context.ts';
import type * as Api from '../generated/graphql.ts';
import { compileAnchoredFilter, type FilterInput } from '../filters/compile-filter.ts';
import type { EntityRow } from '../model/entity-row.ts';
import type { EntityType } from '../model/vocabulary.ts';
import type { CollectionPlan } from '../planner/plan-collection.ts';
import { decodeCursor, encodeCursor, readPageArgs } from './pagination.ts';

/** The Query fields of schema.graphql that return a `<Type>Connection`. */
type CollectionField = { [K in keyof Api.Query]-?: NonNullable<Api.Query[K]> extends { edges: unknown; totalCount: number } ? K : never }[keyof Api.Query];

/** Query field -> entity type of each collection, tied to schema.graphql by CollectionField. */
export const COLLECTIONS: Record<CollectionField, EntityType> = {
  actors: 'Actor',
  projects: 'Project',
  materials: 'Material',
  fundingInstruments: 'FundingInstrument',
  agreements: 'Agreement',
  events: 'Event',
  places: 'Place',
  valueChains: 'ValueChain',
  sources: 'Source',
};

/** Arguments every collection takes. */
interface CollectionArgs {
  filter?: FilterInput;
  orderBy?: { field: SortKey; direction: 'ASC' | 'DESC' } | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One entity on a page with its cursor. */
interface CollectionEdge {
  cursor: string;
  node: EntityRow;
}

/** What a collection field returns; totalCount is a function so it runs only when selected. */
interface CollectionConnection {
  edges: CollectionEdge[];
  nodes: EntityRow[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/** True when the selection of the field being resolved asks for `name` directly (or in an inline fragment). */
function selects(info: GraphQLResolveInfo | undefined, name: string): boolean {
  const visit = (selections: readonly SelectionNode[] | undefined): boolean =>
    (selections ?? []).some((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value === name : selection.kind === Kind.INLINE_FRAGMENT ? visit(selection.selectionSet.selections) : true,
    );
  return (info?.fieldNodes ?? []).some((node) => visit(node.selectionSet?.selections));
}

/**
 * Loads one page of `type` as the arguments say; counts in parallel when totalCount is selected. With a
 * plan (src/planner/plan-collection.ts), the page, its count and the entities' selection are one statement.
 */
export async function loadCollection(
  type: EntityType,
  args: CollectionArgs,
  { db }: Context,
  info?: GraphQLResolveInfo,
  plan?: CollectionPlan | null,
): Promise<CollectionConnection> {
  const page = readPageArgs(args);
  const order = { field: args.orderBy?.field ?? 'NAME', direction: args.orderBy?.direction ?? 'ASC' } as const;
  const orderName = `${order.field} ${order.direction}`;
  const filterParams: Record<string, unknown> = {};
  const { anchor, where } = compileAnchoredFilter(type, args.filter, filterParams);
  const cursor = page.cursor
    ? decodeCursor(
        page.cursor,
        page.backward ? 'before' : 'after',
        (payload) => payload.o === orderName && typeof payload.i === 'string' && typeof payload.k === 'string',
        `this collection ordered by ${orderName}`,
      )
    : null;
  const queryDirection = page.backward ? (order.direction === 'ASC' ? 'DESC' : 'ASC') : order.direction;
  // Undated entities sort last in both directions: '~' sorts after every ISO date, '' before.
  const missingDate = order.direction === 'ASC' ? '~' : '';

  const pageParams = {
    ...filterParams,
    label: type,
    missingDate,
    // The lowest (ASC) or highest (DESC) key to read from: the cursor's, or the whole range.
    fromKey: cursor ? cursor.k : queryDirection === 'ASC' ? '' : '\u{10FFFF}',
    cursor: cursor ? { key: cursor.k, id: cursor.i } : null,
    limit: page.size + 1,
  };
  const slots = { label: type, where, sort: order.field, dir: queryDirection } as const;
  const countSelected = selects(info, 'totalCount');
  // The unanchored total, as its own statement (or, planned, inside the page's statement when selected).
  const countTotal = async () => {
    const [row] = await db.read('entities-count', filterParams, { label: type, where });
    return Number(row?.total ?? 0);
  };
  let rows: Record<string, unknown>[];
  let totalCount: () => Promise<number>;
  if (anchor) {
    // Anchored on a related entity: the page and its total come from one pass over the anchor's neighbours.
    const [row] = await db.read('entities-page-anchored', pageParams, { ...slots, anchor });
    rows = page.size === 0 ? [] : ((row?.page as Record<string, unknown>[] | undefined) ?? []);
    const total = Number(row?.total ?? 0);
    totalCount = async () => total;
  } else if (plan) {
    const count = countSelected ? cypher('entities-count', { label: type, where }) : null;
    const statement = plan.compose(cypher('entities-page-rows', slots), count, queryDirection);
    const [row] = await db.readGenerated(statement, { ...pageParams, ...plan.params });
    const planned = (row?.page as { sortKey: unknown; id: string; node: Record<string, unknown> }[] | undefined) ?? [];
    rows = page.size === 0 ? [] : planned.map((item) => ({ sortKey: item.sortKey, node: plan.decode ? plan.decode(item.node) : item.node, id: item.id }));
    const counted = row?.total;
    totalCount = counted === null || counted === undefined ? countTotal : async () => Number(counted);
  } else {
    // Started before the page when selected, so the two statements run side by side.
    let total = countSelected ? countTotal() : undefined;
    total?.catch(() => undefined);
    rows = page.size === 0 ? [] : await db.read('entities-page', pageParams, slots);
    totalCount = () => (total ??= countTotal());
  }
  const more = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  if (page.backward) pageRows.reverse();
  const edges = pageRows.map((row) => {
    const node = row.node as EntityRow;
    return { cursor: encodeCursor({ o: orderName, k: String(row.sortKey), i: String(row.id ?? node.id) }), node };
  });
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.backward ? cursor !== null : more,
      hasPreviousPage: page.backward ? more : cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

export const collectionResolvers = {
  Query: Object.fromEntries(
    Object.entries(COLLECTIONS).map(([field, type]) => [
      field,
      (_parent: unknown, args: CollectionArgs, context: Context, info: GraphQLResolveInfo) => loadCollection(type, args, context, info),
    ]),
  ),
};
