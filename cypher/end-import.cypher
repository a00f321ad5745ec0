// Removes a staged import's run node once its journal is gone (rolled back or committed and cleaned up).
MATCH (r:ImportRun {id: $run})
DELETE r
RETURN count(*) AS ended
