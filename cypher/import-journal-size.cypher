// How many staged-import runs and journal entries are left (0 and 0 when no import is running or left over).
CALL { MATCH (r:ImportRun) RETURN count(r) AS runs }
CALL { MATCH (u:ImportUndo) RETURN count(u) AS entries }
RETURN runs, entries
