// `solver.backend`: dermaflux (the default) or hypre, which a build without hypre
// refuses at the key; the resolved case writes it back.

#include <gtest/gtest.h>

#include "input/CaseEquality.hpp"
#include "input/CaseTestSupport.hpp"
#include "input/CaseWriter.hpp"

namespace dermaflux::input {
namespace {

using testing::expect_input_error;
using testing::kValidCase;
using testing::read_test_case;

TEST(CaseReaderBackend, DefaultsToDermaflux) {
  // Act
  const Case result = read_test_case(kValidCase);
  // Assert
  EXPECT_EQ(result.solver.backend, LinearBackend::Dermaflux);
}

TEST(CaseReaderBackend, ReadsDermaflux) {
  // Act
  const Case result = read_test_case(kValidCase + "solver:\n  backend: dermaflux\n");
  // Assert
  EXPECT_EQ(result.solver.backend, LinearBackend::Dermaflux);
}

TEST(CaseReaderBackend, UnknownBackendSuggestsTheNearest) {
  expect_input_error(kValidCase + "solver:\n  backend: hypr\n", "case.yaml:20:12", "solver.backend",
                     {"expected dermaflux or hypre", "found \"hypr\"", "did you mean \"hypre\"?"});
}

TEST(CaseReaderBackend, BackendNotAString) {
  expect_input_error(kValidCase + "solver:\n  backend: [hypre]\n", "case.yaml:20:12",
                     "solver.backend", {"expected dermaflux or hypre", "found a list"});
}

#ifdef DERMAFLUX_HAVE_HYPRE
TEST(CaseReaderBackend, ReadsHypre) {
  // Act
  const Case result = read_test_case(kValidCase + "solver:\n  backend: hypre\n");
  // Assert
  EXPECT_EQ(result.solver.backend, LinearBackend::Hypre);
}

TEST(CaseReaderBackend, HypreRoundTrips) {
  // Arrange
  const Case original = read_test_case(kValidCase + "solver: {backend: hypre}\n");
  // Act
  const std::string written = write_case_yaml(original);
  const Case again = read_case_text(written, "resolved.yaml", testing::test_cases_dir());
  // Assert
  EXPECT_NE(written.find("backend: hypre\n"), std::string::npos) << written;
  testing::expect_same_case(again, original, true);
}
#else
TEST(CaseReaderBackend, HypreIsRefusedWithoutHypre) {
  expect_input_error(kValidCase + "solver:\n  backend: hypre\n", "case.yaml:20:12",
                     "solver.backend",
                     {"expected dermaflux (this build has no hypre)", "found \"hypre\"",
                      "-DDERMAFLUX_WITH_HYPRE=ON"});
}
#endif

TEST(CaseReaderBackend, WriterNamesTheBackend) {
  // Act
  const std::string written = write_case_yaml(read_test_case(kValidCase));
  // Assert
  EXPECT_NE(written.find("backend: dermaflux\n"), std::string::npos) << written;
}

}  // namespace
}  // namespace dermaflux::input
