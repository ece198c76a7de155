-- The idempotency key of a petition sent through the online form (issue 15 §3): a retried post
-- (a lost answer, a node that died mid-request) finds the petition its first post made instead of
-- filing a second one. idempotency_hash is lower-case hex BLAKE2b-256 of the key the form page
-- (or the client's Idempotency-Key header) carried, unique so that concurrent posts on any node
-- make one row; idempotency_owner is keys.h idempotency_owner of the signed-in sender, '' for a
-- post without an account. Both NULL for a petition filed without a key or by another channel.
ALTER TABLE petitions ADD COLUMN idempotency_hash TEXT;
ALTER TABLE petitions ADD COLUMN idempotency_owner TEXT;
CREATE UNIQUE INDEX petitions_by_idempotency_hash ON petitions (idempotency_hash);
