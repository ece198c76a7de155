-- POSTs per API key and minute (api_routes.cpp): the rate limit every node shares. Rows older
-- than a day are deleted by the intake job.
CREATE TABLE open311_key_usage (
  minute TEXT NOT NULL,  -- "YYYY-MM-DDTHH:MM" UTC
  key_id BIGINT NOT NULL REFERENCES open311_api_keys (id),
  posts INTEGER NOT NULL,
  PRIMARY KEY (minute, key_id)
);
