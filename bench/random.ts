/**
 * Seeded randomness for the benchmark: the same seed gives the same graph, the same query parameters and so
 * the same numbers to compare between runs. `createRandom()` is a small PRNG (mulberry32); `createZipf()`
 * draws ranks with probability proportional to 1 / rank^s, which gives the skewed degrees of real networks.
 */

/** A seeded source of random numbers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** The list in a random order (a copy). */
  shuffle<T>(items: readonly T[]): T[];
}

/** Draws an index in [0, n) with P(i) proportional to 1 / (i + 1)^s. */
export interface Zipf {
  readonly size: number;
  draw(random: Random): number;
}

/** A PRNG seeded with a 32-bit integer (mulberry32: fast, good enough for test data, not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs a non-empty list, but got an empty one.');
      return items[int(items.length)]!;
    },
    chance: (p) => next() < p,
    shuffle: (items) => {
      const copy = items.slice();
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = int(index + 1);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
  };
}

/** A Zipf sampler over n ranks with exponent s (s = 0 is uniform; s = 1 is the classic heavy head). */
export function createZipf(n: number, s: number): Zipf {
  if (!Number.isInteger(n) || n < 1) throw new Error(`createZipf needs at least one rank, but got ${n}.`);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    total += 1 / (rank + 1) ** s;
    cumulative[rank] = total;
  }
  return {
    size: n,
    draw(random) {
      const target = random.next() * total;
      let low = 0;
      let high = n - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (cumulative[middle]! < target) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}
