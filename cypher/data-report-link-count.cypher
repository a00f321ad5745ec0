// The data report: links of one relationship type (__TYPE__), read from the count store.
MATCH ()-[r:__TYPE__]->()
RETURN count(r) AS count
