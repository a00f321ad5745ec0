/**
 * The embedded default: a real Neo4j Community 5.26 run by neo4j/Launcher.java as a child JVM.
 * Owns fetching the jars with Maven (once), finding a free port, waiting for the ready line, and making
 * sure the JVM never outlives this process: the child's stdin is a pipe from us, and Launcher exits when
 * it closes, which the OS does for us even if we are killed with SIGKILL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where neo4j/pom.xml and Launcher.java live. */
export const NEO4J_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../neo4j');
const LIB_DIR = join(NEO4J_DIR, 'lib');
const STAMP = join(LIB_DIR, '.fetched-from-pom');

/** Options of startEmbeddedNeo4j; every field has a default. */
export interface EmbeddedNeo4jOptions {
  /** Data directory; one process may open it at a time. @default '.data/neo4j' */
  dataDir?: string;
  /** Bolt port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default 1024 */
  heapMb?: number;
  /** @default 256 */
  pageCacheMb?: number;
  /** Server-side transaction timeout. @default 15000 */
  txTimeoutMs?: number;
  /** Progress messages (jar download, start). @default console.error */
  log?: (message: string) => void;
  /** How long to wait for the ready line. @default 180000 */
  readyTimeoutMs?: number;
}

/** A running embedded Neo4j. */
export interface EmbeddedNeo4j {
  readonly uri: string;
  readonly pid: number;
  /** SIGTERM, wait for a clean shutdown (SIGKILL after 30 s). Safe to call twice. */
  stop(): Promise<void>;
}

/** Raised when java or mvn is missing; the message says what to install or to set NEO4J_URI. */
export class EmbeddedNeo4jUnavailableError extends Error {
  override name = 'EmbeddedNeo4jUnavailableError';
}

/** Starts the embedded Neo4j and resolves once it accepts Bolt connections. */
export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions = {}): Promise<EmbeddedNeo4j> {
  const {
    dataDir = '.data/neo4j',
    heapMb = 1024,
    pageCacheMb = 256,
    txTimeoutMs = 15000,
    log = (message: string) => console.error(message),
    readyTimeoutMs = 180_000,
  } = options;
  assertToolsInstalled();
  ensureJars(log);
  const port = options.port || (await findFreePort());
  const home = resolve(dataDir);
  mkdirSync(home, { recursive: true });

  const child = spawn(
    'java',
    [
      `-Xms${Math.min(heapMb, 256)}m`,
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-cp',
      `${LIB_DIR}/*`,
      join(NEO4J_DIR, 'Launcher.java'),
      '--exit-with-parent',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NEO4J_BOLT_PORT: String(port),
        NEO4J_DATA_DIR: home,
        NEO4J_PAGECACHE_MB: String(pageCacheMb),
        NEO4J_TX_TIMEOUT_MS: String(txTimeoutMs),
      },
    },
  );
  log(`Starting embedded Neo4j (pid ${child.pid}) on bolt://127.0.0.1:${port}, data in ${home} ...`);
  const uri = await waitForReady(child, readyTimeoutMs);
  log(`Embedded Neo4j is ready at ${uri}.`);

  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  let stopping: Promise<void> | undefined;
  return {
    uri,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= stopChild(child).finally(() => process.removeListener('exit', stopOnExit));
      return stopping;
    },
  };
}

/** Ensures the Neo4j jars are in neo4j/lib, fetching them with Maven when missing or when the pom changed. */
export function ensureJars(log: (message: string) => void = (m) => console.error(m)): void {
  const pom = readFileSync(join(NEO4J_DIR, 'pom.xml'), 'utf8');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === pom) return;
  log('Fetching Neo4j Community jars from Maven Central into neo4j/lib (first run only, about 125 MB) ...');
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      join(NEO4J_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${LIB_DIR}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) {
    throw new EmbeddedNeo4jUnavailableError(
      `Maven could not fetch the Neo4j jars (exit code ${result.status ?? result.signal}). ` +
        'Check that Maven Central is reachable, or set NEO4J_URI to use a running Neo4j instead.',
    );
  }
  writeFileSync(STAMP, pom);
  log('Neo4j jars are in place.');
}

// Private: one clear message when java or mvn is missing.
function assertToolsInstalled(): void {
  const missing = ['java', 'mvn'].filter((tool) => {
    const probe = spawnSync(tool, ['-version'], { stdio: 'ignore' });
    return probe.error !== undefined;
  });
  if (missing.length > 0) {
    throw new EmbeddedNeo4jUnavailableError(
      `The embedded Neo4j needs ${missing.join(' and ')} on PATH, but ${missing.length > 1 ? 'they are' : 'it is'} missing. ` +
        'Install Java 17+ and Maven (Debian: apt-get install openjdk-17-jre-headless maven), ' +
        'or set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to use a running Neo4j 5 or Aura instead.',
    );
  }
}

// Private: resolves with the Bolt URI from Launcher's ready line; rejects with its output if it exits first.
function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Embedded Neo4j did not become ready within ${timeoutMs} ms. Output:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /NEO4J_READY (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolvePromise(ready[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-16_000);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Embedded Neo4j exited before it was ready (${code ?? signal}). Output:\n${output.slice(-4000)}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// Private: SIGTERM, then SIGKILL if the JVM has not exited after 30 s.
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port'))));
    });
  });
}
