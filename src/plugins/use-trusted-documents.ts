/**
 * Trusted documents for dashboards (@graphql-yoga/plugin-persisted-operations): a store of GraphQL
 * documents read once at start from a folder of files named by the SHA-256 of their text
 * (`<64 hex>.graphql`). A client sends `extensions.persistedQuery.sha256Hash` instead of the query text.
 * Arbitrary documents stay allowed unless `persistedOnly` is set.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { HTTP_STATUS } from '../errors.ts';

/** Options of useTrustedDocuments. */
export interface TrustedDocumentOptions {
  /** Folder of `<sha256 of the text>.graphql` files. @default none: no stored documents */
  dir?: string;
  /** Refuse every document that is not in the store. @default false */
  persistedOnly?: boolean;
}

/** Reads the store: hash -> document text. Throws naming the file when its name is not the hash of its text. */
export function readTrustedDocuments(dir: string): Map<string, string> {
  const documents = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()) {
    const hash = file.slice(0, -'.graphql'.length);
    const text = readFileSync(join(dir, file), 'utf8');
    const actual = createHash('sha256').update(text).digest('hex');
    if (hash !== actual) {
      throw new Error(`Trusted document "${join(dir, file)}" must be named by the SHA-256 of its text: rename it to "${actual}.graphql".`);
    }
    documents.set(hash, text);
  }
  return documents;
}

/** The plugin, or none when there is no store and arbitrary documents are allowed. */
export function useTrustedDocuments(options: TrustedDocumentOptions = {}): Plugin[] {
  const { dir, persistedOnly = false } = options;
  if (!dir && !persistedOnly) return [];
  const documents = dir ? readTrustedDocuments(dir) : new Map<string, string>();
  return [
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.get(hash) ?? null,
      allowArbitraryOperations: !persistedOnly,
      customErrors: {
        notFound: {
          message: 'No trusted document has this sha256Hash; send one from the store.',
          extensions: { code: 'BAD_USER_INPUT', http: { status: HTTP_STATUS.BAD_USER_INPUT } },
        },
        persistedQueryOnly: {
          message:
            'This server runs only trusted documents (PERSISTED_ONLY=true): send extensions.persistedQuery.sha256Hash of a stored document instead of a query.',
          extensions: { code: 'FORBIDDEN', http: { status: HTTP_STATUS.FORBIDDEN } },
        },
        keyNotFound: {
          message: 'Send extensions.persistedQuery.sha256Hash of a stored document.',
          extensions: { code: 'BAD_USER_INPUT', http: { status: HTTP_STATUS.BAD_USER_INPUT } },
        },
      },
    }),
  ];
}
