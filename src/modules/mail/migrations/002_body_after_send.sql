-- Issue 12 §7: a message that carries a live secret (a confirmation or password reset link) is
-- queued with the text to keep once it is sent or given up, without the secret; the sender swaps
-- it in then, so the outbox never keeps a working link after it has left.
ALTER TABLE mail_outbox ADD COLUMN body_after_send TEXT;
