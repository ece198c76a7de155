// app::Services (issue 13 §5): one object per type, found by type, a missing one is a wiring error.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/app/module.h"

namespace tinhso::app {
namespace {

struct KeyRingLike {
  int generation = 0;
};
struct Other {};

TEST(Services, OneObjectPerTypeFoundByType) {
  Services services;
  EXPECT_EQ(services.find<KeyRingLike>(), nullptr);
  EXPECT_THROW(services.get<KeyRingLike>(), std::logic_error);
  services.put(std::make_shared<KeyRingLike>(KeyRingLike{1}));
  EXPECT_EQ(services.get<KeyRingLike>().generation, 1);
  EXPECT_EQ(services.find<Other>(), nullptr);
  services.put(std::make_shared<KeyRingLike>(KeyRingLike{2}));  // a test replaces it with a fake
  EXPECT_EQ(services.get<KeyRingLike>().generation, 2);
}

}  // namespace
}  // namespace tinhso::app
