/**
 * The data report: what the database holds and where its evidence is thin. Entities and links per type
 * (from the count store), links with no date of any kind, links citing a single source, entities with
 * neither a Russian nor a German spelling, entities with no link, and the sources cited most and least.
 * `npm run data-report` prints it in full; the seed loader prints it as one summary line.
 */
import type { Database, Row } from '../db/database.ts';
import { ENTITY_TYPE_NAMES, RELATIONSHIP_TYPE_NAMES, RELATIONSHIP_TYPES, type EntityType, type RelationshipType } from '../model/vocabulary.ts';

/** How often one Source is cited in the sourceIds of entities (other than Sources) and links. */
export interface SourceCitations {
  id: string;
  title: string;
  citations: number;
}

/** The figures of the data report. */
export interface DataReport {
  entityCount: number;
  linkCount: number;
  /** Entities per type label, every type of the model (0 included). */
  entitiesByType: Record<EntityType, number>;
  /** Links per relationship type, every type of the model (0 included). */
  linksByType: Record<RelationshipType, number>;
  /** Links with no date, validFrom, validTo, ratified or attestedOn. */
  undatedLinks: number;
  /** Of those, links of a type that is not timeless (an act or a state that the sources could date). */
  undatedDatableLinks: number;
  /** Links whose sourceIds name exactly one Source. */
  singleSourceLinks: number;
  /** Ids of entities (Sources aside) with neither a `ru` nor a `de` spelling, sorted. */
  withoutRussianOrGermanName: string[];
  /** Ids of entities (Sources aside) with no link to another entity, sorted. */
  unlinkedEntities: string[];
  /** The most cited Sources, most first (ties by id). */
  mostCitedSources: SourceCitations[];
  /** The least cited Sources, least first (ties by id). */
  leastCitedSources: SourceCitations[];
  /** Sources that nothing cites. */
  uncitedSources: number;
}

/** Options of buildDataReport. */
export interface DataReportOptions {
  /** How many sources to list as most and as least cited. @default 5 */
  sourceListLength?: number;
}

/** Reads the report's figures, one statement per entity and relationship type (count store) plus four. */
export async function buildDataReport(db: Database, options: DataReportOptions = {}): Promise<DataReport> {
  const { sourceListLength = 5 } = options;
  const datedTypes = RELATIONSHIP_TYPE_NAMES.filter((type) => RELATIONSHIP_TYPES[type].temporality !== 'timeless');
  // One statement at a time: the report is a background read and must not take the pool from requests.
  const entityCounts: Row[][] = [];
  for (const label of ENTITY_TYPE_NAMES) entityCounts.push(await db.read('data-report-entity-count', {}, { label }));
  const linkCounts: Row[][] = [];
  for (const type of RELATIONSHIP_TYPE_NAMES) linkCounts.push(await db.read('data-report-link-count', {}, { type }));
  const [gaps] = await db.read('data-report-link-gaps', { datedTypes });
  const entityGaps = await db.read('data-report-entity-gaps');
  const citations = await db.read('data-report-source-citations');
  const entitiesByType = Object.fromEntries(ENTITY_TYPE_NAMES.map((label, i) => [label, countOf(entityCounts[i])])) as Record<EntityType, number>;
  const linksByType = Object.fromEntries(RELATIONSHIP_TYPE_NAMES.map((type, i) => [type, countOf(linkCounts[i])])) as Record<RelationshipType, number>;
  const sources: SourceCitations[] = citations.map((row) => ({ id: String(row.id), title: String(row.title), citations: Number(row.citations) }));
  const leastFirst = [...sources].sort((a, b) => a.citations - b.citations || (a.id < b.id ? -1 : 1));
  return {
    entityCount: sum(Object.values(entitiesByType)),
    linkCount: sum(Object.values(linksByType)),
    entitiesByType,
    linksByType,
    undatedLinks: Number(gaps?.undated ?? 0),
    undatedDatableLinks: Number(gaps?.undatedOfDatedTypes ?? 0),
    singleSourceLinks: Number(gaps?.singleSource ?? 0),
    withoutRussianOrGermanName: entityGaps.filter((row) => row.withoutRuOrDe === true).map((row) => String(row.id)),
    unlinkedEntities: entityGaps.filter((row) => row.unlinked === true).map((row) => String(row.id)),
    mostCitedSources: sources.slice(0, sourceListLength),
    leastCitedSources: leastFirst.slice(0, sourceListLength),
    uncitedSources: sources.filter((source) => source.citations === 0).length,
  };
}

/** The report as one line, e.g. "seed: 673 entities, 961 links, 120 undated links, ...". */
export function formatDataReportLine(report: DataReport, prefix = 'seed'): string {
  const most = report.mostCitedSources[0];
  return (
    `${prefix}: ${report.entityCount} entities, ${report.linkCount} links, ` +
    `${report.undatedLinks} undated links (${report.undatedDatableLinks} of datable types), ` +
    `${report.singleSourceLinks} single-source links, ` +
    `${report.withoutRussianOrGermanName.length} entities without a Russian or German name, ` +
    `${report.unlinkedEntities.length} unlinked entities, ${report.uncitedSources} uncited sources` +
    (most ? `, most cited ${most.id} (${most.citations})` : '')
  );
}

/** The report in full, as printed by `npm run data-report`. */
export function formatDataReport(report: DataReport): string {
  const lines = [formatDataReportLine(report, 'Data report'), '', `Entities by type (${report.entityCount}):`];
  for (const [type, count] of Object.entries(report.entitiesByType)) lines.push(`  ${type.padEnd(20)} ${String(count).padStart(6)}`);
  lines.push('', `Links by type (${report.linkCount}):`);
  for (const [type, count] of Object.entries(report.linksByType)) lines.push(`  ${type.padEnd(20)} ${String(count).padStart(6)}`);
  lines.push(
    '',
    `Links without any date (date, validFrom, validTo, ratified, attestedOn): ${report.undatedLinks}, of which ${report.undatedDatableLinks} of types that are not timeless.`,
    `Links citing a single source: ${report.singleSourceLinks}.`,
    '',
    `Entities without a Russian or German name (Sources aside): ${report.withoutRussianOrGermanName.length}, by type:`,
  );
  for (const [type, count] of Object.entries(countByPrefix(report.withoutRussianOrGermanName))) lines.push(`  ${type.padEnd(20)} ${String(count).padStart(6)}`);
  lines.push('', `Entities with no link (Sources aside): ${report.unlinkedEntities.length}${report.unlinkedEntities.length ? ':' : '.'}`);
  for (const id of report.unlinkedEntities) lines.push(`  ${id}`);
  lines.push('', 'Sources cited most:');
  for (const source of report.mostCitedSources) lines.push(`  ${String(source.citations).padStart(4)}  ${source.id}  ${source.title}`);
  lines.push(`Sources cited least (${report.uncitedSources} cited by nothing):`);
  for (const source of report.leastCitedSources) lines.push(`  ${String(source.citations).padStart(4)}  ${source.id}  ${source.title}`);
  return lines.join('\n');
}

// Private: the count of a one-row count statement.
function countOf(rows: readonly Record<string, unknown>[] | undefined): number {
  return Number(rows?.[0]?.count ?? 0);
}

// Private: the sum of some counts.
function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

// Private: ids counted by their prefix (`actor`, `project`, ...), in first-seen order of a sorted list.
function countByPrefix(ids: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const prefix = id.slice(0, id.indexOf(':'));
    counts[prefix] = (counts[prefix] ?? 0) + 1;
  }
  return counts;
}
