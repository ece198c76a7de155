// The injected file system (issue 13 §5): the real one reads whole files and refuses what is
// missing or over the limit; the in-memory fake behaves the same way.
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "core/fs/files.h"
#include "temp_dir.h"

namespace tinhso::fs {
namespace {

TEST(Files, RealReadsWholeFilesAndRefusesMissingOrTooLarge) {
  test::TempDir dir;
  auto path = dir.path() / "đơn.bin";
  std::string bytes(200000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  std::ofstream(path, std::ios::binary) << bytes;
  RealFiles files;
  EXPECT_EQ(files.read(path), bytes);
  EXPECT_THROW(files.read(path, 199999), std::runtime_error);
  EXPECT_EQ(files.read(path, 200000).size(), 200000u);
  EXPECT_THROW(files.read(dir.path() / "missing"), std::runtime_error);
  EXPECT_THROW(files.read(dir.path()), std::runtime_error);  // a directory is not a file
}

TEST(Files, MemoryFakeBehavesLikeTheRealOne) {
  MemoryFiles files;
  files.put("/up/1", "%PDF-1.7");
  EXPECT_EQ(files.read("/up/1"), "%PDF-1.7");
  EXPECT_THROW(files.read("/up/1", 3), std::runtime_error);
  EXPECT_THROW(files.read("/up/2"), std::runtime_error);
}

}  // namespace
}  // namespace tinhso::fs
