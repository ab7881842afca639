// Results are bitwise identical for any thread count (DESIGN.md, "Parallelism").

#include <gtest/gtest.h>
#include <omp.h>

#include "analysis/Inventory.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

input::Case two_layer_case(bool variable_order) {
  auto c = testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}}, 30.0,
                                50e-6, 7200.0, 4, 6, 1.2);
  c.domain.width_m = 400e-6;  // 40 x 20 columns: > 16384 cells, so loops run in parallel
  c.domain.length_m = 200e-6;
  c.time.variable_order = variable_order;
  return c;
}

// Every measured number of every row, compared with == (bitwise for non-NaN).
std::vector<double> values_of(const run::RunResult& result) {
  std::vector<double> values;
  for (const auto& row : result.rows) {
    values.insert(values.end(), {row.vehicle_ug_cm2, row.receptor_ug_cm2, row.flux_ug_cm2_h,
                                 row.mass_balance_rel});
    values.insert(values.end(), row.layer_ug_cm2.begin(), row.layer_ug_cm2.end());
  }
  values.push_back(static_cast<double>(result.summary.linear_iterations));
  return values;
}

std::vector<double> run_with_threads(int threads, bool variable_order = false) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  const auto result = run::run_case(two_layer_case(variable_order));
  omp_set_num_threads(before);
  return values_of(result);
}

TEST(ThreadDeterminism, OneAndTwoThreadsGiveIdenticalTimeSeries) {
  EXPECT_EQ(run_with_threads(2), run_with_threads(1));
}

TEST(ThreadDeterminism, VariableOrderGivesIdenticalTimeSeriesOnOneAndTwoThreads) {
  EXPECT_EQ(run_with_threads(2, true), run_with_threads(1, true));
}

// A run that chooses its own threads follows the machine's load at output times
// (run/Simulation.hpp): forced here to 2, 1, 2, 1, ... it gives the bits of a run
// on one thread throughout.
TEST(ThreadDeterminism, ThreadCountChangingAtOutputTimesGivesIdenticalTimeSeries) {
  const int before = omp_get_max_threads();
  int decisions = 0;
  std::vector<int> changes;
  run::RunOptions options;
  options.threads_by_case_size = true;
  options.threads_at_output = [&] { return decisions++ % 2 == 0 ? 2 : 1; };
  options.on_threads_changed = [&](int threads, double) { changes.push_back(threads); };
  const auto result = run::run_case(two_layer_case(false), options);
  omp_set_num_threads(before);
  EXPECT_GE(decisions, 3);
  EXPECT_EQ(changes.size(), static_cast<std::size_t>(decisions - 1));
  EXPECT_EQ(values_of(result), run_with_threads(1));
}

}  // namespace
}  // namespace dermaflux
