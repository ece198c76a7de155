// `tinhso election …` (issue 19 items 1, 2, 7):
//   tinhso election tally FILE   → the constituency's result as JSON (tally_json.h); FILE "-" is stdin
//   tinhso election import FILE --db URL → stores an election in preparation from the committee's
//       plan (plan.h: constituencies, candidate lists checked against Art. 57(6)/58(3), polling
//       areas, teams, the committee) in one transaction with one audit record; prints its id.
// Reads at most kMaxInputBytes. Bad input (an unreadable or oversized file, a malformed document,
// figures the statute rules out) exits 2 with one line per problem on stderr, each naming the
// field: "tinhso election tally: candidates[1].votes: 1200 is above valid (1000)". Needs no
// database and writes nothing.
#include "modules/elections/cli.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/app/cli.h"
#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/elections/plan.h"
#include "modules/elections/tally.h"
#include "modules/elections/tally_json.h"

namespace tinhso::elections {

namespace {

struct Command {
  std::string file;  // "-" = stdin
  std::string import_file;
};

// Bad input: the message goes to stderr and the command exits 2.
struct Usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CloseFile {
  void operator()(std::FILE* f) const {
    if (f != stdin) std::fclose(f);
  }
};

// The bytes of `path` ("-": stdin), at most `limit`; throws Usage with the reason.
std::string read_input(const std::string& path, std::size_t limit = kMaxInputBytes) {
  const std::string shown = path == "-" ? "stdin" : path;
  std::unique_ptr<std::FILE, CloseFile> f(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
  if (!f) {
    const int err = errno;
    throw Usage(shown + ": cannot open: " + std::strerror(err));
  }
  std::string data;
  char buf[1 << 16];
  std::size_t n = 0;
  while (data.size() <= limit && (n = std::fread(buf, 1, sizeof buf, f.get())) > 0) data.append(buf, n);
  if (std::ferror(f.get())) {
    const int err = errno;
    throw Usage(shown + ": cannot read: " + std::strerror(err));
  }
  if (data.size() > limit) throw Usage(shown + ": larger than " + std::to_string(limit) + " bytes");
  return data;
}

int tally_file(const Command& c) {
  const ParsedInput parsed = parse_tally_json(read_input(c.file));
  const std::vector<Problem> problems = parsed.input ? validate(*parsed.input) : parsed.problems;
  for (const Problem& p : problems)
    std::fprintf(stderr, "tinhso election tally: %s: %s\n", p.field.c_str(), p.message.c_str());
  const auto result = parsed.input && problems.empty() ? tally(*parsed.input) : std::nullopt;
  if (!result) return 2;
  std::printf("%s\n", tally_result_json(*result).c_str());
  return 0;
}

// Reads the plan, checks it, stores it; every problem on stderr naming its field.
int import_file(const Command& c, app::CommandEnv& env) {
  const ParsedPlan parsed = parse_plan(read_input(c.import_file, kMaxPlanBytes));
  for (const Problem& p : parsed.problems)
    std::fprintf(stderr, "tinhso election import: %s: %s\n", p.field.c_str(), p.message.c_str());
  if (!parsed.plan) return 2;
  if (!env.schema_current()) return 2;
  std::vector<Problem> problems;
  struct Refused {};
  std::int64_t id = 0;
  try {
    env.db->transaction([&](soci::session& s) {
      id = store_plan(s, *parsed.plan, auth::iso_utc(env.clock.now()), problems);
      if (!problems.empty()) throw Refused{};
      std::size_t candidates = 0;
      for (const auto& k : parsed.plan->constituencies) candidates += k.candidates.size();
      audit::record_system(s, env.db->dialect(), env.clock, "cli",
                           {"election.import", "election", std::to_string(id), "",
                            std::to_string(parsed.plan->constituencies.size()) + " constituencies, " +
                                std::to_string(candidates) + " candidates, " +
                                std::to_string(parsed.plan->areas.size()) + " polling areas"});
    });
  } catch (const Refused&) {
    for (const Problem& p : problems)
      std::fprintf(stderr, "tinhso election import: %s: %s\n", p.field.c_str(), p.message.c_str());
    return 2;
  }
  std::printf("%lld\n", static_cast<long long>(id));
  std::fprintf(stderr, "tinhso election import: election %lld stored in preparation\n", static_cast<long long>(id));
  return 0;
}

// Runs the command; the exit code is 0, 2 on bad input, 1 on anything else (out of memory).
int run(const std::function<int()>& f) {
  try {
    return f();
  } catch (const Usage& e) {
    std::fprintf(stderr, "tinhso election: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinhso election: %s\n", e.what());
    return 1;
  }
}

}  // namespace

void add_commands(app::Commands& commands, app::Settings&) {
  auto c = std::make_shared<Command>();
  // Issue 19: the tally exits 2 on any bad input, its own checks and CLI11's alike.
  const app::Commands::Spec spec{.database = false, .writes = false, .parse_error_exit = 2};
  CLI::App& root = commands.add(nullptr, "election", "Election results (exit 2 on bad input)", {}, spec);
  CLI::App& tally_cmd = commands.add(
      &root, "tally",
      "Print a constituency's result as JSON from its counted figures (Law 85/2015/QH13 Art. 78-80)",
      [c](app::CommandEnv&) { return run([&] { return tally_file(*c); }); }, spec);
  tally_cmd.add_option("file", c->file, "The figures as JSON, \"-\" for stdin")->required();
  tally_cmd.fallthrough();
  CLI::App& import_cmd = commands.add(
      &root, "import",
      "Store an election in preparation from the committee's plan (JSON: constituencies, candidates, polling areas, "
      "teams); prints its id",
      [c](app::CommandEnv& env) { return run([&] { return import_file(*c, env); }); },
      {.database = true, .writes = true, .parse_error_exit = 2});
  import_cmd.add_option("file", c->import_file, "The plan as JSON, \"-\" for stdin")->required();
}

}  // namespace tinhso::elections
