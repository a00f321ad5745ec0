/**
 * The validator against hostile names and sizes: prototype names are refused like any unknown property,
 * and every value that could end in an index is capped before any write (MAX_LENGTHS).
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, validateRecords, type LocatedRecord } from '../src/model/validate-records.ts';
import { readRecords } from '../src/records/read-records.ts';
import { MAX_LENGTHS } from '../src/model/vocabulary.ts';

const at = (line: number, record: Record<string, unknown>): LocatedRecord => ({ location: { file: 'in', line }, record });
const source = { type: 'Source', id: 'source:s1', name: 'S1', title: 'S1', confidence: 'high', sourceIds: ['source:s1'] };
const actor = { type: 'Actor', id: 'actor:a', name: 'A', kind: 'person', confidence: 'high', sourceIds: ['source:s1'] };
const link = { type: 'MET', from: 'actor:a', to: 'actor:a', confidence: 'low', sourceIds: ['source:s1'] };

function problems(nodes: Record<string, unknown>[], links: Record<string, unknown>[] = []): string[] {
  return validateRecords(
    nodes.map((record, index) => at(index + 1, record)),
    links.map((record, index) => at(index + 1, record)),
  ).problems.map(formatProblem);
}

describe('prototype names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('"%s" is refused on an entity and on a relationship', (name) => {
    const entity = JSON.parse(JSON.stringify(actor).replace(/}$/, `,${JSON.stringify(name)}:"x"}`));
    const relationship = JSON.parse(JSON.stringify(link).replace(/}$/, `,${JSON.stringify(name)}:"x"}`));
    expect(problems([source, entity])).toEqual([`in:2 (actor:a): Unknown property "${name}" on Actor; allowed: kind, side.`]);
    expect(problems([source, actor], [relationship])).toEqual([
      `in:1 (actor:a -[MET]-> actor:a): Unknown property "${name}" on MET; allowed: confidence, note, attestedOn, date, topic.`,
    ]);
  });

  it("a CSV column named __proto__ is a field the validator refuses, not the record's prototype", () => {
    const read = readRecords('type,id,name,kind,confidence,sourceIds,__proto__\nActor,actor:a,A,person,high,source:s1,x\n', 'csv', 'in.csv');
    expect(Object.hasOwn(read.entities[0]!.record, '__proto__')).toBe(true);
    const result = validateRecords([{ location: { file: 'in', line: 1 }, record: source }, read.entities[0]!], []);
    expect(result.problems.map((problem) => problem.message)).toEqual(['Unknown property "__proto__" on Actor; allowed: kind, side.']);
  });
});

describe('lengths', () => {
  const long = (n: number) => 'x'.repeat(n);
  it('accepts values at the caps', () => {
    expect(
      problems([source, { ...actor, id: `actor:${long(MAX_LENGTHS.id - 6)}`, name: long(MAX_LENGTHS.name), description: long(MAX_LENGTHS.text) }]),
    ).toEqual([]);
  });

  it('refuses an id, name, spelling, text, url, key or list over its cap, naming the field and the cap', () => {
    const id = `actor:${long(MAX_LENGTHS.id)}`;
    expect(problems([source, { ...actor, id }])).toEqual([`in:2 (${id}): "id" must be at most 200 characters, but has 206.`]);
    expect(problems([source, { ...actor, name: long(501) }])).toEqual(['in:2 (actor:a): "name" must be at most 500 characters, but has 501.']);
    expect(problems([source, { ...actor, names: { de: ['ok', long(501)] } }])).toEqual([
      'in:2 (actor:a): Each spelling in "names.de" must be at most 500 characters, but one has 501.',
    ]);
    expect(problems([source, { ...actor, description: long(10_001) }])).toEqual([
      'in:2 (actor:a): "description" must be at most 10000 characters, but has 10001.',
    ]);
    expect(problems([{ ...source, url: `https://example.org/${long(2000)}` }])).toEqual([
      'in:1 (source:s1): "url" must be at most 2000 characters, but has 2020.',
    ]);
    expect(problems([{ ...source, title: '€'.repeat(1001) }])).toEqual(['in:1 (source:s1): "title" must be at most 1000 characters, but has 1001.']);
    expect(problems([source, actor], [{ ...link, key: long(201) }])).toEqual([
      'in:1 (actor:a -[MET]-> actor:a): "key" must be at most 200 characters, but has 201.',
    ]);
    expect(problems([source, actor], [{ ...link, to: `actor:${long(300)}` }])).toEqual([
      `in:1 (actor:a -[MET]-> actor:${long(300)}): "to" must be at most 200 characters, but has 306.`,
    ]);
    expect(problems([source, { ...actor, sourceIds: Array.from({ length: 101 }, () => 'source:s1') }])).toEqual([
      'in:2 (actor:a): "sourceIds" must list at most 100 Sources, but lists 101.',
    ]);
    expect(problems([source, { ...actor, sourceIds: [`source:${long(200)}`] }])).toEqual([
      'in:2 (actor:a): A Source id in "sourceIds" must be at most 200 characters, but one has 207.',
    ]);
  });
});
