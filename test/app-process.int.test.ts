/**
 * The app as a process, the way `npm start` runs it: the embedded JVM starts with it and never outlives
 * it, NEO4J_URI makes it start no JVM, and start-up failures say what to fix.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runMain(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

function startMain(env: Record<string, string>): Promise<Started> {
  const child = runMain(env);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const serving = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
      if (serving?.[1]) resolve({ child, url: serving[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`main exited with ${code} before serving:\n${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return !isAlive(pid);
}

function jvmPid(output: string): number {
  const match = /Starting embedded Neo4j \(pid (\d+)\)/.exec(output);
  expect(match, 'the app logs the pid of the JVM it starts').not.toBeNull();
  return Number(match![1]);
}

async function typename(url: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return response.json();
}

describe('npm start with the embedded Neo4j', () => {
  it('serves GraphQL and /readyz, and leaves no JVM after SIGTERM', async () => {
    const app = await startMain({ NEO4J_DATA_DIR: tempDir('vcg-app-') });
    const pid = jvmPid(app.output());
    expect(isAlive(pid)).toBe(true);
    expect(await typename(app.url)).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await exitOf(app.child)).toBe(0);
    expect(isAlive(pid)).toBe(false);
  }, 180_000);

  it('leaves no JVM when the app is killed with SIGKILL', async () => {
    const app = await startMain({ NEO4J_DATA_DIR: tempDir('vcg-app-'), SEED_ON_EMPTY: 'false' });
    const pid = jvmPid(app.output());
    app.child.kill('SIGKILL');
    await exitOf(app.child);
    expect(await waitUntilGone(pid, 60_000)).toBe(true);
  }, 180_000);
});

describe('npm start with NEO4J_URI', () => {
  it('uses that Neo4j and starts no JVM', async () => {
    const app = await startMain({ NEO4J_URI: inject('neo4jUri'), NEO4J_USER: inject('neo4jUser'), NEO4J_PASSWORD: inject('neo4jPassword') });
    expect(app.output()).toContain('Using the Neo4j at NEO4J_URI; no embedded Neo4j is started.');
    expect(app.output()).not.toContain('Starting embedded Neo4j');
    const children = spawnSync('pgrep', ['-P', String(app.child.pid)], { encoding: 'utf8' }).stdout.trim();
    expect(children).toBe('');
    expect(await typename(app.url)).toEqual({ data: { __typename: 'Query' } });
    app.child.kill('SIGTERM');
    expect(await exitOf(app.child)).toBe(0);
  }, 60_000);
});

describe('start-up failures', () => {
  it('says what to install when java and mvn are missing', async () => {
    const bin = tempDir('vcg-path-');
    symlinkSync(process.execPath, join(bin, 'node'));
    const child = runMain({ PATH: bin, NEO4J_DATA_DIR: tempDir('vcg-app-') });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(output).toContain('The embedded Neo4j needs java and mvn on PATH, but they are missing.');
    expect(output).toContain('or set NEO4J_URI');
  }, 60_000);

  it('stops on a bad variable and names it', async () => {
    const child = runMain({ PORT: 'eighty' });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(output).toContain('PORT must be a whole number (got "eighty")');
  }, 60_000);
});
