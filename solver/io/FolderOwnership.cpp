#include "io/FolderOwnership.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "core/Error.hpp"
#include "io/FolderLock.hpp"

namespace dermaflux::io {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool starts_with(const std::string& text, const std::string& head) {
  return text.rfind(head, 0) == 0;
}

bool is_temporary(const std::string& name) {
  return starts_with(name, ".") && name.find(".tmp.") != std::string::npos;
}

std::optional<std::string> read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The resolved case without its time section: a `--until` run of the same case
// differs from the whole run only there.
std::string without_time_section(const std::string& resolved_case) {
  std::istringstream in(resolved_case);
  std::string kept;
  bool in_time = false;
  for (std::string line; std::getline(in, line);) {
    const bool top_level = !line.empty() && line[0] != ' ' && line[0] != '-' && line[0] != '#';
    if (top_level) in_time = starts_with(line, "time:");
    if (!in_time) kept += line + "\n";
  }
  return kept;
}

// "a finished run", "an interrupted run", ...: what the folder's earlier run was.
std::string state_of_run_in(const fs::path& directory) {
  if (fs::exists(directory / "summary.json")) return "a finished run";
  if (fs::exists(directory / "INTERRUPTED.txt") || fs::exists(directory / "checkpoint.bin"))
    return "an interrupted run";
  if (fs::exists(directory / "FAILED.txt")) return "a failed run";
  return "an unfinished run";
}

void refuse_links(const fs::path& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (!entry.is_symlink()) continue;
    throw UsageError(entry.path().string() +
                     " is a symbolic link: dermaflux never writes through a link in its output "
                     "folder nor follows one out of it; remove the link, or choose another "
                     "folder with --output");
  }
}

std::vector<std::string> foreign_entries(const fs::path& directory) {
  std::vector<std::string> foreign;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (!written_by_a_run(name)) foreign.push_back(name);
  }
  for (const auto& entry : fs::directory_iterator(directory / "snapshots", error)) {
    const std::string name = entry.path().filename().string();
    if (!written_by_a_run_in_snapshots(name)) foreign.push_back("snapshots/" + name);
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

}  // namespace

bool written_by_a_run(const std::string& name) {
  static const std::set<std::string> names{
      "case.resolved.yaml", "timeseries.csv", "profiles.csv",    "summary.json",
      "channels.vtp",       "checkpoint.bin", "INTERRUPTED.txt", "FAILED.txt",
      "snapshots",          kLockFile,        "report.html"};
  return names.count(name) > 0 || is_temporary(name) || ends_with(name, ".pvd") ||
         ends_with(name, ".png") ||  // the plots of `dermaflux plot`
         (starts_with(name, "checkpoint.rank-") && ends_with(name, ".bin"));
}

bool written_by_a_run_in_snapshots(const std::string& name) {
  return ends_with(name, ".vtr") || ends_with(name, ".pvtr") || is_temporary(name);
}

std::string case_name_in(const std::string& resolved_case) {
  std::istringstream in(resolved_case);
  for (std::string line; std::getline(in, line);)
    if (starts_with(line, "name: ")) return line.substr(6);
  return "";
}

void check_folder_for_run(const fs::path& directory, const FolderOpening& opening) {
  if (!fs::exists(directory)) return;
  refuse_links(directory);
  refuse_links(directory / "snapshots");

  const auto foreign = foreign_entries(directory);
  if (!foreign.empty() && !opening.overwrite) {
    std::string listed;
    for (std::size_t n = 0; n < foreign.size() && n < 3; ++n)
      listed += (n ? ", " : "") + foreign[n];
    if (foreign.size() > 3) listed += ", ...";
    throw UsageError(directory.string() + " holds files dermaflux does not write (" + listed +
                     "): choose another folder with --output, or give --overwrite (a run's own "
                     "files are replaced, the others kept)");
  }

  const auto earlier = read_text(directory / "case.resolved.yaml");
  if (opening.resume) {
    if (!earlier || *earlier == opening.resolved_case) return;
    const bool same_case =
        without_time_section(*earlier) == without_time_section(opening.resolved_case);
    // To another end (--until): the checkpoint's own check decides (run/Checkpoint).
    if (same_case && fs::exists(directory / "checkpoint.bin")) return;
    if (same_case)
      throw UsageError(directory.string() + " holds " + state_of_run_in(directory) +
                       " of this case to another end time, and no checkpoint to continue "
                       "from; nothing was changed: run without --resume (with --overwrite) "
                       "to compute it to the new end");
    throw UsageError((directory / "checkpoint.bin").string() + " belongs to another case (" +
                     case_name_in(*earlier) +
                     "); nothing was changed: resume with that case, or run without --resume to "
                     "start anew");
  }
  if (!earlier || opening.overwrite) return;
  if (without_time_section(*earlier) == without_time_section(opening.resolved_case)) return;
  throw UsageError(directory.string() + " holds " + state_of_run_in(directory) +
                   " of another case (" + case_name_in(*earlier) +
                   "): give --overwrite to replace it, or choose another folder with --output");
}

void remove_leftover_temporaries(const fs::path& directory) {
  for (const fs::path& folder : {directory, directory / "snapshots"}) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      if (!is_temporary(entry.path().filename().string())) continue;
      std::error_code ignored;  // one that cannot go is only clutter
      fs::remove(entry.path(), ignored);
    }
  }
}

}  // namespace dermaflux::io
