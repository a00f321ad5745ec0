/**
 * The data report (npm run data-report, and the seed loader's summary line) against direct counts: every
 * figure is recomputed here from the exported graph (every entity and link, read back as records) and from
 * the API's stats, never hard-coded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedEntity, ExportedRelationship } from '../src/records/export-graph.ts';
import { buildDataReport, formatDataReport, formatDataReportLine, type DataReport } from '../src/records/data-report.ts';
import { ENTITY_TYPE_NAMES, RELATIONSHIP_TYPE_NAMES } from '../src/model/vocabulary.ts';
import { readGraphFixture, startTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
let report: DataReport;
let entities: ExportedEntity[];
let relationships: ExportedRelationship[];

beforeAll(async () => {
  server = await startTestServer();
  ({ entities, relationships } = await readGraphFixture(server.db));
  report = await buildDataReport(server.db);
});
afterAll(() => server.close());

const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};
const sourceIdsOf = (record: Record<string, unknown>) => record.sourceIds as string[];
const isUndated = (link: ExportedRelationship) =>
  ['date', 'validFrom', 'validTo', 'ratified'].every((key) => link[key] === undefined || link[key] === null) &&
  ((link.attestedOn as string[] | undefined) ?? []).length === 0;

describe('the data report', () => {
  it("counts entities and links by type as the graph holds them, and as the API's stats do", async () => {
    const entityCounts = countBy(entities, (entity) => entity.type);
    const linkCounts = countBy(relationships, (link) => link.type);
    for (const type of ENTITY_TYPE_NAMES) expect(report.entitiesByType[type], type).toBe(entityCounts[type] ?? 0);
    for (const type of RELATIONSHIP_TYPE_NAMES) expect(report.linksByType[type], type).toBe(linkCounts[type] ?? 0);
    expect(report.entityCount).toBe(entities.length);
    expect(report.linkCount).toBe(relationships.length);

    const { stats } = await server.data(`{ stats { entities { key count } relationships { key count } } }`);
    for (const { key, count } of stats.entities) expect(report.entitiesByType[key as keyof DataReport['entitiesByType']], key).toBe(count);
    for (const { key, count } of stats.relationships) expect(report.linksByType[key as keyof DataReport['linksByType']], key).toBe(count);
  });

  it('counts links without any date and links citing a single source', () => {
    expect(report.undatedLinks).toBe(relationships.filter(isUndated).length);
    const timeless = new Set([
      'BUILDS_ON',
      'IMPLEMENTS',
      'COVERS',
      'HOSTED',
      'MANAGES',
      'FINANCES',
      'INVOLVES',
      'AT_STAGE',
      'NEXT',
      'PART_OF_CHAIN',
      'INPUT_TO',
      'PRODUCES',
      'PROCESSES',
      'DEMANDS',
      'HOLDS_DEPOSIT',
      'ABOUT',
      'LOCATED_IN',
      'FRAMED_BY',
    ]);
    expect(report.undatedDatableLinks).toBe(relationships.filter((link) => isUndated(link) && !timeless.has(link.type)).length);
    expect(report.undatedDatableLinks).toBeLessThan(report.undatedLinks);
    expect(report.singleSourceLinks).toBe(relationships.filter((link) => sourceIdsOf(link).length === 1).length);
  });

  it('lists the entities without a Russian or German name and those with no link, Sources aside', () => {
    const others = entities.filter((entity) => entity.type !== 'Source');
    const names = (entity: ExportedEntity) => (entity.names ?? {}) as Record<string, string[]>;
    expect(report.withoutRussianOrGermanName).toEqual(
      others
        .filter((entity) => !names(entity).ru && !names(entity).de)
        .map((entity) => entity.id)
        .sort(),
    );
    expect(report.withoutRussianOrGermanName).not.toContain('actor:kassym-jomart-tokayev');
    const linked = new Set(relationships.flatMap((link) => [link.from, link.to]));
    expect(report.unlinkedEntities).toEqual(
      others
        .filter((entity) => !linked.has(entity.id))
        .map((entity) => entity.id)
        .sort(),
    );
  });

  it('ranks sources by how many entities and links cite them', () => {
    const citations = new Map(entities.filter((entity) => entity.type === 'Source').map((source) => [source.id, 0]));
    for (const record of [...entities.filter((entity) => entity.type !== 'Source'), ...relationships]) {
      for (const id of sourceIdsOf(record)) citations.set(id, (citations.get(id) ?? 0) + 1);
    }
    const ranked = [...citations].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    expect(report.mostCitedSources.map(({ id, citations }) => [id, citations])).toEqual(ranked.slice(0, 5));
    const least = [...citations].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1));
    expect(report.leastCitedSources.map(({ id, citations }) => [id, citations])).toEqual(least.slice(0, 5));
    expect(report.uncitedSources).toBe(ranked.filter(([, count]) => count === 0).length);
    expect(report.mostCitedSources[0]!.title).toBe(entities.find((entity) => entity.id === ranked[0]![0])!.title);
  });

  it('prints one summary line for the seed loader and the whole report for npm run data-report', () => {
    const line = formatDataReportLine(report);
    expect(line).not.toContain('\n');
    expect(line).toContain(`seed: ${entities.length} entities, ${relationships.length} links, ${report.undatedLinks} undated links`);
    expect(line).toContain(`${report.singleSourceLinks} single-source links`);
    const full = formatDataReport(report);
    expect(full).toContain(`Links by type (${relationships.length}):`);
    expect(full).toContain(report.mostCitedSources[0]!.id);
    for (const id of report.unlinkedEntities) expect(full).toContain(`  ${id}`);
  });
});
