// How many entities of one label (__LABEL__) match a compiled filter (__WHERE__): a collection's totalCount.
MATCH (n:__LABEL__)
WHERE __WHERE__
RETURN count(n) AS total
