#include <gtest/gtest.h>

#include "core/http/errors.h"

TEST(Errors, StatusTable) { EXPECT_EQ(tinhso::http::status_of(tinhso::http::ErrorKind::not_found), 404); }
