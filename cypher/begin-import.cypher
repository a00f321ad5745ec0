// Starts a staged import: its run node, with a heartbeat the importer refreshes while it is alive.
CREATE (r:ImportRun {id: $run, state: 'running', startedAt: $now, heartbeatAt: $now, by: $by})
RETURN r.id AS run
