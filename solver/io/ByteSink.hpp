#pragma once
// Where a file's bytes go as they are made, in order, piece by piece: the file
// itself (io/AtomicFile.hpp) or a string. Lets a writer stream a large file
// (a checkpoint) without holding it whole in memory.

#include <functional>
#include <string_view>

namespace dermaflux::io {

using ByteSink = std::function<void(std::string_view)>;

}  // namespace dermaflux::io
