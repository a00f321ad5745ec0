/**
 * The one home of the `asOf` rule: whether a link is known to hold on a day. Every statement that takes
 * `asOf` (relationship fields, filters, paths, neighbourhoods, exports, the planner's generated Cypher)
 * splices these fragments, so the rule is written once.
 *
 * The rule, for a link `r` and the day D (`$asOf`); dates compare as ISO text, so a partial bound counts
 * from the start of its month or year (`2023-06` <= `2023-06-15`) and a partial end to its close (`+ '~'`):
 * - start: `r.validFrom`, else `r.date`. Known NOT to hold (never returned): the start is after D, or
 *   `r.validTo` is before D, or (HOLDS_OFFICE with a `post`, no validTo) a successor was appointed to the
 *   same body and post on or before D. A successor is another HOLDS_OFFICE link into the same body with the
 *   same `post` that starts after all of this link's evidence (its start, or without one its attestations).
 *   It starts at its validFrom, or, to end a term, at its first attestation (one holder at a time: a later
 *   holder shown in the post means the earlier term had ended by then). Only the next holder's appointment
 *   (validFrom, with no other holder shown in between) states when the term ended.
 * - STATED: a `timeless` type (src/model/vocabulary.ts), or the start is stated and the end is: a validTo, a
 *   successor appointed after D, or the type is `since` (it holds from its start on).
 * - ATTESTED: not STATED, but on or before D there is the start or an attestation (`r.attestedOn`), and on or
 *   after D there is a stated end (as above) or an attestation.
 * - UNCERTAIN: everything else. Kept only when `$includeUncertain` is true.
 * An entity's own date (an event's startDate, an agreement's date) is read like the start of a `since`
 * link: the entity holds on D, as STATED, unless that date is after D (begunByCypher).
 *
 * The fragments are Cypher text built only from the identifiers the caller passes, which must be Cypher
 * variable or parameter names the caller owns (never request text); every value stays a parameter. The
 * succession check expands only the HOLDS_OFFICE links of the office's body (anchored on endNode(r)).
 */
import { RELATIONSHIP_TYPES, RELATIONSHIP_TYPE_NAMES, type RelationshipType, type Temporality } from './vocabulary.ts';

/** How a link is known to hold on the day asked: its period is stated, shown by attestations, or unknown. */
export type Validity = 'STATED' | 'ATTESTED' | 'UNCERTAIN';

/** Names the fragments may be built from: a Cypher variable (`r`) and parameter names without `$`. */
export interface ValidityNames {
  /** The relationship variable, e.g. `r`. */
  rel: string;
  /** The parameter holding the ISO day (or null: no `asOf`, every link holds). */
  asOf: string;
  /** The parameter holding `includeUncertain` (boolean or null). */
  includeUncertain: string;
  /**
   * The types the link can have, when the statement's pattern fixes them: the fragments then carry only the
   * parts of the rule those types need (no succession check unless HOLDS_OFFICE is among them; `true` for a
   * timeless type), which Neo4j compiles far faster than the whole rule. Any type when left out.
   */
  types?: readonly RelationshipType[];
}

/** The relationship types of one temporality, from the vocabulary. */
export function typesOf(temporality: Temporality): RelationshipType[] {
  return RELATIONSHIP_TYPE_NAMES.filter((type) => RELATIONSHIP_TYPES[type].temporality === temporality);
}

/**
 * A Cypher predicate: true when `$asOf` is null, or the link is known to hold on `$asOf`, or its state is
 * unknown (not known to hold, not known not to) and `$includeUncertain` is true.
 */
export function holdsOnCypher(names: ValidityNames): string {
  const { asOf, includeUncertain } = checked(names);
  const parts = fragments(names);
  return `($${asOf} IS NULL OR (NOT ${parts.excluded} AND (${parts.stated} OR ${parts.attested} OR coalesce($${includeUncertain}, false))))`;
}

/** A Cypher expression giving the link's `Validity` on `$asOf` (null when `$asOf` is null or the link is known not to hold). */
export function validityCypher(names: ValidityNames): string {
  const { asOf } = checked(names);
  const parts = fragments(names);
  return `CASE WHEN $${asOf} IS NULL OR ${parts.excluded} THEN null WHEN ${parts.stated} THEN 'STATED' WHEN ${parts.attested} THEN 'ATTESTED' ELSE 'UNCERTAIN' END`;
}

/** The names of an entity's date for begunByCypher: a Cypher variable, a property name, the asOf parameter. */
export interface BegunNames {
  /** The entity variable, e.g. `n`. */
  entity: string;
  /** The date property, e.g. `startDate`. */
  property: string;
  /** The parameter holding the ISO day (or null: every entity holds). */
  asOf: string;
}

/**
 * A Cypher predicate: true when `$asOf` is null or the entity's date is not after `$asOf` (a partial date
 * counts from the start of its month or year; an entity without the date is kept).
 */
export function begunByCypher(names: BegunNames): string {
  for (const name of [names.entity, names.property, names.asOf]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a Cypher identifier.`);
  }
  return `($${names.asOf} IS NULL OR NOT coalesce(${names.entity}.${names.property} > $${names.asOf}, false))`;
}

// Private: the parts of the rule as Cypher predicates over the link and `$asOf` (see the module header).
function fragments(names: ValidityNames): { excluded: string; stated: string; attested: string } {
  const { rel: r, asOf, types: known } = checked(names);
  const day = `$${asOf}`;
  // `type(r) IN [...]` for the types of one temporality, folded to a constant when the link's types are known.
  const typeIn = (types: RelationshipType[]) => {
    if (known === undefined) return `type(${r}) IN [${types.map((type) => `'${type}'`).join(', ')}]`;
    const possible = types.filter((type) => known.includes(type));
    if (possible.length === 0) return 'false';
    if (possible.length === known.length) return 'true';
    return `type(${r}) IN [${possible.map((type) => `'${type}'`).join(', ')}]`;
  };
  const start = `coalesce(${r}.validFrom, ${r}.date)`;
  const attestations = `coalesce(${r}.attestedOn, [])`;
  // Fragment-local names start with `v` and a capital (vBody, vLater, vNext, vOther, vDay) so they never meet a caller's.
  // Where another holder of the post starts: its validFrom, else its first attestation (attestedOn is stored sorted).
  const startOf = (v: string) => `coalesce(${v}.validFrom, head(coalesce(${v}.attestedOn, [])))`;
  // Whether a holder starting at `begin` comes after all of this link's evidence (its start and attestations).
  const after = (begin: string) =>
    `(${begin} IS NOT NULL AND all(vDay IN ${attestations} WHERE vDay < ${begin}) AND ` +
    `(${r}.validFrom IS NOT NULL AND ${begin} > ${r}.validFrom OR ${r}.validFrom IS NULL AND size(${attestations}) > 0))`;
  // The later holders of the post as [start, validFrom] pairs, collected once per use in one pattern
  // comprehension (nested subqueries made each new statement compile for seconds), tested with `test`.
  const later =
    `[(vBody)<-[vNext:HOLDS_OFFICE]-() WHERE vNext <> ${r} AND vNext.post = ${r}.post AND ${after(startOf('vNext'))} ` +
    `| [${startOf('vNext')}, vNext.validFrom]]`;
  const succession = (test: string) =>
    known !== undefined && !known.includes('HOLDS_OFFICE')
      ? 'false'
      : `(${known === undefined ? `type(${r}) = 'HOLDS_OFFICE'` : typeIn(['HOLDS_OFFICE'])} AND ${r}.post IS NOT NULL AND ${r}.validTo IS NULL AND ` +
        `any(vBody IN [endNode(${r})] WHERE any(vLater IN [${later}] WHERE ${test})))`;
  // A later holder shown in the post by D (appointed or attested) ends the term by D.
  const endedBy = succession(`any(vNext IN vLater WHERE vNext[0] <= ${day})`);
  // The next holder's appointment after D states the end, if no other holder is shown in the post before it.
  const endsAfter = succession(`any(vNext IN vLater WHERE vNext[1] IS NOT NULL AND vNext[1] > ${day} AND all(vOther IN vLater WHERE vOther[0] >= vNext[1]))`);
  const excluded = `(coalesce(${start} > ${day}, false) OR coalesce(${r}.validTo + '~' < ${day}, false) OR ${endedBy})`;
  const endStated = `(${r}.validTo IS NOT NULL OR ${typeIn(typesOf('since'))} OR ${endsAfter})`;
  const stated = `(${typeIn(typesOf('timeless'))} OR (${start} IS NOT NULL AND ${endStated}))`;
  const attested =
    `((${start} IS NOT NULL OR any(vDay IN ${attestations} WHERE vDay <= ${day})) AND ` +
    `(${endStated} OR any(vDay IN ${attestations} WHERE vDay >= ${day})))`;
  return { excluded, stated, attested };
}

// Private: the names must be plain identifiers, so a fragment can never carry request text.
function checked(names: ValidityNames): ValidityNames {
  for (const name of [names.rel, names.asOf, names.includeUncertain]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a Cypher identifier.`);
  }
  for (const type of names.types ?? []) {
    if (!Object.hasOwn(RELATIONSHIP_TYPES, type)) throw new Error(`"${type}" is not a relationship type of the model.`);
  }
  if (names.types?.length === 0) throw new Error("A link's known types, when given, name at least one type.");
  return names;
}
