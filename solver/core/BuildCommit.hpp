#pragma once
// The git commit this build's sources came from ("<sha>", "<sha>-modified" for
// uncommitted changes, "unknown" outside a clone): summary.json's provenance.
// Defined in a file generated at build time (cmake/BuildCommit.cmake).

namespace dermaflux {
const char* build_commit();
}  // namespace dermaflux
