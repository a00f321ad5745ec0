/**
 * RESULTS.md from results.json: the machine, the targets (met or missed, computed from the numbers), one
 * table per scale and concurrency, growth with the graph, memory, plans and gate failures. The
 * hand-written part between the READING markers is kept as it is when the file is written again.
 * Also runs alone: `node --import tsx bench/write-report.ts [bench/results.json]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResults, QueryResult, ScaleResult } from './run-bench.ts';
import { CONTENDERS, type ContenderName } from './query-mix.ts';

const READING_START = '<!-- READING: hand-written, kept when the report is written again -->';
const READING_END = '<!-- END READING -->';
const PLACEHOLDER = '## Reading the results\n\n(Write what the numbers mean here; the script keeps this part.)\n';

/** The latency target: this server's p50 within this factor of raw-http's (the same statements behind bare HTTP) at 10k nodes. */
export const P50_TARGET_RATIO = 1.3;
/** The queries on which this server must reach twice @neo4j/graphql's throughput; every other query 1.2x. */
export const THROUGHPUT_TARGETS: Record<string, number> = { nested: 2, fanout: 2 };
/** The throughput target of every query not in THROUGHPUT_TARGETS. */
export const OTHER_THROUGHPUT_TARGET = 1.2;

/** Writes RESULTS.md for `results` to `path`, keeping the hand-written reading section of an existing file. */
export function writeReport(results: BenchResults, path: string): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = previous.indexOf(READING_START);
  const end = previous.indexOf(READING_END);
  const reading = start >= 0 && end > start ? previous.slice(start + READING_START.length, end).trim() : PLACEHOLDER.trim();
  writeFileSync(path, renderReport(results, reading));
}

/** The whole report as Markdown. */
export function renderReport(results: BenchResults, reading: string): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push('# Benchmarks: this server vs raw Cypher (in-process and over HTTP) vs @neo4j/graphql', '');
  push(
    `Written by \`npm run bench\` from [results.json](results.json) on ${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC; ` +
      'only the section between the READING markers is edited by hand. How to run and what is measured: [README.md](README.md).',
    '',
  );
  push(READING_START, '', reading, '', READING_END, '');

  push('## Machine and run', '');
  for (const [key, value] of Object.entries(results.machine)) push(`- ${key}: ${value}`);
  const c = results.config;
  push(
    `- per run: at most ${c.durationMs / 1000} s or ${c.maxRequests} requests, after ${c.warmupMs / 1000} s of warm-up per contender and query; ` +
      `concurrency ${c.concurrency.join(' and ')}; seed ${c.seed}; Neo4j heap ${c.heapMb} MB, page cache ${c.pageCacheMb} MB`,
  );
  for (const name of CONTENDERS) push(`- ${name}: ${results.contenders[name]}`);
  push('');

  push(...renderTargets(results), '');

  for (const scale of results.scales) push(...renderScale(scale, results.config.concurrency), '');
  push(...renderGrowth(results), '');
  push(...renderMemory(results), '');
  push(...renderPlans(results));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

// Private: the targets at 10k nodes, evaluated from the numbers.
function renderTargets(results: BenchResults): string[] {
  const lines = ['## Targets', ''];
  const at10k = results.scales.find((scale) => scale.scale === '10k');
  if (!at10k) return [...lines, 'The run did not include 10k nodes, so the targets were not evaluated.'];
  const concurrencies = results.config.concurrency;
  const c1 = Math.min(...concurrencies);

  const throughputRows = at10k.queries.flatMap((query) =>
    concurrencies.map((concurrency) => {
      const target = THROUGHPUT_TARGETS[query.name] ?? OTHER_THROUGHPUT_TARGET;
      const ratio = ratioOf(query, 'ours', 'peer', 'throughput', concurrency);
      return { label: `${query.name} c=${concurrency}`, ratio, target, met: ratio !== null && ratio >= target };
    }),
  );
  const throughputMissed = throughputRows.filter((row) => !row.met);
  lines.push(
    `1. **Throughput at least ${Object.entries(THROUGHPUT_TARGETS)
      .map(([name, target]) => `${target}x @neo4j/graphql's on ${name}`)
      .join(', ')}, ${OTHER_THROUGHPUT_TARGET}x on every other query, at 10k: ` +
      `${throughputMissed.length === 0 ? 'met' : `missed for ${throughputMissed.map((row) => row.label).join(', ')}`}.** ` +
      'This server / @neo4j/graphql: ' +
      throughputRows.map((row) => `${row.label} ${formatRatio(row.ratio)}${row.met ? '' : ` (target ${row.target}x)`}`).join(', ') +
      '. For scale, the floor behind HTTP with no GraphQL at all, raw-http / @neo4j/graphql: ' +
      at10k.queries
        .flatMap((query) =>
          concurrencies.map((concurrency) => `${query.name} c=${concurrency} ${formatRatio(ratioOf(query, 'raw-http', 'peer', 'throughput', concurrency))}`),
        )
        .join(', ') +
      '.',
  );

  const p50Rows = at10k.queries.flatMap((query) =>
    concurrencies.map((concurrency) => {
      const ratio = ratioOf(query, 'ours', 'raw-http', 'p50', concurrency);
      return { label: `${query.name} c=${concurrency}`, ratio, met: ratio !== null && ratio <= P50_TARGET_RATIO };
    }),
  );
  const p50Missed = p50Rows.filter((row) => !row.met);
  lines.push(
    `2. **p50 within ${P50_TARGET_RATIO}x of raw-http at 10k: ${p50Missed.length === 0 ? 'met' : `missed for ${p50Missed.map((row) => row.label).join(', ')}`}.** ` +
      p50Rows.map((row) => `${row.label} ${formatRatio(row.ratio)}`).join(', ') +
      '.',
  );

  const statementRows = at10k.queries.map((query) => {
    const run = query.runs.find((item) => item.contender === 'ours' && item.concurrency === c1);
    return { name: query.name, statements: run?.statementsPerRequest ?? null, texts: run?.distinctTexts ?? null };
  });
  const many = statementRows.filter((row) => row.statements === null || row.statements > 1);
  lines.push(
    `3. **One statement per root field at 10k: ${many.length === 0 ? 'met' : `missed for ${many.map((row) => row.name).join(', ')}`}.** ` +
      'Statements per request (distinct statement texts in the run, each compiled once; every other statement a plan-cache hit): ' +
      statementRows.map((row) => `${row.name} ${row.statements ?? '–'} (${row.texts ?? '–'})`).join(', ') +
      '.',
  );

  const growth = growthRows(results);
  if (growth.length === 0) {
    lines.push('4. **Latency growing no faster than the result size:** needs two scales; not evaluated.');
  } else {
    const missed = growth.filter((row) => !row.met);
    const [first, last] = [results.scales[0]!.scale, results.scales.at(-1)!.scale];
    lines.push(
      `4. **Latency (this server, p50, concurrency ${c1}) growing no faster than the result size from ${first} to ${last}: ${missed.length === 0 ? 'met' : `missed for ${missed.map((row) => row.name).join(', ')}`}.** ` +
        growth
          .map((row) => `${row.name} latency x${row.latency.toFixed(1)} (raw Cypher x${row.rawLatency?.toFixed(1) ?? '–'}) vs size x${row.size.toFixed(1)}`)
          .join(', ') +
        '.',
    );
  }
  return lines;
}

// Private: one scale: the graph, then a table per concurrency.
function renderScale(scale: ScaleResult, concurrencies: readonly number[]): string[] {
  const lines = [
    `## ${scale.scale}: ${scale.nodes.toLocaleString('en')} nodes, ${scale.relationships.toLocaleString('en')} relationships`,
    '',
    `Degree: mean ${scale.degree.mean}, median ${scale.degree.median}, p99 ${scale.degree.p99}, max ${scale.degree.max}. ` +
      `Loaded through validateRecords + writeRecords in ${scale.load.transactions} transaction(s): validation ${(scale.load.validateMs / 1000).toFixed(1)} s, writes ${(scale.load.writeMs / 1000).toFixed(1)} s.`,
    '',
  ];
  for (const failed of scale.queries.filter((query) => !query.gate.passed)) {
    lines.push(
      `**Correctness gate failed for ${failed.name}; not timed.** ${failed.gate.mismatches.map((text) => `\`${text.slice(0, 300)}\``).join('; ')}`,
      '',
    );
  }
  for (const concurrency of concurrencies) {
    lines.push(
      `Concurrency ${concurrency} (latency in ms, throughput in requests/s; statements = Cypher statements per request):`,
      '',
      '| query | result objects | raw p50 / p95 | raw req/s | raw-http p50 / p95 | raw-http req/s | ours p50 / p95 | ours req/s | ours statements (texts) | peer p50 / p95 | peer req/s | peer statements (texts) | ours/raw-http p50 | ours/peer req/s |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const query of scale.queries) {
      const run = (name: ContenderName) => query.runs.find((item) => item.contender === name && item.concurrency === concurrency);
      const [raw, rawHttp, ours, peer] = [run('raw'), run('raw-http'), run('ours'), run('peer')];
      const cell = (item: typeof raw) => (item ? `${item.p50} / ${item.p95}${item.errors ? ` (${item.errors} errors)` : ''}` : '–');
      const statements = (item: typeof raw) => (item ? `${item.statementsPerRequest ?? '–'} (${item.distinctTexts ?? '–'})` : '–');
      lines.push(
        `| ${query.name} | ${query.resultObjects} | ${cell(raw)} | ${raw?.throughput ?? '–'} | ${cell(rawHttp)} | ${rawHttp?.throughput ?? '–'} | ${cell(ours)} | ${ours?.throughput ?? '–'} | ${statements(ours)} | ` +
          `${cell(peer)} | ${peer?.throughput ?? '–'} | ${statements(peer)} | ${formatRatio(ratioOf(query, 'ours', 'raw-http', 'p50', concurrency))} | ` +
          `${formatRatio(ratioOf(query, 'ours', 'peer', 'throughput', concurrency))} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

// Private: this server's p50 and result size per scale, and how both grew.
function renderGrowth(results: BenchResults): string[] {
  if (results.scales.length < 2) return [];
  const c1 = Math.min(...results.config.concurrency);
  const lines = [
    `## Growth with the graph (concurrency ${c1}, p50 in ms, result objects per answer)`,
    '',
    `| query | ${results.scales.map((scale) => `${scale.scale} ours / raw-http / peer`).join(' | ')} | ${results.scales.map((scale) => `${scale.scale} objects`).join(' | ')} |`,
    `|---|${results.scales.map(() => '--:').join('|')}|${results.scales.map(() => '--:').join('|')}|`,
  ];
  const names = results.scales[0]!.queries.map((query) => query.name);
  for (const name of names) {
    const cells = results.scales.map((scale) => {
      const query = scale.queries.find((item) => item.name === name);
      const p50 = (contender: ContenderName) => query?.runs.find((run) => run.contender === contender && run.concurrency === c1)?.p50 ?? '–';
      return `${p50('ours')} / ${p50('raw-http')} / ${p50('peer')}`;
    });
    const sizes = results.scales.map((scale) => scale.queries.find((item) => item.name === name)?.resultObjects ?? '–');
    lines.push(`| ${name} | ${cells.join(' | ')} | ${sizes.join(' | ')} |`);
  }
  return lines;
}

// Private: memory of the process hosting each contender, per scale.
function renderMemory(results: BenchResults): string[] {
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)}`;
  const lines = [
    '## Memory of the process hosting each contender (MB, after all runs of a scale)',
    '',
    'raw is the driver plus the load loop in their own process (no HTTP, no GraphQL); raw-http is the driver behind node:http; ours and peer are the GraphQL servers.',
    '',
    '| scale | contender | RSS | peak RSS | heap used | heap after GC |',
    '|---|---|--:|--:|--:|--:|',
  ];
  for (const scale of results.scales) {
    for (const name of CONTENDERS) {
      const memory = scale.memory[name];
      lines.push(
        `| ${scale.scale} | ${name} | ${mb(memory.rssBytes)} | ${mb(memory.maxRssBytes)} | ${mb(memory.heapUsedBytes)} | ${mb(memory.heapAfterGcBytes)} |`,
      );
    }
  }
  return lines;
}

// Private: the plans of this server's statements; scans listed with their details.
function renderPlans(results: BenchResults): string[] {
  const lines = ["## Plans of this server's statements (PROFILE via db.profile, first parameter set)", ''];
  for (const scale of results.scales) {
    lines.push(`${scale.scale}:`, '');
    for (const plan of scale.plans) {
      lines.push(
        `- ${plan.query} / \`${plan.statement}\` (${plan.profileMs} ms): ${plan.scans.length === 0 ? 'no scan' : `**scans: ${plan.scans.map((scan) => `\`${scan.slice(0, 160)}\``).join('; ')}**`}. Operators: ${plan.operators.join(', ')}.`,
      );
    }
    lines.push('');
  }
  return lines;
}

// Private: per query, how much this server's p50 and result size grew from the first to the last scale.
function growthRows(results: BenchResults): { name: string; latency: number; rawLatency: number | null; size: number; met: boolean }[] {
  if (results.scales.length < 2) return [];
  const c1 = Math.min(...results.config.concurrency);
  const [first, last] = [results.scales[0]!, results.scales.at(-1)!];
  return first.queries.flatMap((query) => {
    const later = last.queries.find((item) => item.name === query.name);
    const p50 = (result: QueryResult | undefined, contender: ContenderName) =>
      result?.runs.find((run) => run.contender === contender && run.concurrency === c1)?.p50;
    const [before, after, rawBefore, rawAfter] = [p50(query, 'ours'), p50(later, 'ours'), p50(query, 'raw'), p50(later, 'raw')];
    if (!later || !before || !after) return [];
    const latency = after / before;
    const size = Math.max(1, later.resultObjects / Math.max(1, query.resultObjects));
    return [{ name: query.name, latency, rawLatency: rawBefore && rawAfter ? rawAfter / rawBefore : null, size, met: latency <= size }];
  });
}

// Private: a / b of one measure at one concurrency, or null when either is missing.
function ratioOf(query: QueryResult, a: ContenderName, b: ContenderName, measure: 'p50' | 'throughput', concurrency: number): number | null {
  const value = (name: ContenderName) => query.runs.find((run) => run.contender === name && run.concurrency === concurrency)?.[measure];
  const [x, y] = [value(a), value(b)];
  return x !== undefined && y !== undefined && y > 0 ? x / y : null;
}

function formatRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${ratio.toFixed(2)}x`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results.json'));
  const output = join(dirname(input), 'RESULTS.md');
  writeReport(JSON.parse(readFileSync(input, 'utf8')) as BenchResults, output);
  console.error(`Wrote ${output}.`);
}
