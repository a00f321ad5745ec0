/**
 * `npm run generate-import -- ENTITIES LINKS FILE.jsonl`: writes a synthetic import file for measuring
 * large imports: one Source, ENTITIES companies (`actor:gen-<n>`) citing it and LINKS MET relationships
 * between them (each pair once). Synthetic ids only ("gen"), never real facts; not for the curated graph.
 */
import { createWriteStream } from 'node:fs';

const [entitiesArg, linksArg, file] = process.argv.slice(2);
const entities = Number(entitiesArg);
const links = Number(linksArg);
if (!file || !Number.isInteger(entities) || entities < 2 || !Number.isInteger(links) || links < 0 || links > entities * (entities - 1)) {
  console.error('usage: npm run generate-import -- ENTITIES LINKS FILE.jsonl (ENTITIES >= 2, LINKS <= ENTITIES * (ENTITIES - 1))');
  process.exit(2);
}
const out = createWriteStream(file);
const write = (record: unknown) =>
  out.write(`${JSON.stringify(record)}\n`) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
const source = 'source:gen-synthetic';
await write({ type: 'Source', id: source, name: 'Synthetic import data', title: 'Synthetic import data', confidence: 'low', sourceIds: [source] });
for (let n = 0; n < entities; n++) {
  await write({
    type: 'Actor',
    id: `actor:gen-${n}`,
    name: `Generated company ${n}`,
    kind: 'company',
    side: n % 2 ? 'EU' : 'KZ',
    confidence: 'low',
    sourceIds: [source],
  });
}
for (let i = 0; i < links; i++) {
  const from = i % entities;
  const to = (from + 1 + Math.floor(i / entities)) % entities;
  await write({ type: 'MET', from: `actor:gen-${from}`, to: `actor:gen-${to}`, confidence: 'low', sourceIds: [source] });
}
out.end();
await new Promise<void>((resolve) => out.once('finish', () => resolve()));
console.error(`Wrote ${1 + entities + links} records to ${file}.`);
