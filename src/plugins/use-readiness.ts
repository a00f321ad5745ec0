/**
 * Readiness for load balancers and orchestrators through Yoga's own plugin: GET /readyz is 200 while Neo4j
 * answers a trivial query, 503 otherwise. Liveness (GET /healthz, 200 while the process is up) is Yoga's
 * built-in health check, configured in server.ts. Both answer before any other plugin: never rate limited,
 * never logged per request.
 */
import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.ts';

/** The readiness endpoint. */
export const READINESS_PATH = '/readyz';
/** The liveness endpoint (Yoga's `healthCheckEndpoint`). */
export const LIVENESS_PATH = '/healthz';

/** GET /readyz: 200 `{"status":"ready"}` only while Neo4j answers, 503 `{"status":"neo4j unavailable"}` otherwise. */
export function useReadiness(db: Database): Plugin {
  return useReadinessCheck({
    endpoint: READINESS_PATH,
    check: async ({ fetchAPI }) => {
      const ready = await db.ping();
      return fetchAPI.Response.json({ status: ready ? 'ready' : 'neo4j unavailable' }, { status: ready ? 200 : 503 });
    },
  });
}
