/**
 * Rate limits as a Yoga plugin, from rate-limiter-flexible: requests per window per client address and per
 * bearer token (API key or JWT, keyed by its SHA-256, never stored in clear). Over a limit a request gets
 * 429 with `Retry-After` (seconds) and the code TOO_MANY_REQUESTS before anything else runs. The counters
 * live in memory, one set per process.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HTTP_STATUS } from '../errors.ts';
import { LIVENESS_PATH, READINESS_PATH } from './use-readiness.ts';

/** Options of useRateLimit; a limit of 0 is off. */
export interface RateLimitOptions {
  /** Requests per window from one address. @default 0 (off) */
  perAddress?: number;
  /** Requests per window with one bearer token. @default 0 (off) */
  perKey?: number;
  /** The window in seconds. @default 60 */
  windowSeconds?: number;
}

/** The rate-limit plugin, or none when both limits are off. Health endpoints are never limited. */
export function useRateLimit(options: RateLimitOptions = {}): Plugin[] {
  const { perAddress = 0, perKey = 0, windowSeconds = 60 } = options;
  if (perAddress <= 0 && perKey <= 0) return [];
  const byAddress = perAddress > 0 ? new RateLimiterMemory({ keyPrefix: 'address', points: perAddress, duration: windowSeconds }) : undefined;
  const byKey = perKey > 0 ? new RateLimiterMemory({ keyPrefix: 'key', points: perKey, duration: windowSeconds }) : undefined;
  return [
    {
      async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
        if (url.pathname === LIVENESS_PATH || url.pathname === READINESS_PATH) return;
        const address = (serverContext as { req?: { socket?: { remoteAddress?: string } } }).req?.socket?.remoteAddress ?? 'unknown';
        const token = /^Bearer\s+(\S+)/i.exec(request.headers.get('authorization') ?? '')?.[1];
        try {
          await byAddress?.consume(address);
          if (token) await byKey?.consume(createHash('sha256').update(token).digest('base64url'));
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          endResponse(
            fetchAPI.Response.json(
              { errors: [{ message: `Too many requests; try again in ${retryAfter} s.`, extensions: { code: 'TOO_MANY_REQUESTS' } }] },
              { status: HTTP_STATUS.TOO_MANY_REQUESTS, headers: { 'retry-after': String(retryAfter) } },
            ),
          );
        }
      },
    },
  ];
}
