// Whether a staged import is still running (not rolled back by recovery); read without locking its run.
MATCH (r:ImportRun {id: $run})
WHERE r.state = 'running'
RETURN r.id AS run
