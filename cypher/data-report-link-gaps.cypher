// The data report: links with no date of any kind (date, validFrom, validTo, ratified, attestedOn), in all
// and among the types in $datedTypes (those whose temporality is not timeless), and links citing one source.
MATCH (:Entity)-[r]->(:Entity)
WITH r,
     r.date IS NULL AND r.validFrom IS NULL AND r.validTo IS NULL AND r.ratified IS NULL
       AND coalesce(size(r.attestedOn), 0) = 0 AS undated
RETURN sum(CASE WHEN undated THEN 1 ELSE 0 END) AS undated,
       sum(CASE WHEN undated AND type(r) IN $datedTypes THEN 1 ELSE 0 END) AS undatedOfDatedTypes,
       sum(CASE WHEN size(r.sourceIds) = 1 THEN 1 ELSE 0 END) AS singleSource
