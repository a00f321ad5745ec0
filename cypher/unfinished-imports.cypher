// Staged imports to recover: committed ones whose journal is left, and running ones whose importer has not
// refreshed its heartbeat since $before (killed, or frozen for that long). Few nodes: a label scan.
MATCH (r:ImportRun)
WHERE r.state = 'committed' OR r.heartbeatAt < $before
RETURN r.id AS run, r.state AS state
