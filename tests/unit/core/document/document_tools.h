#pragma once
// For the document tests: run the command-line tools that read back what core/document wrote
// (poppler's pdftotext/pdfinfo/pdftoppm, zbarimg, python3). A test whose tool is missing skips.
#include <stdio.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>

namespace tinhso::test {

inline bool have_tool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

struct Output {
  std::string text;
  int status = -1;
};

// Runs `cmd` through the shell; its standard output and exit status (stderr is left alone).
inline Output run(const std::string& cmd) {
  Output out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.text.append(buf.data(), n);
  const int rc = pclose(p);
  out.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Single-quoted for the shell.
inline std::string quote(const std::filesystem::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace tinhso::test
