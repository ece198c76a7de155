// http::address_bucket, the key of every per-address limit (OWASP ASVS 5.0 V2.4.1): an IPv6
// client counts by its /64, an IPv4 (or IPv4-mapped) client by its address, anything else as is.
#include <gtest/gtest.h>

#include "core/http/address.h"

using tinhso::http::address_bucket;

TEST(AddressBucket, Table) {
  struct Case {
    const char* in;
    const char* bucket;
  } cases[] = {
      {"203.0.113.7", "203.0.113.7"},
      {"0.0.0.0", "0.0.0.0"},
      {"255.255.255.255", "255.255.255.255"},
      {"::ffff:203.0.113.7", "203.0.113.7"},
      {"::ffff:cb00:7107", "203.0.113.7"},
      {"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
      {"2001:db8:1:2::1", "2001:db8:1:2::/64"},
      {"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
      {"2001:DB8:A:B::1", "2001:db8:a:b::/64"},
      {"2001:db8::1", "2001:db8:0:0::/64"},
      {"[2001:db8:1:2::9]", "2001:db8:1:2::/64"},
      {"fe80::1%eth0", "fe80:0:0:0::/64"},
      {"::1", "0:0:0:0::/64"},
      {"::", "0:0:0:0::/64"},
      {"", ""},
      {"unix:/run/tinhso.sock", "unix:/run/tinhso.sock"},
      {"203.0.113", "203.0.113"},
      {"2001:db8:::1", "2001:db8:::1"},
      {"[203.0.113.7]", "203.0.113.7"},
  };
  for (const auto& c : cases) EXPECT_EQ(address_bucket(c.in), c.bucket) << c.in;
}

TEST(AddressBucket, OneSubnetOneBucketNeighboursApart) {
  EXPECT_EQ(address_bucket("2001:db8:5:6::1"), address_bucket("2001:db8:5:6:abcd:ef01:2345:6789"));
  EXPECT_NE(address_bucket("2001:db8:5:6::1"), address_bucket("2001:db8:5:7::1"));
  EXPECT_NE(address_bucket("198.51.100.1"), address_bucket("198.51.100.2"));
}
