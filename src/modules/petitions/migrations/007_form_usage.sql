-- Anonymous posts of the online form per client address bucket (core/http/address.h: an IPv4
-- address, or an IPv6 /64) and UTC hour ("YYYY-MM-DDTHH"): the per-address limit every node
-- shares (--petition-posts-per-hour; issue 12 finding 8). Rows older than a day are deleted by
-- the nodes that take posts.
CREATE TABLE petition_form_usage (
  hour TEXT NOT NULL,
  bucket TEXT NOT NULL,
  posts INTEGER NOT NULL,
  PRIMARY KEY (hour, bucket)
);
