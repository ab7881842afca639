// libFuzzer target for the case reader: any byte string must end either in a
// validated Case or in a dermaflux::Error (one located message). A crash, a hang,
// a sanitizer report or any other exception is a bug.
//
//   cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DDERMAFLUX_BUILD_FUZZERS=ON
//   cmake --build build/fuzz --target case_fuzzer
//   build/fuzz/tests/fuzz/case_fuzzer tests/fuzz/corpus -max_total_time=60

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/Error.hpp"
#include "input/CaseReader.hpp"
#include "input/CaseWriter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto resolved = dermaflux::input::read_case_text(text, "fuzz.yaml", DERMAFLUX_CASES_DIR);
    // A case that reads must also write back and read again.
    dermaflux::input::read_case_text(dermaflux::input::write_case_yaml(resolved), "resolved.yaml",
                                     DERMAFLUX_CASES_DIR);
  } catch (const dermaflux::Error&) {
    // Expected: bad input ends in one of our errors.
  }
  return 0;
}
