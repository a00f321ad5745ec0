// Dated happenings between $from and $to (ISO dates, partial ones counting when any of their period is in
// range), of the kinds in $kinds, oldest first. Each branch reads a date index: $fromYear bounds the index
// range, the '~' comparison then keeps partial dates ("2023-06~" >= "2023-06-15"). With $asOf, only entries
// that hold on that day (the rule of src/model/validity.ts): a link's entry when the link holds on $asOf
// (__HOLDS_ON__ for the branch's one type, the unknown ones with $includeUncertain), an event's or agreement's when its date is not after
// it (__BEGUN__). The statement is given `dated: false` without asOf and then carries no date rule.
CALL {
  MATCH (n:Event)
  WHERE 'EVENT' IN $kinds AND n.startDate >= $fromYear AND n.startDate <= $to AND coalesce(n.endDate, n.startDate) + '~' >= $from AND __BEGUN(n.startDate)__
  RETURN n.startDate AS date, 'EVENT' AS kind, n AS subject, null AS object, null AS rel, null AS validity
  UNION ALL
  MATCH (n:Agreement)
  WHERE 'AGREEMENT' IN $kinds AND n.date >= $fromYear AND n.date <= $to AND n.date + '~' >= $from AND __BEGUN(n.date)__
  RETURN n.date AS date, 'AGREEMENT' AS kind, n AS subject, null AS object, null AS rel, null AS validity
  UNION ALL
  MATCH (a:Entity)-[r:SIGNED]->(b:Entity)
  WHERE 'SIGNING' IN $kinds AND r.date >= $fromYear AND r.date <= $to AND r.date + '~' >= $from AND __HOLDS_ON(r:SIGNED)__
  RETURN r.date AS date, 'SIGNING' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:SIGNED)__ AS validity
  UNION ALL
  MATCH (a:Entity)-[r:ANNOUNCED]->(b:Entity)
  WHERE 'ANNOUNCEMENT' IN $kinds AND r.date >= $fromYear AND r.date <= $to AND r.date + '~' >= $from AND __HOLDS_ON(r:ANNOUNCED)__
  RETURN r.date AS date, 'ANNOUNCEMENT' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:ANNOUNCED)__ AS validity
  UNION ALL
  MATCH (a:Entity)-[r:MET]->(b:Entity)
  WHERE 'MEETING' IN $kinds AND r.date >= $fromYear AND r.date <= $to AND r.date + '~' >= $from AND __HOLDS_ON(r:MET)__
  RETURN r.date AS date, 'MEETING' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:MET)__ AS validity
  UNION ALL
  MATCH (a:Entity)-[r:FUNDS]->(b:Entity)
  WHERE 'FUNDING' IN $kinds AND r.date >= $fromYear AND r.date <= $to AND r.date + '~' >= $from AND __HOLDS_ON(r:FUNDS)__
  RETURN r.date AS date, 'FUNDING' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:FUNDS)__ AS validity
  UNION ALL
  MATCH (a:Entity)-[r:HOLDS_OFFICE]->(b:Entity)
  WHERE 'OFFICE_START' IN $kinds AND r.validFrom >= $fromYear AND r.validFrom <= $to AND r.validFrom + '~' >= $from AND __HOLDS_ON(r:HOLDS_OFFICE)__
  RETURN r.validFrom AS date, 'OFFICE_START' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:HOLDS_OFFICE)__ AS validity
  UNION ALL
  MATCH (a:Entity)-[r:HOLDS_OFFICE]->(b:Entity)
  WHERE 'OFFICE_END' IN $kinds AND r.validTo >= $fromYear AND r.validTo <= $to AND r.validTo + '~' >= $from AND __HOLDS_ON(r:HOLDS_OFFICE)__
  RETURN r.validTo AS date, 'OFFICE_END' AS kind, a AS subject, b AS object, r AS rel, __VALIDITY(r:HOLDS_OFFICE)__ AS validity
}
WITH date, kind, subject, object, rel, validity
ORDER BY date, kind, subject.id, object.id
LIMIT toInteger($limit)
RETURN date, kind,
       subject { .*, __typename: [label IN labels(subject) WHERE label <> 'Entity'][0] } AS subject,
       CASE WHEN object IS NULL THEN null ELSE object { .*, __typename: [label IN labels(object) WHERE label <> 'Entity'][0] } END AS object,
       CASE WHEN rel IS NULL THEN null ELSE { type: type(rel), from: subject.id, to: object.id, properties: properties(rel), validity: validity } END AS relationship
