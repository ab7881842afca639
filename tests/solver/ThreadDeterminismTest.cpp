// Results are bitwise identical for any thread count (DESIGN.md, "Parallelism").

#include <gtest/gtest.h>
#include <omp.h>

#include "analysis/Inventory.hpp"
#include "run/Simulation.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

// Every measured number of every row, compared with == (bitwise for non-NaN).
std::vector<double> run_with_threads(int threads, bool variable_order = false) {
  auto c = testing::column_case({{"sc", 15e-6, 1e-12, 0.8}, {"de", 300e-6, 6e-11, 1.0}}, 30.0,
                                50e-6, 7200.0, 4, 6, 1.2);
  c.domain.width_m = 400e-6;  // 40 x 20 columns: > 16384 cells, so loops run in parallel
  c.domain.length_m = 200e-6;
  c.time.variable_order = variable_order;
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  const auto result = run::run_case(c);
  omp_set_num_threads(before);
  std::vector<double> values;
  for (const auto& row : result.rows) {
    values.insert(values.end(), {row.vehicle_ug_cm2, row.receptor_ug_cm2, row.flux_ug_cm2_h,
                                 row.mass_balance_rel});
    values.insert(values.end(), row.layer_ug_cm2.begin(), row.layer_ug_cm2.end());
  }
  values.push_back(static_cast<double>(result.summary.linear_iterations));
  return values;
}

TEST(ThreadDeterminism, OneAndTwoThreadsGiveIdenticalTimeSeries) {
  EXPECT_EQ(run_with_threads(2), run_with_threads(1));
}

TEST(ThreadDeterminism, VariableOrderGivesIdenticalTimeSeriesOnOneAndTwoThreads) {
  EXPECT_EQ(run_with_threads(2, true), run_with_threads(1, true));
}

}  // namespace
}  // namespace dermaflux
