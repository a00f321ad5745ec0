// Refreshes a running import's heartbeat; no row when the run is gone (recovery rolled it back) or done.
MATCH (r:ImportRun {id: $run})
WHERE r.state = 'running'
SET r.heartbeatAt = $now
RETURN r.id AS run
