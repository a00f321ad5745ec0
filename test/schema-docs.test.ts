/**
 * schema.graphql is self-documenting: every type, field, argument, enum value and input field has a
 * description an analyst can read in GraphiQL.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../src/server.ts';

describe('schema.graphql', () => {
  it('describes every type, field, argument, enum value and input field', () => {
    const schema = createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('offers a collection and a filter input for each collection type', () => {
    const query = createSchema().getQueryType()!.getFields();
    for (const field of ['actors', 'projects', 'materials', 'fundingInstruments', 'agreements', 'events', 'places', 'valueChains', 'sources']) {
      expect(query[field]?.args.map((arg) => arg.name)).toEqual(['filter', 'orderBy', 'first', 'after', 'last', 'before']);
    }
  });
});
