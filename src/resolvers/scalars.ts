/**
 * The Date scalar: ISO 8601 dates at the precision the source gives (YYYY, YYYY-MM or YYYY-MM-DD).
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '../errors.ts';
import { isIsoDate } from '../model/dates.ts';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badUserInput(`A Date must be an ISO date such as "2023-05-19", "2023-05" or "2023", but got ${JSON.stringify(value)}.`);
  }
  return value;
}

export const scalarResolvers = {
  Date: new GraphQLScalarType({
    name: 'Date',
    description: 'A calendar date as an ISO 8601 string: YYYY-MM-DD, or YYYY-MM / YYYY where the source is less precise.',
    serialize: (value) => String(value),
    parseValue: parseDate,
    parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
  }),
};
