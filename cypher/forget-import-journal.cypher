// Drops up to $limit journal entries of a committed staged import (its writes stay). Returns how many.
MATCH (u:ImportUndo {_run: $run})
WITH u LIMIT toInteger($limit)
DELETE u
RETURN count(*) AS forgotten
