/**
 * The numbers schema.graphql documents are the ones src/limits.ts enforces: every range ("1 to 6"), cap
 * ("at most 100") and default (`first: Int = 20`, "Default 20") in a description or an SDL default is read
 * and compared with the limit of that argument, and every limit an argument has is documented.
 */
import { isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LIMITS, type Limit } from '../src/limits.ts';
import { createSchema } from '../src/server.ts';

/** The limit of each documented schema coordinate; `*` stands for any type or field. */
const DOCUMENTED: Record<string, Limit> = {
  '*.*(first:)': LIMITS.pageSize,
  '*.*(last:)': LIMITS.pageSize,
  '*.*(maxHops:)': LIMITS.maxHops,
  'Query.search(first:)': LIMITS.searchHits,
  'Query.search(query:)': LIMITS.searchLength,
  'Query.paths(first:)': LIMITS.pathCount,
  'Query.neighborhood(depth:)': LIMITS.neighborhoodDepth,
  'Query.neighborhood(first:)': LIMITS.neighborhoodNodes,
  'Query.corridors(first:)': LIMITS.corridors,
  'Query.timeline(first:)': LIMITS.timeline,
  'Query.brokers(first:)': LIMITS.brokers,
  'Stats.materials(first:)': LIMITS.materials,
  'Query.nodes': LIMITS.nodeIds,
  'Query.nodes(ids:)': LIMITS.nodeIds,
  '*Filter.ids': LIMITS.filterValues,
  'Subscription.*(ids:)': LIMITS.subscriptionIds,
  'Mutation.applyChanges': LIMITS.changes,
  'Mutation.importRecords(data:)': LIMITS.importLength,
};

/** What a description or an SDL default says about one coordinate. */
interface Documented {
  coordinate: string;
  description: string;
  sdlDefault?: unknown;
}

// Private: every field, argument and input field of the schema with its description.
function documentedCoordinates(schema: GraphQLSchema): Documented[] {
  const found: Documented[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        found.push({ coordinate: `${type.name}.${field.name}`, description: field.description ?? '' });
        for (const arg of field.args) {
          found.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, description: arg.description ?? '', sdlDefault: arg.defaultValue });
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) found.push({ coordinate: `${type.name}.${field.name}`, description: field.description ?? '' });
    }
  }
  return found;
}

// Private: the limit of a coordinate, the most specific pattern first.
function limitOf(coordinate: string): Limit | undefined {
  const patterns = Object.keys(DOCUMENTED).sort((a, b) => a.split('*').length - b.split('*').length);
  const match = patterns.find((pattern) => new RegExp(`^${pattern.replace(/[.()]/g, '\\$&').replaceAll('*', '[A-Za-z]*')}$`).test(coordinate));
  return match ? DOCUMENTED[match] : undefined;
}

// Private: the numbers a description states: a range, a cap, a default.
function numbersIn(description: string): { range?: [number, number]; atMost?: number; default?: number } {
  const range = /\b(\d+) to (\d+)\b/.exec(description);
  const atMost = /\b[Aa]t most (\d+)( MB)?/.exec(description);
  const fallback = /\bDefault (\d+)\b/.exec(description);
  return {
    ...(range ? { range: [Number(range[1]), Number(range[2])] as [number, number] } : {}),
    ...(atMost ? { atMost: Number(atMost[1]) * (atMost[2] ? 1024 * 1024 : 1) } : {}),
    ...(fallback ? { default: Number(fallback[1]) } : {}),
  };
}

describe('caps and defaults in schema.graphql', () => {
  const coordinates = documentedCoordinates(createSchema());

  it('documents each range, cap and default as src/limits.ts enforces it', () => {
    const wrong: string[] = [];
    for (const { coordinate, description, sdlDefault } of coordinates) {
      const stated = numbersIn(description);
      const limit = limitOf(coordinate);
      if (stated.range === undefined && stated.atMost === undefined && stated.default === undefined) continue;
      if (!limit) {
        wrong.push(`${coordinate} documents ${JSON.stringify(stated)} but has no limit in DOCUMENTED`);
        continue;
      }
      if (stated.range && (stated.range[0] !== limit.min || stated.range[1] !== limit.max)) {
        wrong.push(`${coordinate} says ${stated.range.join(' to ')}, the limit is ${limit.min} to ${limit.max}`);
      }
      if (stated.atMost !== undefined && stated.atMost !== limit.max) wrong.push(`${coordinate} says at most ${stated.atMost}, the limit is ${limit.max}`);
      if (stated.default !== undefined && stated.default !== limit.default)
        wrong.push(`${coordinate} says default ${stated.default}, the limit's is ${limit.default}`);
      if (typeof sdlDefault === 'number' && sdlDefault !== limit.default)
        wrong.push(`${coordinate} defaults to ${sdlDefault} in the SDL, the limit's is ${limit.default}`);
    }
    expect(wrong).toEqual([]);
  });

  it('documents the limit of every argument that has one, and declares its default in the SDL', () => {
    const undocumented: string[] = [];
    for (const { coordinate, description, sdlDefault } of coordinates) {
      const limit = limitOf(coordinate);
      if (!limit || !coordinate.endsWith(':)') || coordinate.endsWith('(last:)')) continue;
      const stated = numbersIn(description);
      if (stated.range === undefined && stated.atMost === undefined) undocumented.push(`${coordinate}: no range or cap in its description`);
      if (limit.default !== undefined && sdlDefault !== limit.default && stated.default !== limit.default) {
        undocumented.push(`${coordinate}: default ${limit.default} neither in the SDL nor in its description`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('states the nesting and condition caps on every filter input', () => {
    const filters = coordinates.filter(({ coordinate }) => /Filter\.AND$/.test(coordinate));
    expect(filters.length).toBeGreaterThan(5);
    const schema = createSchema();
    for (const { coordinate } of filters) {
      const type = schema.getType(coordinate.split('.')[0]!);
      expect(type?.description, coordinate).toContain(`at most ${LIMITS.filterDepth.max} levels, ${LIMITS.filterConditions.max} conditions`);
    }
  });

  it('reads a coordinate that no pattern covers as undocumented, and a wrong number as wrong', () => {
    expect(limitOf('Query.nosuchfield(nosucharg:)')).toBeUndefined();
    expect(limitOf('Actor.offices(first:)')).toBe(LIMITS.pageSize);
    expect(limitOf('Query.paths(first:)')).toBe(LIMITS.pathCount);
    expect(numbersIn('Longest path to consider, 1 to 7 relationships.').range).toEqual([1, 7]);
    expect(numbersIn('At most 5 MB.').atMost).toBe(5 * 1024 * 1024);
  });
});
