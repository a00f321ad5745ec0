// The final switch of a staged import: from here on its writes stay, and only its journal is cleaned up.
// No row when the run is gone (recovery rolled it back while the importer was frozen).
MATCH (r:ImportRun {id: $run})
WHERE r.state = 'running'
SET r.state = 'committed', r.committedAt = $now
RETURN r.id AS run
