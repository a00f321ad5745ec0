// Constraints and indexes, applied idempotently at every start-up (src/db/apply-schema.ts).
// Every request-path lookup is by id (the Entity constraint's index) or by one of the indexes below.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT material_id IF NOT EXISTS FOR (n:Material) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT funding_instrument_id IF NOT EXISTS FOR (n:FundingInstrument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (n:Agreement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT value_chain_id IF NOT EXISTS FOR (n:ValueChain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stage_id IF NOT EXISTS FOR (n:Stage) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT cooperation_area_id IF NOT EXISTS FOR (n:CooperationArea) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

// Keyset pagination orders by (sortKey, id) within a type label: one composite range index per type.
CREATE INDEX actor_sort IF NOT EXISTS FOR (n:Actor) ON (n.sortName, n.id);
CREATE INDEX project_sort IF NOT EXISTS FOR (n:Project) ON (n.sortName, n.id);
CREATE INDEX material_sort IF NOT EXISTS FOR (n:Material) ON (n.sortName, n.id);
CREATE INDEX funding_instrument_sort IF NOT EXISTS FOR (n:FundingInstrument) ON (n.sortName, n.id);
CREATE INDEX agreement_sort IF NOT EXISTS FOR (n:Agreement) ON (n.sortName, n.id);
CREATE INDEX event_sort IF NOT EXISTS FOR (n:Event) ON (n.sortName, n.id);
CREATE INDEX value_chain_sort IF NOT EXISTS FOR (n:ValueChain) ON (n.sortName, n.id);
CREATE INDEX stage_sort IF NOT EXISTS FOR (n:Stage) ON (n.sortName, n.id);
CREATE INDEX cooperation_area_sort IF NOT EXISTS FOR (n:CooperationArea) ON (n.sortName, n.id);
CREATE INDEX place_sort IF NOT EXISTS FOR (n:Place) ON (n.sortName, n.id);
CREATE INDEX claim_sort IF NOT EXISTS FOR (n:Claim) ON (n.sortName, n.id);
CREATE INDEX source_sort IF NOT EXISTS FOR (n:Source) ON (n.sortName, n.id);
CREATE INDEX entity_sort_date IF NOT EXISTS FOR (n:Entity) ON (n.sortDate, n.id);

// Sides of actors: corridors and brokers start from the EU and KZ actors.
CREATE INDEX actor_side IF NOT EXISTS FOR (n:Actor) ON (n.side);

// Dates the timeline reads, on nodes and on relationships.
CREATE INDEX event_start_date IF NOT EXISTS FOR (n:Event) ON (n.startDate);
CREATE INDEX agreement_date IF NOT EXISTS FOR (n:Agreement) ON (n.date);
CREATE INDEX signed_date IF NOT EXISTS FOR ()-[r:SIGNED]-() ON (r.date);
CREATE INDEX announced_date IF NOT EXISTS FOR ()-[r:ANNOUNCED]-() ON (r.date);
CREATE INDEX met_date IF NOT EXISTS FOR ()-[r:MET]-() ON (r.date);
CREATE INDEX funds_date IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.date);
CREATE INDEX holds_office_from IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE]-() ON (r.validFrom);
CREATE INDEX holds_office_to IF NOT EXISTS FOR ()-[r:HOLDS_OFFICE]-() ON (r.validTo);

// Search (Query.search, cypher/search-entities.cypher): one full-text index over every entity's display name,
// its other spellings (`names`, a list of strings, indexed element by element) and its description.
// `standard-folding` is the only built-in analyzer that folds diacritics (Šefčovič -> sefcovic, as typed
// without them); it lower-cases and keeps Cyrillic words whole, so Смаилов matches Смаилов.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.names, n.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

// Staged imports (src/records/staged-import.ts): one ImportRun per import that writes in several
// transactions, and one ImportUndo per record it wrote, holding what to restore if it does not finish.
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX import_undo_run IF NOT EXISTS FOR (u:ImportUndo) ON (u._run, u._kind);
