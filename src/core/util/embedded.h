#pragma once
// Files compiled into the binary by cmake/Embed.cmake (SQL migrations).
#include <string>
#include <vector>

namespace tinhso {

struct EmbeddedFile {
  std::string path;  // relative to the embedding base, '/'-separated
  std::string data;
};

}  // namespace tinhso
