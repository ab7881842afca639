// Depth profiles for profiles.csv: the plane means against the per-layer amounts
// the inventory measures independently, and the axis / between-channels columns
// of a centred needle.

#include "analysis/DepthProfile.hpp"

#include <gtest/gtest.h>

#include "analysis/Inventory.hpp"
#include "model/ProblemBuilder.hpp"
#include "operator/DiffusionOperator.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

input::Case three_layers() {
  auto c = testing::column_case({{"sc", 15e-6, 6e-15, 0.8},
                                 {"ve", 100e-6, 3e-11, 1.0},
                                 {"de", 400e-6, 6e-11, 1.0}},
                                30.0, 100e-6, 3600.0, 1, 4, 1.2);
  c.domain.width_m = 60e-6;
  c.domain.length_m = 40e-6;
  return c;
}

TEST(DepthProfile, PlaneMeansIntegrateToTheLayerAmounts) {
  // Arrange: a random field on a 6 x 4-column block of three layers.
  const auto problem = model::build_problem(three_layers());
  op::DiffusionOperator system(problem);
  const linear::Vector u =
      linear::Vector::Random(static_cast<Eigen::Index>(problem.cell_count())).cwiseAbs();
  // Act
  const auto profile = analysis::depth_profile(problem, u, {});
  const auto row = analysis::measure(problem, system, u, {}, 0.0, std::nullopt);
  // Assert: sum of mean x plane height per layer, in ug/cm^2 (1 kg/m^2 = 1e5 ug/cm^2).
  const auto& g = problem.mesh.grid;
  std::vector<double> integrated(3, 0.0);
  std::size_t n = 0;
  for (int k = g.nz() - 1; k >= 0; --k) {
    if (problem.mesh.material_of_plane(k) < 1) continue;
    ASSERT_LT(n, profile.size());
    EXPECT_NEAR(profile[n].depth_um, -g.z_centre(k) * 1e6, 1e-9);
    integrated[static_cast<std::size_t>(profile[n].layer - 1)] += profile[n].mean_mg_ml * g.dz(k) * 1e5;
    ++n;
  }
  EXPECT_EQ(n, profile.size());
  for (std::size_t l = 0; l < 3; ++l)
    EXPECT_NEAR(integrated[l], row.layer_ug_cm2[l], 1e-9 * row.layer_ug_cm2[l]) << "layer " << l;
}

TEST(DepthProfile, AConstantPotentialGivesKTimesItInEveryPlane) {
  const auto problem = model::build_problem(three_layers());
  const linear::Vector u = linear::Vector::Constant(static_cast<Eigen::Index>(problem.cell_count()), 2.0);
  const auto profile = analysis::depth_profile(problem, u, {});
  ASSERT_FALSE(profile.empty());
  EXPECT_EQ(profile.front().layer, 1);
  EXPECT_EQ(profile.back().layer, 3);
  for (std::size_t n = 0; n < profile.size(); ++n) {
    EXPECT_NEAR(profile[n].mean_mg_ml, profile[n].layer == 1 ? 1.6 : 2.0, 1e-12);
    EXPECT_FALSE(profile[n].channel_axis_mg_ml.has_value());
    if (n > 0) {
      EXPECT_GT(profile[n].depth_um, profile[n - 1].depth_um);  // surface down
    }
  }
}

TEST(DepthProfile, ACentredNeedleHasItsAxisInTheMiddleAndTheCornerBetween) {
  // Arrange: a 5 x 5 uniform grid of 20 um columns, one channel at the centre.
  std::vector<double> x{0, 20e-6, 40e-6, 60e-6, 80e-6, 100e-6};
  const mesh::Grid grid(x, x, {-50e-6, 0.0});
  mesh::Channel channel;
  channel.x_m = channel.y_m = 50e-6;
  // Act
  const auto columns = analysis::profile_columns(grid, {channel}, true);
  // Assert: the centre column (2, 2); the farthest column centre is a corner one
  // (10 um, 10 um), the first of the four equals.
  ASSERT_TRUE(columns.channel_axis && columns.between_channels);
  EXPECT_EQ(*columns.channel_axis, 2u + 5u * 2u);
  EXPECT_EQ(*columns.between_channels, 0u);
  EXPECT_FALSE(analysis::profile_columns(grid, {}, true).channel_axis.has_value());
}

}  // namespace
}  // namespace dermaflux
