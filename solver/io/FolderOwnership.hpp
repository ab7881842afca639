#pragma once
// What a run may do to the folder it is given (README, "Interrupted and failed
// runs"): it writes only into a folder that holds nothing but its own files or
// those of an earlier run of the same case (a `--until` run included); another
// case's run, finished or not, and files dermaflux does not write are refused
// unless --overwrite is given, and even then only a run's own files are removed.
// Symbolic links inside the folder are always refused: a run never follows one
// out of its folder nor writes through one.

#include <filesystem>
#include <string>

#include "io/RunFolder.hpp"

namespace dermaflux::io {

// Throws UsageError saying what is in the way and what to do; changes nothing.
// Resuming also needs the folder's checkpoint to be this very case's.
void check_folder_for_run(const std::filesystem::path& directory, const FolderOpening& opening);

// A name a dermaflux run (or a plot or report of it) writes at the top of its
// folder, or in its snapshots/ folder.
bool written_by_a_run(const std::string& name);
bool written_by_a_run_in_snapshots(const std::string& name);

// The hidden temporaries (".<file>.tmp.<pid>.<n>") a killed run left behind.
void remove_leftover_temporaries(const std::filesystem::path& directory);

// The case named in a resolved case's text ("name: ..."), empty if none.
std::string case_name_in(const std::string& resolved_case);

}  // namespace dermaflux::io
