/**
 * The SDL enums and the model agree both ways: every model enum's SDL values are exactly its stored values
 * (mapped as enum internal values), every enum property of the vocabulary has its SDL enum, and every other
 * SDL enum is declared API-only, so a kind added to one side and not the other fails here, not as a masked
 * INTERNAL_SERVER_ERROR at run time.
 */
import { isEnumType, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MODEL_ENUMS, sdlEnumName, VERBATIM_ENUMS } from '../src/model/enums.ts';
import { ENTITY_TYPES } from '../src/model/vocabulary.ts';
import { createSchema } from '../src/server.ts';

/** SDL enums of the API itself, with no stored counterpart. */
const API_ENUMS = ['Direction', 'Validity', 'SortDirection', 'OrderField', 'TimelineKind', 'ChangeKind', 'ImportFormat', 'ChangeEffect'];

const schema = createSchema();
const sdlEnum = (name: string) => schema.getType(name) as GraphQLEnumType;

describe('SDL enums and the model', () => {
  it('classifies every SDL enum: model, verbatim or API-only', () => {
    const sdlEnums = Object.values(schema.getTypeMap())
      .filter((type) => isEnumType(type) && !type.name.startsWith('__'))
      .map((type) => type.name)
      .sort();
    expect(sdlEnums).toEqual([...Object.keys(MODEL_ENUMS), ...Object.keys(VERBATIM_ENUMS), ...API_ENUMS].sort());
  });

  it.each(Object.entries(MODEL_ENUMS))('%s holds exactly the stored values, named in SCREAMING_SNAKE_CASE', (name, values) => {
    const sdlValues = sdlEnum(name).getValues();
    expect(sdlValues.map((value) => value.value).sort()).toEqual([...values].sort());
    for (const value of sdlValues) expect(value.name).toBe(sdlEnumName(value.value));
  });

  it.each(Object.entries(VERBATIM_ENUMS))('%s names exactly the model values', (name, values) => {
    const sdlValues = sdlEnum(name).getValues();
    expect(sdlValues.map((value) => value.name).sort()).toEqual([...values].sort());
    for (const value of sdlValues) expect(value.value).toBe(value.name);
  });

  it('has an SDL enum for every enum property of the vocabulary, with the same values', () => {
    for (const [type, spec] of Object.entries(ENTITY_TYPES)) {
      for (const [property, propertySpec] of Object.entries(spec.properties as Record<string, { kind: string; values?: readonly string[] }>)) {
        if (propertySpec.kind !== 'enum') continue;
        const name = property === 'side' ? 'Side' : `${type}${property[0]!.toUpperCase()}${property.slice(1)}`;
        expect(MODEL_ENUMS[name], `${type}.${property}`).toEqual(propertySpec.values);
      }
    }
  });

  it('converts at the edge: stored values out, SDL names in', () => {
    expect(sdlEnum('ActorKind').serialize('eu-institution')).toBe('EU_INSTITUTION');
    expect(sdlEnum('ActorKind').parseValue('EU_INSTITUTION')).toBe('eu-institution');
    expect(sdlEnum('Language').parseValue('DE')).toBe('de');
    expect(sdlEnum('Confidence').serialize('high')).toBe('HIGH');
    expect(() => sdlEnum('ActorKind').serialize('no-such-kind')).toThrow('Enum "ActorKind" cannot represent value: "no-such-kind"');
  });
});
