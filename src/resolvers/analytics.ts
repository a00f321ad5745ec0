/**
 * Integration views over the whole graph: a value chain stage by stage, EU–KZ corridors, the timeline,
 * brokers and dashboard counts. Each is one bounded statement; caps are checked before it runs.
 */
import type { Context } from '../context.ts';
import { badUserInput, notFound } from '../errors.ts';
import type { EntityRow } from '../model/entity-row.ts';
import type { RelationshipType } from '../model/vocabulary.ts';
import { summarize } from '../records/summarize-graph.ts';
import { checkLimit, checkNotEmpty, LIMITS } from '../limits.ts';
import { asOfParams, assertEntitiesExist, type PathRow, type RelationshipRow } from './paths.ts';

/**
 * The links a corridor may follow: who takes part in, funds, signs, implements, covers, produces, supplies
 * or needs what. Offices, meetings, attendance, places and chain structure are left out: they tie people
 * and events, not value chains.
 */
export const CORRIDOR_TYPES: readonly RelationshipType[] = [
  'PARTICIPATES_IN',
  'FUNDS',
  'MANAGES',
  'FINANCES',
  'SIGNED',
  'ANNOUNCED',
  'PARTY_TO',
  'IMPLEMENTS',
  'BUILDS_ON',
  'FRAMED_BY',
  'COVERS',
  'INVOLVES',
  'INPUT_TO',
  'PRODUCES',
  'PROCESSES',
  'SUPPLIES',
  'DEMANDS',
  'HOLDS_DEPOSIT',
];

/** Every timeline kind, in the order the API lists them. */
const TIMELINE_KINDS = ['EVENT', 'AGREEMENT', 'SIGNING', 'ANNOUNCEMENT', 'MEETING', 'FUNDING', 'OFFICE_START', 'OFFICE_END'] as const;
type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** A stage row of the value-chain statement. */
interface StageRow {
  chainId: string;
  stage: EntityRow;
  memberCount: number;
  materials: EntityRow[];
  projects: EntityRow[];
  euActors: EntityRow[];
  kzActors: EntityRow[];
  /** The links that tie the EU and KZ actors to the stage. */
  links: RelationshipRow[];
  funding: RelationshipRow[];
}

/** The asOf arguments of valueChain and timeline. */
interface AsOfArgs {
  asOf?: string | null;
  includeUncertain?: boolean | null;
}

/** A timeline row as the statement returns it. */
interface TimelineRow {
  date: string;
  kind: TimelineKind;
  subject: EntityRow;
  object: EntityRow | null;
  relationship: RelationshipRow | null;
  /** With asOf: how the entry is known to hold that day (an event's or agreement's own date: STATED). */
  validity: RelationshipRow['validity'];
}

/** One line for humans describing a timeline entry. */
export function summarizeEntry(row: TimelineRow): string {
  const subject = row.subject.name;
  const object = row.object?.name ?? '';
  const properties = row.relationship?.properties ?? {};
  switch (row.kind) {
    case 'EVENT':
      return `${subject} took place`;
    case 'AGREEMENT':
      return `${subject} was concluded`;
    case 'SIGNING':
      return `${subject} signed ${object}`;
    case 'ANNOUNCEMENT':
      return `${subject} announced ${object}`;
    case 'MEETING':
      return `${subject} met ${object}`;
    case 'FUNDING': {
      const amount =
        typeof properties.amount === 'number' ? ` (${properties.amount.toLocaleString('en')} ${String(properties.currency ?? '')})`.replace(' )', ')') : '';
      return `${subject} funded ${object}${amount}`;
    }
    case 'OFFICE_START':
      return `${subject} took office as ${String(properties.title ?? 'office holder')} (${object})`;
    case 'OFFICE_END':
      return `${subject} left office as ${String(properties.title ?? 'office holder')} (${object})`;
  }
}

/**
 * The stages of one chain (or of all, `id` null), with only the links that hold on `asOf` when given.
 * Whether asOf is given is part of the statement's shape: without it the statement carries no date rule.
 */
async function loadStages(context: Context, id: string | null, dates: AsOfArgs = {}): Promise<StageRow[]> {
  const range = id === null ? { fromId: '', toId: '\u{10FFFF}' } : { fromId: id, toId: id };
  const params = asOfParams(dates);
  return (await context.db.read('value-chain-stages', { ...range, ...params }, { dated: params.asOf !== null })) as unknown as StageRow[];
}

/** A stats object whose fields each run their own statement, once, when selected. */
function createStats(context: Context) {
  let summary: ReturnType<typeof summarize> | undefined;
  const counts = () => (summary ??= summarize(context.db));
  return {
    entities: async () => Object.entries((await counts()).nodesByType).map(([key, count]) => ({ key, count })),
    relationships: async () => Object.entries((await counts()).relationshipsByType).map(([key, count]) => ({ key, count })),
    sides: async () => (await context.db.read('stats-sides')).map((row) => ({ key: String(row.key), count: Number(row.count) })),
    materials: async ({ first }: { first?: number | null }) => context.db.read('stats-materials', { limit: checkLimit('first', first, LIMITS.materials) }),
    stages: async () =>
      (await loadStages(context, null)).map((row) => ({
        stage: row.stage,
        chainId: row.chainId,
        members: row.memberCount,
        euActors: row.euActors.length,
        kzActors: row.kzActors.length,
      })),
  };
}

export const analyticsResolvers = {
  Query: {
    valueChain: async (_parent: unknown, { id, ...dates }: { id: string } & AsOfArgs, context: Context) => {
      const chain = await context.loaders.nodesByIds.load(id);
      if (chain?.__typename !== 'ValueChain') {
        throw notFound(chain ? `"${id}" is ${withArticle(chain.__typename)}, not a ValueChain.` : `No value chain has the id "${id}".`);
      }
      const stages = await loadStages(context, id, dates);
      const views = stages.map((row) => ({ ...row, position: Number(row.stage.position), linked: row.euActors.length > 0 && row.kzActors.length > 0 }));
      return { chain, stages: views, gaps: views.filter((view) => !view.linked).map((view) => view.stage) };
    },
    corridors: async (_parent: unknown, args: { material?: string | null; maxHops?: number | null; first?: number | null }, context: Context) => {
      const maxHops = checkLimit('maxHops', args.maxHops, LIMITS.maxHops);
      const first = checkLimit('first', args.first, LIMITS.corridors);
      if (args.material) {
        await assertEntitiesExist(context, { material: args.material });
        const material = await context.loaders.nodesByIds.load(args.material);
        if (material?.__typename !== 'Material')
          throw badUserInput(`Argument "material" must be a Material id, but "${args.material}" is ${withArticle(String(material?.__typename))}.`, 'material');
      }
      return context.db.read('corridors', { material: args.material ?? null, limit: first }, { hops: maxHops, type: CORRIDOR_TYPES.join('|') });
    },
    timeline: async (
      _parent: unknown,
      args: { from?: string | null; to?: string | null; kinds?: TimelineKind[] | null; first?: number | null } & AsOfArgs,
      context: Context,
    ) => {
      const first = checkLimit('first', args.first, LIMITS.timeline);
      checkNotEmpty('kinds', args.kinds, 'kind');
      const from = args.from ?? '';
      const to = args.to ?? '9999';
      if (args.from && args.to && args.from > args.to) throw badUserInput(`Argument "from" (${args.from}) must not be after "to" (${args.to}).`, 'from');
      const dates = asOfParams(args);
      const rows = (await context.db.read(
        'timeline',
        {
          ...dates,
          from,
          fromYear: from.slice(0, 4),
          // A "to" of 2023-06 must keep 2023-06-30: '~' sorts after every digit.
          to: args.to ? `${args.to}~` : to,
          kinds: args.kinds ?? TIMELINE_KINDS,
          limit: first + 1,
        },
        { dated: dates.asOf !== null },
      )) as unknown as Omit<TimelineRow, 'validity'>[];
      const entries = rows.slice(0, first).map(
        (row): TimelineRow => ({
          ...row,
          validity: dates.asOf === null ? null : (row.relationship?.validity ?? 'STATED'),
        }),
      );
      return { entries, hasMore: rows.length > first };
    },
    brokers: async (_parent: unknown, args: { first?: number | null; maxHops?: number | null }, context: Context) => {
      const first = checkLimit('first', args.first, LIMITS.brokers);
      const maxHops = checkLimit('maxHops', args.maxHops, LIMITS.maxHops);
      return context.db.read('brokers', { limit: first }, { hops: maxHops });
    },
    stats: (_parent: unknown, _args: unknown, context: Context) => createStats(context),
  },
  TimelineEntry: {
    summary: (row: TimelineRow) => summarizeEntry(row),
    sources: (row: TimelineRow, _args: unknown, { loaders }: Context) =>
      loaders.sourcesOf((row.relationship?.properties.sourceIds ?? row.subject.sourceIds) as string[]),
  },
  Path: {
    length: (row: PathRow) => Number(row.length),
  },
};

/** "an Actor", "a Material": a type name with its article. */
function withArticle(type: string): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
