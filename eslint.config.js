/**
 * ESLint lints only GraphQL: the schema (schema.graphql) and any .graphql document in a folder (trusted
 * documents, as PERSISTED_DOCUMENTS_DIR holds them), checked against the schema. Biome lints and formats the
 * TypeScript and JavaScript (biome.jsonc).
 */
import graphql from '@graphql-eslint/eslint-plugin';

const plugins = { '@graphql-eslint': graphql };
const schemaOptions = { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } };
const documentOptions = {
  parser: graphql.parser,
  parserOptions: { graphQLConfig: { schema: 'schema.graphql', documents: ['*/**/*.graphql'] } },
};

export default [
  { ignores: ['**/*.js', '**/*.ts', 'node_modules/**', 'test-results/**', 'neo4j/**'] },
  {
    files: ['schema.graphql'],
    plugins,
    languageOptions: schemaOptions,
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      // Short descriptions are one-line strings, long ones blocks: the rule allows only one of the two.
      '@graphql-eslint/description-style': 'off',
      // Edges, pages, counts and reports are values, not objects a client refetches: only entities carry ids.
      '@graphql-eslint/strict-id-in-types': 'off',
      // Public names: filter inputs' AND / OR / NOT, and EntityType's values spelled as the type names.
      '@graphql-eslint/naming-convention': 'off',
      // Public names: `Source.sources` (what cites a source), `Count.count`.
      '@graphql-eslint/no-typename-prefix': 'off',
    },
  },
  {
    files: ['*/**/*.graphql'],
    plugins,
    languageOptions: documentOptions,
    rules: { ...graphql.configs['flat/operations-recommended'].rules },
  },
];
