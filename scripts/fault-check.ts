/**
 * `npm run fault-check -- [SCALE]`: kills and freezes Neo4j and the server during writes, on loopback only,
 * bounded in count and time (SCALE, default 1, multiplies the writes per phase; it stops by itself). It
 * starts its own embedded Neo4j in a temporary directory and the server as a child process
 * (`node src/cli/start.ts` with NEO4J_URI), then runs these phases:
 *   freeze-neo4j   a burst of applyChanges (an entity + a link to it) while Neo4j is SIGSTOPped for 6 s;
 *   freeze-server  the same burst while the server is SIGSTOPped for 4 s;
 *   kill-neo4j     the same burst while Neo4j is SIGKILLed and started again on its data;
 *   kill-server    the same burst while the server is SIGKILLed and started again;
 *   kill-import    a staged `npm run import` SIGKILLed half-way, then recovery (as at the next start);
 *   import-neo4j   a staged import while Neo4j is SIGKILLed and restarted, then recovery;
 *   delete-race    link vs deleteEntity of its end, raced over HTTP.
 * It reports per phase: acknowledged writes and how many are present, half-written records (an entity
 * without its link, a killed import's records left after recovery: must be 0), answers by code, and the
 * longest request during the freeze. Exit code 1 when an acknowledged write is missing or any record is
 * half-written or any answer was INTERNAL_SERVER_ERROR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySchema } from '../src/db/apply-schema.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { findFreePort, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/db/embedded-neo4j.ts';
import { importJournalSize, recoverImports } from '../src/records/staged-import.ts';
import { upsertRecords } from '../src/records/write-records.ts';
import { loadSeed } from '../src/records/load-seed.ts';

const scale = Number(process.argv[2] ?? 1);
if (!(scale > 0 && scale <= 20)) {
  console.error('usage: npm run fault-check -- [SCALE] (0 < SCALE <= 20)');
  process.exit(2);
}
const SOURCE = 'source:eu-kz-roadmap-2023-de';
const EDITOR_KEY = 'fault-editor-key-0123456789abcdefghij';
const BURST = Math.round(60 * scale);
const dir = mkdtempSync(join(tmpdir(), 'vcg-fault-check-'));
const dataDir = join(dir, 'neo4j');
const boltPort = await findFreePort();
const httpPort = await findFreePort();
const url = `http://127.0.0.1:${httpPort}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.error(`[fault-check] ${message}`);

let neo4j: EmbeddedNeo4j = await startEmbeddedNeo4j({ dataDir, port: boltPort, heapMb: 768, pageCacheMb: 128, log: () => undefined });
const db: Database = createDatabase({ uri: neo4j.uri });
let server: ChildProcess | undefined;
const env = {
  ...process.env,
  NEO4J_URI: neo4j.uri,
  PORT: String(httpPort),
  HOST: '127.0.0.1',
  API_KEYS: `fault:editor:${EDITOR_KEY}`,
  SEED_ON_EMPTY: 'false',
  LOG_LEVEL: 'silent',
};

/** Starts the server child and waits for /healthz. */
async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], { env, stdio: 'ignore' });
  for (let attempt = 0; attempt < 300; attempt++) {
    if (
      await fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error('The server did not answer /healthz within 30 s.');
}

/** One applyChanges: an entity and a link from it to a curated actor, all or nothing. */
async function writePair(id: string): Promise<{ code: string; ms: number }> {
  const started = performance.now();
  const changes = [
    { upsertEntity: { input: { type: 'Actor', id, name: id, confidence: 'LOW', properties: { kind: 'company' } }, evidence: { sourceIds: [SOURCE] } } },
    { link: { input: { type: 'MET', from: id, to: 'actor:maros-sefcovic', confidence: 'LOW' }, evidence: { sourceIds: [SOURCE] } } },
  ];
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_KEY}` },
      body: JSON.stringify({
        query: 'mutation ($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { changes { changed } } }',
        variables: { changes },
      }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { code: body.errors?.[0]?.extensions?.code ?? (response.ok ? 'OK' : `HTTP_${response.status}`), ms: performance.now() - started };
  } catch (error) {
    return { code: `NO_ANSWER (${(error as Error).name})`, ms: performance.now() - started };
  }
}

/** Entities present and links present among `ids` (each link: id -MET-> actor:maros-sefcovic). */
async function presence(ids: string[]): Promise<{ entities: Set<string>; links: Set<string> }> {
  const rows = await db.read('entities-state', { ids });
  const entities = new Set(rows.map((row) => String(row.id)));
  const links = new Set(
    rows
      .filter((row) => (row.links as unknown[][]).some(([type, out, other]) => type === 'MET' && out && other === 'actor:maros-sefcovic'))
      .map((row) => String(row.id)),
  );
  return { entities, links };
}

interface PhaseResult {
  phase: string;
  writes: number;
  acknowledged: number;
  acknowledgedPresent: number;
  halfWritten: number;
  codes: Record<string, number>;
  longestMs: number;
  note?: string;
}
const results: PhaseResult[] = [];

/**
 * A burst of pair writes, 6 at a time and paced, from before `fault` starts until 3 s after it ended (at most
 * 4 × BURST writes), so that writes land before, during and after the fault; then checks what was
 * acknowledged.
 */
async function burst(phase: string, fault: () => Promise<void>): Promise<void> {
  const ids: string[] = [];
  const outcomes = new Map<string, { code: string; ms: number }>();
  let faultEndedAt: number | undefined;
  const faulted = fault().finally(() => (faultEndedAt = performance.now()));
  const workers = Array.from({ length: 6 }, async () => {
    while (ids.length < 4 * BURST && (faultEndedAt === undefined || performance.now() - faultEndedAt < 3000)) {
      const id = `actor:fault-${phase}-${ids.length}`;
      ids.push(id);
      outcomes.set(id, await writePair(id));
      await sleep(150);
    }
  });
  await Promise.all([...workers, faulted]);
  await waitForService();
  const { entities, links } = await presence(ids);
  const acknowledged = ids.filter((id) => outcomes.get(id)?.code === 'OK');
  const codes: Record<string, number> = {};
  for (const outcome of outcomes.values()) codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
  results.push({
    phase,
    writes: ids.length,
    acknowledged: acknowledged.length,
    acknowledgedPresent: acknowledged.filter((id) => entities.has(id) && links.has(id)).length,
    halfWritten: ids.filter((id) => entities.has(id) !== links.has(id)).length,
    codes,
    longestMs: Math.round(Math.max(...[...outcomes.values()].map((outcome) => outcome.ms))),
  });
}

/** Waits until the server answers a read through Neo4j again. */
async function waitForService(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (
      await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error('The service did not become ready again within 60 s.');
}

async function restartNeo4j(): Promise<void> {
  await neo4j.stop();
  neo4j = await startEmbeddedNeo4j({ dataDir, port: boltPort, heapMb: 768, pageCacheMb: 128, log: () => undefined });
}

/** A staged import of `n` actors and links via the CLI, with `fault` run once it reports progress. */
async function killedImport(phase: string, n: number, fault: (child: ChildProcess) => Promise<void>): Promise<void> {
  const ids = Array.from({ length: n }, (_, k) => `actor:fault-${phase}-${k}`);
  const file = join(dir, `${phase}.jsonl`);
  const records = [
    ...ids.map((id) => ({ type: 'Actor', id, name: id, kind: 'company', confidence: 'low', sourceIds: [SOURCE] })),
    ...ids.slice(1).map((id, k) => ({ type: 'MET', from: ids[k], to: id, confidence: 'low', sourceIds: [SOURCE] })),
  ];
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', '--batch-size=100', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let faulted: Promise<void> | undefined;
  child.stderr!.on('data', (chunk: Buffer) => {
    const written = Number(/Wrote (\d+) of/.exec(chunk.toString())?.[1] ?? 0);
    if (!faulted && written >= records.length / 2) faulted = fault(child);
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await faulted;
  await waitForService();
  const left = await importJournalSize(db);
  const recovered = await recoverImports(db, 0);
  const { entities } = await presence(ids);
  results.push({
    phase,
    writes: records.length,
    acknowledged: exitCode === 0 ? records.length : 0,
    acknowledgedPresent: exitCode === 0 ? entities.size : 0,
    halfWritten: exitCode === 0 ? ids.length - entities.size : entities.size,
    codes: { [`importer exit ${exitCode ?? 'killed'}`]: 1 },
    longestMs: 0,
    note: `journal after the fault: ${left.runs} run(s), ${left.entries} entries; recovery rolled back ${recovered.rolledBack}`,
  });
}

let exitCode = 0;
try {
  await applySchema(db);
  await loadSeed(db);
  await startServer();
  log(`Neo4j pid ${neo4j.pid}, server pid ${server!.pid}, ${BURST} writes per burst.`);

  log('freeze-neo4j');
  await burst('freeze-neo4j', async () => {
    await sleep(2000);
    process.kill(neo4j.pid, 'SIGSTOP');
    await sleep(6000);
    process.kill(neo4j.pid, 'SIGCONT');
  });
  log('freeze-server');
  await burst('freeze-server', async () => {
    await sleep(1000);
    server!.kill('SIGSTOP');
    await sleep(4000);
    server!.kill('SIGCONT');
  });
  log('kill-neo4j');
  await burst('kill-neo4j', async () => {
    await sleep(2000);
    process.kill(neo4j.pid, 'SIGKILL');
    await sleep(500);
    await restartNeo4j();
  });
  log('kill-server');
  await burst('kill-server', async () => {
    await sleep(2000);
    server!.kill('SIGKILL');
    await sleep(500);
    await startServer();
  });
  log('kill-import');
  await killedImport('kill-import', Math.round(400 * scale), async (child) => void child.kill('SIGKILL'));
  log('import-neo4j');
  await killedImport('import-neo4j', Math.round(400 * scale), async () => {
    process.kill(neo4j.pid, 'SIGKILL');
    await sleep(500);
    await restartNeo4j();
  });
  log('delete-race');
  {
    const rounds = Math.round(30 * scale);
    const codes: Record<string, number> = {};
    let acknowledged = 0;
    let present = 0;
    for (let round = 0; round < rounds; round++) {
      const target = `actor:fault-race-${round}`;
      await upsertRecords(db, [{ type: 'Actor', id: target, name: target, kind: 'company', confidence: 'low', sourceIds: [SOURCE] }], [], {
        by: 'fault-check',
      });
      const [linked] = await Promise.all([
        writeLinkTo(target),
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_KEY}` },
          body: JSON.stringify({ query: `mutation { deleteEntity(id: "${target}") { deleted } }` }),
        }),
      ]);
      codes[linked.code] = (codes[linked.code] ?? 0) + 1;
      if (linked.code === 'OK') {
        acknowledged += 1;
        if (linked.returnedId === `actor:maros-sefcovic|MET|${target}`) present += 1;
      }
    }
    results.push({
      phase: 'delete-race',
      writes: rounds,
      acknowledged,
      acknowledgedPresent: present,
      halfWritten: 0,
      codes,
      longestMs: 0,
      note: 'acknowledged = link answered done with the relationship it wrote',
    });
  }

  console.log('| phase | writes | acknowledged | acknowledged present | half-written | answers | longest request |');
  console.log('|---|---|---|---|---|---|---|');
  for (const result of results) {
    const codes = Object.entries(result.codes)
      .map(([code, count]) => `${code} ${count}`)
      .join(', ');
    console.log(
      `| ${result.phase} | ${result.writes} | ${result.acknowledged} | ${result.acknowledgedPresent} | ${result.halfWritten} | ${codes} | ${result.longestMs ? `${result.longestMs} ms` : '-'} |${result.note ? ` ${result.note}` : ''}`,
    );
    if (result.acknowledgedPresent !== result.acknowledged || result.halfWritten > 0 || result.codes.INTERNAL_SERVER_ERROR) exitCode = 1;
  }
} finally {
  server?.kill('SIGTERM');
  await db.close().catch(() => undefined);
  await neo4j.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

// Private: link from the curated actor to `target`; the code and the relationship id it answered.
async function writeLinkTo(target: string): Promise<{ code: string; returnedId?: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR_KEY}` },
    body: JSON.stringify({
      query: 'mutation ($input: LinkInput!, $evidence: EvidenceInput!) { link(input: $input, evidence: $evidence) { relationship { id } } }',
      variables: { input: { type: 'MET', from: 'actor:maros-sefcovic', to: target, confidence: 'LOW' }, evidence: { sourceIds: [SOURCE] } },
    }),
  });
  const body = (await response.json()) as { data?: { link?: { relationship: { id: string } } }; errors?: { extensions?: { code?: string } }[] };
  return { code: body.errors?.[0]?.extensions?.code ?? 'OK', returnedId: body.data?.link?.relationship.id };
}
