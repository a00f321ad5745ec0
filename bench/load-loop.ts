/**
 * A small closed-loop load generator, the same for every contender: `concurrency` workers each send one
 * request, wait for its answer and send the next, until `maxRequests` were sent or `durationMs` passed
 * (bounded in count and in time; it never outlives its deadline by more than one request per worker).
 * Latency is measured per request around the `send` call; throughput is completed requests per second.
 */

/** Options of runLoad. */
export interface LoadOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Stop sending after this long. */
  durationMs: number;
  /** Stop sending after this many requests. */
  maxRequests: number;
}

/** Latency percentiles and throughput of one load run (times in milliseconds). */
export interface LoadStats {
  concurrency: number;
  requests: number;
  errors: number;
  /** The first error's message, when any request failed. */
  firstError?: string;
  elapsedMs: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Sends requests as the options say; `send(index)` rejects when an answer is wrong or an error. */
export async function runLoad(send: (index: number) => Promise<void>, options: LoadOptions): Promise<LoadStats> {
  const { concurrency, durationMs, maxRequests } = options;
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;

  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const index = issued++;
      const sent = performance.now();
      try {
        await send(index);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message.slice(0, 500);
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { concurrency, ...summarize(latencies, elapsedMs), errors, ...(firstError ? { firstError } : {}) };
}

/** Percentiles (nearest rank) and throughput of a list of latencies. */
export function summarize(latencies: readonly number[], elapsedMs: number): Omit<LoadStats, 'concurrency' | 'errors' | 'firstError'> {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    requests: sorted.length,
    elapsedMs: round(elapsedMs),
    throughput: round((sorted.length / elapsedMs) * 1000),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.length ? total / sorted.length : 0),
    max: round(sorted.length ? sorted[sorted.length - 1]! : 0),
  };
}

// Private: two decimals are plenty for milliseconds and requests per second.
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
