/**
 * The one home of the `asOf` rule: whether a link is known to hold on a day. Every statement that takes
 * `asOf` (relationship fields, filters, paths, neighbourhoods, the timeline, exports, the planner's
 * generated Cypher) splices these fragments, so the rule is written once.
 *
 * The fragments are Cypher text built only from the identifiers the caller passes, which must be Cypher
 * variable or parameter names the caller owns (never request text); every value stays a parameter.
 */

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
}

/**
 * A Cypher predicate: true when `$asOf` is null, or the link is known to hold on `$asOf`, or its state is
 * unknown and `$includeUncertain` is true.
 */
export function holdsOnCypher(names: ValidityNames): string {
  const { rel, asOf } = checked(names);
  // Today's rule (to be replaced by the attestation rule): a period from validFrom (or date) to validTo.
  return `($${asOf} IS NULL OR (coalesce(${rel}.validFrom, ${rel}.date, '') <= $${asOf} AND (${rel}.validTo IS NULL OR ${rel}.validTo + '~' >= $${asOf})))`;
}

/** A Cypher expression giving the link's `Validity` on `$asOf` (null when `$asOf` is null). */
export function validityCypher(names: ValidityNames): string {
  const { rel, asOf } = checked(names);
  return `CASE WHEN $${asOf} IS NULL THEN null WHEN ${rel}.validFrom IS NOT NULL THEN 'STATED' ELSE 'UNCERTAIN' END`;
}

// Private: the names must be plain identifiers, so a fragment can never carry request text.
function checked(names: ValidityNames): ValidityNames {
  for (const name of [names.rel, names.asOf, names.includeUncertain]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a Cypher identifier.`);
  }
  return names;
}
