/**
 * Liveness and readiness for load balancers and orchestrators, answered before GraphQL and never rate
 * limited: GET /healthz while the process is up, GET /readyz while Neo4j answers.
 */
import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.ts';

/** GET /healthz: the process is up. GET /readyz: 200 only while Neo4j answers, 503 otherwise. */
export function useHealthEndpoints(db: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') {
        endResponse(fetchAPI.Response.json({ status: 'ok' }));
      } else if (url.pathname === '/readyz') {
        const ready = await db.ping();
        endResponse(fetchAPI.Response.json({ status: ready ? 'ready' : 'neo4j unavailable' }, { status: ready ? 200 : 503 }));
      }
    },
  };
}
