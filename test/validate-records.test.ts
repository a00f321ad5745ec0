import { describe, expect, it } from 'vitest';
import { formatProblem, validateRecords, type LocatedRecord } from '../src/model/validate-records.ts';

const at = (line: number, record: Record<string, unknown>, file = 'nodes.jsonl'): LocatedRecord => ({ location: { file, line }, record });
const source = { type: 'Source', id: 'source:s1', name: 'S1', title: 'S1', confidence: 'high', sourceIds: ['source:s1'] };
const actor = { type: 'Actor', id: 'actor:a', name: 'A', kind: 'person', side: 'EU', confidence: 'high', sourceIds: ['source:s1'] };
const body = { type: 'Actor', id: 'actor:b', name: 'B', kind: 'eu-institution', confidence: 'high', sourceIds: ['source:s1'] };

function messages(nodes: Record<string, unknown>[], links: Record<string, unknown>[] = []): string[] {
  const result = validateRecords(
    nodes.map((record, index) => at(index + 1, record)),
    links.map((record, index) => at(index + 1, record, 'links.jsonl')),
  );
  return result.problems.map(formatProblem);
}

describe('validateRecords', () => {
  it('accepts valid records and returns them ready to write', () => {
    const result = validateRecords(
      [at(1, source), at(2, actor), at(3, { ...body, names: { de: ['B-de'], ru: ['Б'] } })],
      [
        at(
          1,
          { type: 'HOLDS_OFFICE', from: 'actor:a', to: 'actor:b', title: 'President', validFrom: '2022-01-11', confidence: 'high', sourceIds: ['source:s1'] },
          'l',
        ),
      ],
    );
    expect(result.problems).toEqual([]);
    expect(result.entities.find((entity) => entity.id === 'actor:b')?.properties).toMatchObject({ names: ['B-de', 'Б'], nameLangs: ['de', 'ru'] });
    expect(result.relationships).toEqual([
      {
        type: 'HOLDS_OFFICE',
        from: 'actor:a',
        to: 'actor:b',
        key: '',
        properties: { key: '', title: 'President', validFrom: '2022-01-11', confidence: 'high', sourceIds: ['source:s1'] },
      },
    ]);
  });

  it('reports every problem with file, line and record, not just the first', () => {
    const problems = messages(
      [
        source,
        actor,
        { ...actor, name: 'Again' },
        body,
        { type: 'Robot', id: 'robot:r', name: 'R', confidence: 'high', sourceIds: ['source:s1'] },
        { ...body, id: 'actor:c', kindd: 'x' },
        { ...body, id: 'project:wrong-prefix' },
        { type: 'Agreement', id: 'agreement:x', name: 'X', kind: 'mou', date: '2023-02-30', confidence: 'high', sourceIds: ['source:s1'] },
        { ...body, id: 'actor:d', sourceIds: [] },
        { ...body, id: 'actor:e', sourceIds: ['source:nowhere'] },
        { ...body, id: 'actor:f', sourceIds: ['actor:a'] },
        { ...body, id: 'actor:g', confidence: 'certain' },
        { ...body, id: 'actor:Bad_Id' },
      ],
      [
        { type: 'LIKES', from: 'actor:a', to: 'actor:b', confidence: 'high', sourceIds: ['source:s1'] },
        { type: 'SIGNED', from: 'actor:a', to: 'actor:b', confidence: 'high', sourceIds: ['source:s1'] },
        { type: 'PART_OF', from: 'actor:a', to: 'actor:ghost', confidence: 'high', sourceIds: ['source:s1'] },
        { type: 'HOLDS_OFFICE', from: 'actor:a', to: 'actor:b', confidence: 'high', sourceIds: ['source:s1'] },
        { type: 'PART_OF', from: 'actor:a', to: 'actor:b', validFrom: '2024', validTo: '2023', confidence: 'high', sourceIds: ['source:s1'] },
        { type: 'PART_OF', from: 'actor:a', to: 'actor:b', confidence: 'high' },
      ],
    );
    expect(problems).toEqual([
      'nodes.jsonl:3 (actor:a): Duplicate id "actor:a": already defined at nodes.jsonl:2.',
      'nodes.jsonl:5 (robot:r): Unknown entity type "Robot"; expected one of Actor, Project, Material, FundingInstrument, Agreement, Event, ValueChain, Stage, CooperationArea, Place, Claim, Source.',
      'nodes.jsonl:6 (actor:c): Unknown property "kindd" on Actor; allowed: kind, side.',
      'nodes.jsonl:7 (project:wrong-prefix): Id "project:wrong-prefix" must start with "actor:" for type Actor.',
      'nodes.jsonl:8 (agreement:x): "date" must be a date as YYYY-MM-DD (or YYYY-MM, YYYY), but got "2023-02-30".',
      'nodes.jsonl:9 (actor:d): "sourceIds" must list at least one Source id, but got [].',
      'nodes.jsonl:10 (actor:e): Unknown source "source:nowhere" in "sourceIds".',
      'nodes.jsonl:11 (actor:f): "actor:a" in "sourceIds" is an Actor, not a Source.',
      'nodes.jsonl:12 (actor:g): "confidence" must be one of high, medium, low, but got "certain".',
      'nodes.jsonl:13 (actor:Bad_Id): "id" must look like "actor:lowercase-ascii-slug", but got "actor:Bad_Id".',
      expect.stringContaining('links.jsonl:1 (actor:a -[LIKES]-> actor:b): Unknown relationship type "LIKES"; expected one of HOLDS_OFFICE,'),
      'links.jsonl:2 (actor:a -[SIGNED]-> actor:b): SIGNED cannot end at an Actor ("actor:b"); allowed: Agreement.',
      'links.jsonl:3 (actor:a -[PART_OF]-> actor:ghost): "to" refers to "actor:ghost", which does not exist.',
      'links.jsonl:4 (actor:a -[HOLDS_OFFICE]-> actor:b): Missing required property "title".',
      'links.jsonl:5 (actor:a -[PART_OF]-> actor:b): "validFrom" (2024) is after "validTo" (2023).',
      'links.jsonl:6 (actor:a -[PART_OF]-> actor:b): "sourceIds" must list at least one Source id, but got undefined.',
    ]);
  });

  it('returns nothing to write when any record is bad', () => {
    const result = validateRecords([at(1, source), at(2, actor), at(3, { ...body, side: 'MARS' })], []);
    expect(result.problems).toHaveLength(1);
    expect(result.entities).toEqual([]);
  });

  it('rejects a second link with the same from, type, to and key, and accepts it with another key', () => {
    const link = { type: 'HOLDS_OFFICE', from: 'actor:a', to: 'actor:b', title: 'T', confidence: 'high', sourceIds: ['source:s1'] };
    expect(messages([source, actor, body], [link, link])).toEqual([
      'links.jsonl:2 (actor:a -[HOLDS_OFFICE]-> actor:b): Duplicate relationship: the same from, type, to and key are already defined at links.jsonl:1; give one a different "key".',
    ]);
    expect(messages([source, actor, body], [link, { ...link, key: 'second' }])).toEqual([]);
  });

  it('resolves references outside the batch through `existing`', () => {
    const result = validateRecords([at(1, { ...actor, sourceIds: ['source:in-db'] })], [], {
      existing: (id) => (id === 'source:in-db' ? 'Source' : undefined),
    });
    expect(result.problems).toEqual([]);
  });
});
