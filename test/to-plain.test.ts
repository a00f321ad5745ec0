import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../src/db/database.ts';

describe('toPlain', () => {
  it('turns integers into numbers, and integers past 2^53 into their decimal string', () => {
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int('9007199254740993'))).toBe('9007199254740993');
  });

  it('turns every temporal type into its ISO string', () => {
    expect(toPlain(new neo4j.types.Date(2024, 6, 1))).toBe('2024-06-01');
    expect(toPlain(new neo4j.types.DateTime(2024, 6, 1, 12, 30, 0, 0, 0))).toBe('2024-06-01T12:30:00Z');
    expect(toPlain(new neo4j.types.LocalDateTime(2024, 6, 1, 12, 30, 0, 0))).toBe('2024-06-01T12:30:00');
    expect(toPlain(new neo4j.types.Time(12, 30, 0, 0, 3600))).toBe('12:30:00+01:00');
    expect(toPlain(new neo4j.types.LocalTime(12, 30, 0, 0))).toBe('12:30:00');
    const duration = new neo4j.types.Duration(0, 3, 0, 0);
    expect(toPlain(duration)).toBe(duration.toString());
  });

  it('converts nested lists and maps, and a node to its properties', () => {
    const node = new neo4j.types.Node(neo4j.int(7), ['Actor'], { id: 'actor:x', since: new neo4j.types.Date(2023, 2, 1) }, '4:x:7');
    const row = {
      page: [{ node: { id: 'a', position: neo4j.int(3), dates: [new neo4j.types.Date(2022, 11, 7)] } }, null],
      total: neo4j.int(162),
      entity: node,
      missing: undefined,
      flag: true,
      share: 0.5,
    };
    expect(toPlain(row)).toEqual({
      page: [{ node: { id: 'a', position: 3, dates: ['2022-11-07'] } }, null],
      total: 162,
      entity: { id: 'actor:x', since: '2023-02-01' },
      missing: null,
      flag: true,
      share: 0.5,
    });
  });

  it('copies frozen driver objects instead of writing into them', () => {
    const point = new neo4j.types.Point(neo4j.int(4326), 71.4, 51.1);
    expect(Object.isFrozen(point)).toBe(true);
    expect(toPlain({ at: point })).toEqual({ at: { srid: 4326, x: 71.4, y: 51.1, z: null } });
  });
});
