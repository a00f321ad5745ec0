/**
 * Page arguments and keyset cursors. A cursor encodes the position of an item in its ordering (its sort
 * key and id), never an offset, so it stays valid when items are inserted or removed before it.
 */
import { badUserInput } from '../errors.ts';
import { checkRange, LIMITS } from '../limits.ts';

export { checkRange } from '../limits.ts';

/** Largest page any connection returns. */
export const MAX_PAGE_SIZE = LIMITS.pageSize.max;
/** Page size when neither first nor last is given. */
export const DEFAULT_PAGE_SIZE = LIMITS.pageSize.default;

/** Validated page arguments. */
export interface PageRequest {
  /** forward: first/after; backward: last/before. */
  backward: boolean;
  size: number;
  cursor: string | null;
}

/** Checks first/after/last/before: sizes 0..100, no mix of directions. */
export function readPageArgs(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }): PageRequest {
  const { first, after, last, before } = args;
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value !== null && value !== undefined) checkRange(name, value, 0, MAX_PAGE_SIZE);
  }
  const forward = (first ?? null) !== null || (after ?? null) !== null;
  const backward = (last ?? null) !== null || (before ?? null) !== null;
  if (forward && backward) {
    throw badUserInput('Use "first"/"after" to page forward or "last"/"before" to page backward, not both.', last != null ? 'last' : 'before');
  }
  if (backward) return { backward: true, size: last ?? DEFAULT_PAGE_SIZE, cursor: before ?? null };
  return { backward: false, size: first ?? DEFAULT_PAGE_SIZE, cursor: after ?? null };
}

/** Encodes a cursor payload as opaque base64url text. */
export function encodeCursor(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; BAD_USER_INPUT naming `argument` when it is not one. */
export function decodeCursor(
  cursor: string,
  argument: string,
  isValid: (payload: Record<string, unknown>) => boolean,
  expected: string,
): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  if (payload === null || typeof payload !== 'object' || !isValid(payload as Record<string, unknown>)) {
    throw badUserInput(`Argument "${argument}" is not a cursor of ${expected}; pass a cursor from this list's pageInfo or edges.`, argument);
  }
  return payload as Record<string, unknown>;
}
