-- The follow-up key of a petition sent through the online form without an account (issue 14 §6;
-- feedback and recommendations, which may be anonymous): lookup_key.h lookup_key_hash of the
-- petition's code and the key shown once to the person; NULL when the petition has none (sent
-- signed in, or through another channel). The key itself is stored nowhere. The public look-up's
-- failures are counted in petition_form_usage under buckets of their own (lookup_pages.cpp).
ALTER TABLE petitions ADD COLUMN lookup_key_hash TEXT;
