// The data report: entities of one type label (__LABEL__), read from the count store.
MATCH (n:__LABEL__)
RETURN count(n) AS count
