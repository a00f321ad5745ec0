/**
 * The selection compiler: turns the selection set under an entity into Cypher that returns the response's
 * shape: per entity a map keyed by response key (alias or field name) holding only what was selected, with
 * every relationship connection (any depth) as a `CALL` subquery that limits per parent before it projects.
 * Statement text depends only on the selection's shape; every value (ids, limits, cursors, asOf, lang) is
 * a `$parameter`. Labels and relationship types come only from the model's whitelist, property names only
 * from the schema's fields. What it cannot compile raises NotPlannable, and the caller falls back to the
 * resolvers and their loaders.
 */
import {
  getArgumentValues,
  isLeafType,
  getNamedType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { decodeCursor, encodeCursor, readPageArgs } from '../resolvers/pagination.ts';
import { PLAIN_LINK_PROPERTIES } from '../resolvers/relationship-properties.ts';
import { RELATIONSHIP_FIELDS, type Direction } from '../model/relationship-fields.ts';
import { holdsOnCypher, validityCypher } from '../model/validity.ts';
import type { RelationshipQuery } from '../loaders/create-loaders.ts';
import {
  ENTITY_TYPES,
  ENTITY_TYPE_NAMES,
  RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPE_NAMES,
  isEntityType,
  isRelationshipType,
  type EntityType,
  type RelationshipType,
} from '../model/vocabulary.ts';
import { collectFields, subSelections, type CollectScope } from './collect-fields.ts';

/** The selection uses something the planner does not compile; the resolvers answer it instead. */
export class NotPlannable extends Error {}

/** Key every planned object carries, so resolvers read the planned value instead of loading. */
export const PLANNED_KEY = '__planned';

/** Turns a value the statement returned into the response value (cursors are encoded here). */
export type Decoder = (value: any) => any;

/** A compiled piece: subqueries to run first, then an expression over their results. */
interface Compiled {
  subqueries: string[];
  expr: string;
  decode?: Decoder;
}

/** State of one compilation: the parameters collected so far and the counters for fresh names. */
export interface Compiler {
  scope: CollectScope;
  params: Record<string, unknown>;
  /** Leaf fields per entity type that read a stored property of the same name (no resolver of their own). */
  plainFields: ReadonlyMap<string, ReadonlySet<string>>;
  /** Counter for fresh parameter and variable names. */
  next: number;
}

/** Edge fields that read the relationship property of the same name (as their resolvers do). */
const EDGE_PROPERTIES: ReadonlySet<string> = new Set(PLAIN_LINK_PROPERTIES);
const ARROWS: Record<Direction, [string, string]> = { OUT: ['-', '->'], IN: ['<-', '-'], BOTH: ['-', '-'] };
const TYPENAME = `[label IN labels(__V__) WHERE label <> 'Entity'][0]`;

/** A fresh compiler over the request's fragments and variables. */
export function createCompiler(scope: CollectScope, plainFields: ReadonlyMap<string, ReadonlySet<string>>): Compiler {
  return { scope, params: {}, plainFields, next: 0 };
}

/** Adds a parameter and returns its name (without `$`). */
export function addParam(c: Compiler, value: unknown): string {
  const name = `p${c.next++}`;
  c.params[name] = value;
  return name;
}

function fresh(c: Compiler, prefix: string): string {
  return `${prefix}${c.next++}`;
}

/**
 * Compiles the selection sets under an entity bound to Cypher variable `v`, which may be any of `types`.
 * The expression is a map with PLANNED_KEY, `__typename` and one entry per selected response key.
 */
export function compileEntity(c: Compiler, v: string, types: readonly EntityType[], selectionSets: readonly (SelectionSetNode | undefined)[]): Compiled {
  const subqueries: string[] = [];
  const compiledBySignature = new Map<string, { entry: string; decode?: Decoder }>();
  const mapsByType = new Map<EntityType, { text: string; decoders: [string, Decoder][] }>();
  const perType = types.map((type) => {
    const objectType = c.scope.schema.getType(type) as GraphQLObjectType;
    const fields = collectFields(c.scope, objectType, selectionSets);
    return { type, objectType, fields };
  });
  // Which types each (response key, field nodes) pair is asked for, so a type-specific field runs only for its types.
  const typesOf = new Map<string, EntityType[]>();
  for (const { type, fields } of perType) {
    for (const [key, nodes] of fields) {
      const signature = signatureOf(key, nodes);
      typesOf.set(signature, [...(typesOf.get(signature) ?? []), type]);
    }
  }
  // One possible type (a collection, a Source, a link whose other end the model fixes) needs no label lookup.
  const typename = types.length === 1 ? `'${types[0]}'` : TYPENAME.replace('__V__', v);
  for (const { type, objectType, fields } of perType) {
    const entries = [`${PLANNED_KEY}: true`, `__typename: ${typename}`];
    const decoders: [string, Decoder][] = [];
    for (const [key, nodes] of fields) {
      if (nodes[0]!.name.value === '__typename') continue;
      if (key.startsWith('__')) throw new NotPlannable(`response key ${key}`);
      const signature = signatureOf(key, nodes);
      let compiled = compiledBySignature.get(signature);
      if (!compiled) {
        const forTypes = typesOf.get(signature)!;
        const guard = forTypes.length === types.length ? null : forTypes.map((t) => `${v}:${t}`).join(' OR ');
        const field = compileEntityField(c, v, type, objectType, nodes, guard);
        subqueries.push(...field.subqueries);
        compiled = { entry: `${quoteKey(key)}: ${field.expr}`, decode: field.decode };
        compiledBySignature.set(signature, compiled);
      }
      entries.push(compiled.entry);
      if (compiled.decode) decoders.push([key, compiled.decode]);
    }
    mapsByType.set(type, { text: `{${entries.join(', ')}}`, decoders });
  }
  // Types with the same map share one CASE arm; one arm for all needs no CASE.
  const arms = new Map<string, EntityType[]>();
  for (const [type, { text }] of mapsByType) arms.set(text, [...(arms.get(text) ?? []), type]);
  let expr: string;
  if (arms.size === 1) {
    expr = [...arms.keys()][0]!;
  } else {
    const list = [...arms.entries()];
    const last = list.pop()!;
    expr = `CASE ${list.map(([text, armTypes]) => `WHEN ${armTypes.map((t) => `${v}:${t}`).join(' OR ')} THEN ${text}`).join(' ')} ELSE ${last[0]} END`;
  }
  const decodersByType = new Map([...mapsByType].filter(([, map]) => map.decoders.length > 0).map(([type, map]) => [type as string, map.decoders]));
  const decode: Decoder | undefined =
    decodersByType.size === 0
      ? undefined
      : (value) => {
          if (value === null || value === undefined) return value;
          for (const [key, fieldDecode] of decodersByType.get(value.__typename) ?? []) value[key] = fieldDecode(value[key]);
          return value;
        };
  return { subqueries, expr, decode };
}

// Private: one field of an entity.
function compileEntityField(c: Compiler, v: string, type: EntityType, objectType: GraphQLObjectType, nodes: FieldNode[], guard: string | null): Compiled {
  const name = nodes[0]!.name.value;
  const field = objectType.getFields()[name];
  if (!field) throw new NotPlannable(`${type}.${name}`);
  const none = (expr: string): Compiled => ({ subqueries: [], expr });
  switch (name) {
    case 'id':
      return none(`${v}.id`);
    case 'name': {
      // Without a `lang` argument in the document the name is the stored display name: no lookup to carry.
      if (!nodes[0]!.arguments?.some((argument) => argument.name.value === 'lang')) return none(`${v}.name`);
      const { lang } = args(c, field, nodes[0]!) as { lang?: string | null };
      // localizedName: the first spelling in that language, else the English display name.
      const language = !lang || lang === 'en' ? null : lang;
      const p = addParam(c, language);
      return none(`coalesce(head([i IN range(0, size(coalesce(${v}.nameLangs, [])) - 1) WHERE ${v}.nameLangs[i] = $${p} | ${v}.names[i]]), ${v}.name)`);
    }
    case 'names':
      return none(compileNames(c, v, nodes));
    case 'confidence':
      return none(`${v}.confidence`);
    case 'kind':
      return none(`${v}.kind`);
    case 'crmaCritical':
    case 'crmaStrategic':
      return none(`coalesce(${v}.${name} = true, false)`);
    case 'sources':
      return compileSources(c, v, nodes, guard);
  }
  if (getNamedType(field.type).name === 'RelationshipConnection') return compileConnection(c, v, type, field, nodes, guard);
  if (isLeafType(getNamedType(field.type)) && field.args.length === 0 && c.plainFields.get(type)?.has(name) && /^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    return none(`${v}.${name}`);
  }
  throw new NotPlannable(`${type}.${name}`);
}

// Private: `names { language value }` as a list comprehension over the parallel lists.
function compileNames(c: Compiler, v: string, nodes: FieldNode[]): string {
  const type = c.scope.schema.getType('LocalizedName') as GraphQLObjectType;
  const entries = [`${PLANNED_KEY}: true`];
  for (const [key, fieldNodes] of collectFields(c.scope, type, subSelections(nodes))) {
    const name = fieldNodes[0]!.name.value;
    if (name === '__typename') continue;
    if (key.startsWith('__')) throw new NotPlannable(`response key ${key}`);
    if (name === 'value') entries.push(`${quoteKey(key)}: ${v}.names[i]`);
    else if (name === 'language') entries.push(`${quoteKey(key)}: coalesce(${v}.nameLangs[i], 'translit')`);
    else throw new NotPlannable(`LocalizedName.${name}`);
  }
  return `[i IN range(0, size(coalesce(${v}.names, [])) - 1) | {${entries.join(', ')}}]`;
}

// Private: the Sources an entity or link cites (`sourceIds`), in order, each projected as an entity.
function compileSources(c: Compiler, owner: string, nodes: FieldNode[], guard: string | null): Compiled {
  const s = fresh(c, 's');
  const i = fresh(c, 'i');
  const out = fresh(c, 'src');
  const sid = fresh(c, 'sid');
  const source = compileEntity(c, s, ['Source'], subSelections(nodes));
  const list = `range(0, size(coalesce(${owner}.sourceIds, [])) - 1)`;
  const subquery = [
    `CALL (${owner}) {`,
    `  UNWIND ${guard ? `CASE WHEN ${guard} THEN ${list} ELSE [] END` : list} AS ${i}`,
    // A seek in the Source(id) index for each id, forced: left to itself, the planner may scan the whole
    // Entity(id) index under every owner and filter it (a link's sources, seen in PROFILE).
    `  WITH ${i}, ${owner}.sourceIds[${i}] AS ${sid}`,
    `  MATCH (${s}:Source {id: ${sid}})`,
    `  USING INDEX ${s}:Source(id)`,
    ...indent(source.subqueries),
    `  WITH ${i}, ${source.expr} AS row`,
    `  ORDER BY ${i}`,
    `  RETURN collect(row) AS ${out}`,
    `}`,
  ].join('\n');
  const decode = source.decode;
  return { subqueries: [subquery], expr: out, decode: decode ? (list: unknown[]) => list.map(decode) : undefined };
}

/** What a relationship field asks for, after its arguments are read and checked: the loaders' query, and the other end's possible types. */
type ConnectionArgs = RelationshipQuery & { endTypes: readonly EntityType[] };

// Private: reads a relationship field's arguments as the resolvers do; anything they would refuse is theirs to refuse.
function connectionArgs(c: Compiler, type: EntityType, field: GraphQLField<unknown, unknown>, node: FieldNode): ConnectionArgs {
  const values = args(c, field, node) as {
    types?: RelationshipType[] | null;
    direction?: Direction | null;
    asOf?: string | null;
    includeUncertain?: boolean | null;
    first?: number | null;
    after?: string | null;
  };
  let types: readonly RelationshipType[];
  let direction: Direction;
  if (field.name === 'relationships') {
    if (values.types && values.types.length === 0) throw new NotPlannable('empty types');
    types = values.types ? [...new Set(values.types)] : RELATIONSHIP_TYPE_NAMES;
    direction = values.direction ?? 'BOTH';
  } else {
    const spec = (RELATIONSHIP_FIELDS as Record<string, Record<string, { types: readonly RelationshipType[]; direction: Direction }>>)[type]?.[field.name];
    if (!spec) throw new NotPlannable(`${type}.${field.name}`);
    ({ types, direction } = spec);
  }
  if (!types.every(isRelationshipType) || !(direction in ARROWS)) throw new NotPlannable('types');
  // The other end's possible types, as the model allows them (writes are checked against it).
  const ends = new Set<EntityType>();
  for (const relType of types) {
    const spec = RELATIONSHIP_TYPES[relType];
    if (direction !== 'IN') for (const end of spec.to) ends.add(end);
    if (direction !== 'OUT') for (const end of spec.from) ends.add(end);
  }
  const endTypes = ENTITY_TYPE_NAMES.filter((entityType) => ends.has(entityType));
  // The date rule (src/model/validity.ts) inlined into a generated statement takes Neo4j seconds to compile
  // for every new shape (measured: 25 generated dated shapes ran past 300 s); the loaders' fixed statements
  // carry it compiled once. So a dated connection is the loaders' until the rule is cheap to inline.
  if (values.asOf !== null && values.asOf !== undefined) throw new NotPlannable('asOf');
  try {
    const page = readPageArgs({ first: values.first, after: values.after });
    const after = page.cursor ? String(decodeCursor(page.cursor, 'after', (payload) => typeof payload.e === 'string', 'these links').e) : null;
    return { types, direction, asOf: values.asOf ?? null, includeUncertain: values.includeUncertain ?? false, first: page.size, after, endTypes };
  } catch {
    throw new NotPlannable('page arguments');
  }
}

// Private: a RelationshipConnection: one subquery that pages the links of `v` (LIMIT per parent, then
// the nested subqueries of the kept rows only), and a map with edges, nodes, pageInfo and totalCount.
function compileConnection(
  c: Compiler,
  v: string,
  type: EntityType,
  field: GraphQLField<unknown, unknown>,
  nodes: FieldNode[],
  guard: string | null,
): Compiled {
  const a = connectionArgs(c, type, field, nodes[0]!);
  const [left, right] = ARROWS[a.direction];
  const relTypes = a.types.join('|');
  // Over most of the model's types a node's links are expanded once and their type checked, instead of
  // probing every type's group of a dense node (as the registry's __REL(r)__ does).
  const untyped = a.types.length > RELATIONSHIP_TYPE_NAMES.length / 2;
  // Whether asOf is set is part of the shape: without it no link is filtered, so the statement carries no
  // date rule (a rule Neo4j would otherwise compile into every connection of every shape).
  const dated = a.asOf !== null;
  const pAsOf = addParam(c, a.asOf);
  const pUncertain = addParam(c, a.includeUncertain);
  const pAfter = addParam(c, a.after);
  const pFirst = addParam(c, a.first);
  const pLimit = addParam(c, a.first + 1);
  const r = fresh(c, 'r');
  const m = fresh(c, 'm');
  const k = fresh(c, 'k');
  const rows = fresh(c, 'rows');
  const connectionType = c.scope.schema.getType('RelationshipConnection') as GraphQLObjectType;
  const edgeType = c.scope.schema.getType('RelationshipEdge') as GraphQLObjectType;
  const pageInfoType = c.scope.schema.getType('PageInfo') as GraphQLObjectType;

  const rowEntries = [`k: ${k}`];
  const rowSubqueries: string[] = [];
  const entries = [`${PLANNED_KEY}: true`];
  const decoders: [string, Decoder][] = [];
  const page = `${rows}[0..toInteger($${pFirst})]`;
  let usesRows = false;
  for (const [key, connectionNodes] of collectFields(c.scope, connectionType, subSelections(nodes))) {
    const name = connectionNodes[0]!.name.value;
    if (name === '__typename') continue;
    if (key.startsWith('__')) throw new NotPlannable(`response key ${key}`);
    const slot = `x${rowEntries.length}`;
    if (name === 'edges') {
      usesRows = true;
      const edge = compileEdge(c, { v, r, m, k, asOf: dated ? pAsOf : null, includeUncertain: pUncertain, endTypes: a.endTypes }, edgeType, connectionNodes);
      rowSubqueries.push(...edge.subqueries);
      rowEntries.push(`${slot}: ${edge.expr}`);
      entries.push(`${quoteKey(key)}: [x IN ${page} | x.${slot}]`);
      if (edge.decode) decoders.push([key, listOf(edge.decode)]);
    } else if (name === 'nodes') {
      usesRows = true;
      const node = compileEntity(c, m, a.endTypes, subSelections(connectionNodes));
      rowSubqueries.push(...node.subqueries);
      rowEntries.push(`${slot}: ${node.expr}`);
      entries.push(`${quoteKey(key)}: [x IN ${page} | x.${slot}]`);
      if (node.decode) decoders.push([key, listOf(node.decode)]);
    } else if (name === 'pageInfo') {
      usesRows = true;
      const info = [`${PLANNED_KEY}: true`];
      const cursorKeys: string[] = [];
      for (const [infoKey, infoNodes] of collectFields(c.scope, pageInfoType, subSelections(connectionNodes))) {
        const infoName = infoNodes[0]!.name.value;
        if (infoName === '__typename') continue;
        if (infoKey.startsWith('__')) throw new NotPlannable(`response key ${infoKey}`);
        const expr = {
          hasNextPage: `size(${rows}) > toInteger($${pFirst})`,
          hasPreviousPage: `$${pAfter} IS NOT NULL`,
          startCursor: `head(${page}).k`,
          endCursor: `last(${page}).k`,
        }[infoName];
        if (!expr) throw new NotPlannable(`PageInfo.${infoName}`);
        if (infoName === 'startCursor' || infoName === 'endCursor') cursorKeys.push(infoKey);
        info.push(`${quoteKey(infoKey)}: ${expr}`);
      }
      entries.push(`${quoteKey(key)}: {${info.join(', ')}}`);
      if (cursorKeys.length) {
        decoders.push([
          key,
          (value) => {
            for (const cursorKey of cursorKeys) value[cursorKey] = toCursor(value[cursorKey]);
            return value;
          },
        ]);
      }
    } else if (name === 'totalCount') {
      // Without asOf the total is the typed degree, read from the node record without expanding a link.
      const rc = fresh(c, 'rc');
      const count = dated
        ? `COUNT { (${v})${left}[${rc}:${relTypes}]${right}() WHERE ${holdsOnCypher({ rel: rc, asOf: pAsOf, includeUncertain: pUncertain })} }`
        : `COUNT { (${v})${left}[:${relTypes}]${right}() }`;
      entries.push(`${quoteKey(key)}: ${guard ? `CASE WHEN ${guard} THEN ${count} ELSE 0 END` : count}`);
    } else {
      throw new NotPlannable(`RelationshipConnection.${name}`);
    }
  }
  const subqueries: string[] = [];
  // The edge key starts with the other end's stage position; where the model gives no end a position it is 0.
  const positioned = a.endTypes.some((end) => 'position' in ((ENTITY_TYPES[end] as { properties?: object }).properties ?? {}));
  const position = positioned ? `right('00000' + toString(coalesce(${m}.position, 0)), 6)` : `'000000'`;
  if (usesRows) {
    const holds = dated ? holdsOnCypher({ rel: r, asOf: pAsOf, includeUncertain: pUncertain }) : 'true';
    subqueries.push(
      [
        `CALL (${v}) {`,
        `  MATCH (${v})${left}[${untyped ? r : `${r}:${relTypes}`}]${right}(${m}:Entity)`,
        `  WHERE ${guard ? `(${guard}) AND ` : ''}${untyped ? `type(${r}) IN [${a.types.map((t) => `'${t}'`).join(', ')}] AND ` : ''}${holds}`,
        `  WITH ${v}, ${r}, ${m}, ${position} + '\\u0001' + ${m}.sortName + '\\u0001' + ${m}.id + '\\u0001' +`,
        `       type(${r}) + '\\u0001' + coalesce(${r}.key, '') + '\\u0001' + CASE WHEN startNode(${r}) = ${v} THEN 'o' ELSE 'i' END AS ${k}`,
        `  WHERE $${pAfter} IS NULL OR ${k} > $${pAfter}`,
        `  WITH ${v}, ${r}, ${m}, ${k}`,
        `  ORDER BY ${k}`,
        `  LIMIT toInteger($${pLimit})`,
        ...indent(rowSubqueries),
        `  WITH ${k}, {${rowEntries.join(', ')}} AS row`,
        `  ORDER BY ${k}`,
        `  RETURN collect(row) AS ${rows}`,
        `}`,
      ].join('\n'),
    );
  }
  return { subqueries, expr: `{${entries.join(', ')}}`, decode: mapDecoder(decoders) };
}

/** Variables of one row of a connection: the parent, the link, the other end and the edge key. */
interface RowNames {
  v: string;
  r: string;
  m: string;
  k: string;
  /** The parameters of the connection's asOf (null: no asOf given) and includeUncertain. */
  asOf: string | null;
  includeUncertain: string;
  /** The other end's possible types. */
  endTypes: readonly EntityType[];
}

// Private: one RelationshipEdge: the link's type, direction, cursor, properties, sources and the other end.
function compileEdge(c: Compiler, { v, r, m, k, asOf, includeUncertain, endTypes }: RowNames, edgeType: GraphQLObjectType, nodes: FieldNode[]): Compiled {
  const subqueries: string[] = [];
  const entries = [`${PLANNED_KEY}: true`];
  const decoders: [string, Decoder][] = [];
  for (const [key, edgeNodes] of collectFields(c.scope, edgeType, subSelections(nodes))) {
    const name = edgeNodes[0]!.name.value;
    if (name === '__typename') continue;
    if (key.startsWith('__')) throw new NotPlannable(`response key ${key}`);
    let expr: string;
    if (name === 'cursor') {
      expr = k;
      decoders.push([key, toCursor]);
    } else if (name === 'type') {
      expr = `type(${r})`;
    } else if (name === 'direction') {
      expr = `CASE WHEN startNode(${r}) = ${v} THEN 'OUT' ELSE 'IN' END`;
    } else if (EDGE_PROPERTIES.has(name)) {
      expr = `${r}.${name}`;
    } else if (name === 'attestedOn') {
      expr = `coalesce(${r}.attestedOn, [])`;
    } else if (name === 'validity') {
      expr = asOf === null ? 'null' : validityCypher({ rel: r, asOf, includeUncertain });
    } else if (name === 'key') {
      expr = `CASE WHEN ${r}.key IS NULL OR ${r}.key = '' THEN null ELSE ${r}.key END`;
    } else if (name === 'confidence') {
      expr = `coalesce(${r}.confidence, 'low')`;
    } else if (name === 'sources') {
      const sources = compileSources(c, r, edgeNodes, null);
      subqueries.push(...sources.subqueries);
      expr = sources.expr;
      if (sources.decode) decoders.push([key, sources.decode]);
    } else if (name === 'node') {
      const node = compileEntity(c, m, endTypes, subSelections(edgeNodes));
      subqueries.push(...node.subqueries);
      expr = node.expr;
      if (node.decode) decoders.push([key, node.decode]);
    } else {
      throw new NotPlannable(`RelationshipEdge.${name}`);
    }
    entries.push(`${quoteKey(key)}: ${expr}`);
  }
  return { subqueries, expr: `{${entries.join(', ')}}`, decode: mapDecoder(decoders) };
}

/** The keyset cursor of an edge key, as the resolvers encode it (so pages are interchangeable). */
function toCursor(edgeKey: unknown): string | null {
  return typeof edgeKey === 'string' ? encodeCursor({ e: edgeKey }) : null;
}

function listOf(decode: Decoder): Decoder {
  return (list: unknown[]) => list.map(decode);
}

function args(c: Compiler, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, c.scope.variables);
  } catch {
    throw new NotPlannable(`arguments of ${field.name}`);
  }
}

// Private: a response key as a Cypher map key; GraphQL names are [_A-Za-z][_0-9A-Za-z]*, quoted anyway.
function quoteKey(key: string): string {
  if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(key)) throw new NotPlannable(`response key ${key}`);
  return `\`${key}\``;
}

function indent(blocks: string[]): string[] {
  return blocks.flatMap((block) => block.split('\n').map((line) => `  ${line}`));
}

const nodeIds = new WeakMap<FieldNode, number>();
let nextNodeId = 0;
// Private: identifies a response key with its field nodes: equal for every type that collects the same nodes.
function signatureOf(key: string, nodes: readonly FieldNode[]): string {
  return `${key}#${nodes
    .map((node) => {
      let id = nodeIds.get(node);
      if (id === undefined) nodeIds.set(node, (id = nextNodeId++));
      return id;
    })
    .join(',')}`;
}

/** Leaf fields per entity type that the default resolver reads from the stored property of that name. */
export function plainFieldsOf(schema: GraphQLSchema): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const type of ENTITY_TYPE_NAMES) {
    const objectType = schema.getType(type);
    if (!isObjectType(objectType) || !isEntityType(type)) continue;
    const plain = new Set<string>();
    for (const field of Object.values(objectType.getFields())) {
      if (!field.resolve && field.args.length === 0 && isLeafType(getNamedType(field.type))) plain.add(field.name);
    }
    result.set(type, plain);
  }
  return result;
}

// Private: one decoder applying each key's decoder to a projected map, or none when no key needs one.
function mapDecoder(decoders: readonly [string, Decoder][]): Decoder | undefined {
  if (decoders.length === 0) return undefined;
  return (value) => {
    for (const [key, fieldDecode] of decoders) value[key] = fieldDecode(value[key]);
    return value;
  };
}
