/**
 * Query.search: full-text search over every entity's names, spellings and description (index
 * entity_search), best first, each hit with the spelling it matched. The arguments are checked here; the
 * Lucene query is built by src/search/search-query.ts and reaches Neo4j only as a parameter.
 */
import type { Resolvers } from '../generated/graphql.ts';
import { badUserInput } from '../errors.ts';
import type { EntityRow } from '../model/entity-row.ts';
import { bestMatchingName, buildSearchQuery } from '../search/search-query.ts';
import { checkLimit, checkNotEmpty, LIMITS } from '../limits.ts';
import { planProjection, readProjected } from '../planner/plan-projection.ts';

/** Longest search text, in characters, after trimming. */
export const MAX_SEARCH_LENGTH = LIMITS.searchLength.max;
/** Most hits one search returns. */
export const MAX_SEARCH_HITS = LIMITS.searchHits.max;
/** Hits returned when `first` is not given. */
export const DEFAULT_SEARCH_HITS = LIMITS.searchHits.default;

export const searchResolvers: Resolvers = {
  Query: {
    async search(_parent, args, { db }, info) {
      const text = readSearchText(args.query);
      const first = checkLimit('first', args.first, LIMITS.searchHits);
      checkNotEmpty('types', args.types, 'entity type');
      const search = buildSearchQuery(text);
      if (!search) return [];
      const { rows, decode } = await readProjected(
        db,
        'search-entities',
        { query: search.lucene, spellings: search.spellings, types: args.types ? [...new Set(args.types)] : null, first },
        {},
        planProjection(info, ['node']),
      );
      return rows.map((row) => ({
        score: Number(row.score),
        node: decode(row.node) as EntityRow,
        matchedName: bestMatchingName([row.name as string, ...((row.names as string[] | null) ?? [])], search),
      }));
    },
  },
};

// Private: the trimmed search text; BAD_USER_INPUT when it is empty or longer than MAX_SEARCH_LENGTH.
function readSearchText(query: string): string {
  const text = query.trim();
  const length = [...text].length;
  if (length === 0) {
    throw badUserInput(`Argument "query" must hold 1 to ${MAX_SEARCH_LENGTH} characters besides spaces, but got none.`, 'query');
  }
  if (length > MAX_SEARCH_LENGTH) {
    throw badUserInput(`Argument "query" must be at most ${MAX_SEARCH_LENGTH} characters long, but got ${length}.`, 'query');
  }
  return text;
}
