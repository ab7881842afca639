// The per-cell kernels of stencil/StencilKernels.hpp against numbers worked out
// by hand, and the matrix-free operator built on them on a 3 x 3 x 3 grid of
// unit cells, where every face, boundary conductance and product is exact.

#include <gtest/gtest.h>

#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux {
namespace {

using stencil::Around;

TEST(StencilKernels, MixingRuleByHand) {
  // phi = 1/4 of channel in tissue with K = 2, B = 1, D K = 4, k = 0.5; D_v = 8; V = 8.
  EXPECT_DOUBLE_EQ(stencil::mixed_capacity(0.25, 2.0, 1.0, 8.0), 26.0);         // (3/4 * 4 + 1/4) 8
  EXPECT_DOUBLE_EQ(stencil::mixed_vertical_conductivity(0.25, 4.0, 8.0), 5.0);  // 3 + 2
  EXPECT_DOUBLE_EQ(stencil::mixed_lateral_conductivity(0.25, 4.0, 8.0), 32.0 / 7.0);
  EXPECT_EQ(stencil::mixed_lateral_conductivity(0.0, 4.0, 8.0), 4.0);      // intact: D K itself
  EXPECT_DOUBLE_EQ(stencil::mixed_clearance(0.25, 0.5, 2.0, 8.0), 6.0);    // 3/4 * 0.5 * 2 * 8
  EXPECT_DOUBLE_EQ(stencil::mixed_concentration_factor(0.25, 2.0), 1.75);  // 3/2 + 1/4
}

TEST(StencilKernels, HarmonicTransmissibilityIsSeriesResistance) {
  // Two half cells, 1 um of D K = 1e-12 and 3 um of D K = 1e-10, on 1e-10 m^2:
  // R = 1e-6 / 1e-12 + 3e-6 / 1e-10 = 1e6 + 3e4 s/m, T = A / R.
  const double t = stencil::face_transmissibility(1e-10, 1e-6, 1e-12, 3e-6, 1e-10);
  EXPECT_NEAR(t, 1e-10 / (1e6 + 3e4), 1e-12 * t);
  EXPECT_DOUBLE_EQ(stencil::boundary_transmissibility(2.0, 0.5, 3.0), 12.0);
}

TEST(StencilKernels, FacesAndWrapByHand) {
  // Area 6 over the resistances 1/2 + 3/1.
  EXPECT_DOUBLE_EQ(stencil::face_transmissibility(6.0, 1.0, 2.0, 3.0, 1.0), 12.0 / 7.0);
  EXPECT_DOUBLE_EQ(stencil::boundary_transmissibility(6.0, 1.5, 2.0), 8.0);
  EXPECT_EQ(stencil::next_wrapped(0, 3), 1);
  EXPECT_EQ(stencil::next_wrapped(2, 3), 0);
  EXPECT_EQ(stencil::previous_wrapped(0, 3), 2);
  EXPECT_EQ(stencil::previous_wrapped(1, 3), 0);
  EXPECT_EQ(stencil::next_wrapped(0, 1), 0);
  EXPECT_EQ(stencil::previous_wrapped(0, 1), 0);
}

TEST(StencilKernels, CellFormulasByHand) {
  // The centre cell of a 3 x 3 x 3 block holding u = its index: u = 13, its
  // neighbours 14, 12, 16, 10, 22, 4 (sum 78); every face 1; shift 0.5, capacity 1.
  const Around<double> faces{1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  const Around<double> values{14.0, 12.0, 16.0, 10.0, 22.0, 4.0};
  EXPECT_EQ(stencil::face_sum(faces), 6.0);
  EXPECT_EQ(stencil::level_diagonal(0.5, 1.0, 2.0, faces), 8.5);          // 0.5 + sinks 2 + 6
  EXPECT_EQ(stencil::apply_cell(6.5, 13.0, faces, values, true), 6.5);    // 84.5 - 78
  EXPECT_EQ(stencil::apply_cell(6.5, 13.0, faces, values, false), 10.5);  // 84.5 - 74
  // r = b - S x with b = 10: 10 - (6.5 * 13 - 78); without z faces 10 - (4.5 * 13 - 52).
  EXPECT_EQ((stencil::level_residual<true, true>(0.5, 1.0, 0.0, 10.0, 13.0, faces, values)), 3.5);
  EXPECT_EQ((stencil::level_residual<false, false>(0.5, 1.0, 0.0, 10.0, 13.0, faces, values)), 3.5);
  EXPECT_EQ((stencil::level_residual<false, true>(0.5, 1.0, 0.0, 10.0, 13.0, faces, values)),
            12.5);  // 10 - (5.5 * 13 - 74)
  // Forward elimination with 1 / pivot = 1/4: (10 + 52 + 4) / 4, or (10 + 52) / 4.
  EXPECT_EQ(stencil::relax_forward<true>(10.0, faces, values, 0.25), 16.5);
  EXPECT_EQ(stencil::relax_forward<false>(10.0, faces, values, 0.25), 15.5);
  EXPECT_EQ(stencil::line_pivot(6.5, 1.0, 4.0, true), 6.25);  // 6.5 - 1 / 4
  EXPECT_EQ(stencil::line_pivot(6.5, 1.0, 4.0, false), 6.5);
  EXPECT_EQ(stencil::relax_back(2.0, 1.0, 0.25, 8.0), 4.0);  // 2 + 8 / 4
}

// Unit cells, D K = 1 (every face 1, the sink below 1 / (1/2) = 2), capacity 1,
// periodic sides, closed top, shift 1/2.
TEST(StencilKernels, OperatorOnThreeCubedUnitCellsByHand) {
  model::Problem p;
  p.mesh.grid = mesh::Grid({0.0, 1.0, 2.0, 3.0}, {0.0, 1.0, 2.0, 3.0}, {-3.0, -2.0, -1.0, 0.0});
  p.materials.push_back({1.0, 1.0, 0.0, 0.0});
  p.mesh.plane_material = {0, 0, 0};
  p.mesh.layer_count = 1;
  p.sides = model::SideBoundary::Periodic;
  p.top = model::TopBoundary::NoFlux;
  p.bottom = model::BottomBoundary::Sink;
  op::DiffusionOperator system(p);
  system.set_shift(0.5);
  linear::Vector u(27);
  for (int c = 0; c < 27; ++c) u[c] = c;
  linear::Vector su;
  system.apply(u, su);
  // Centre (1,1,1) = 13: 6.5 * 13 - (14 + 12 + 16 + 10 + 22 + 4).
  EXPECT_EQ(su[13], 6.5);
  // Corner (0,0,0) = 0 on the sink: neighbours 1, 2 (wrap), 3, 6 (wrap), 9 above.
  EXPECT_EQ(su[0], -21.0);
  // Top corner (2,2,2) = 26: diagonal 0.5 + 5 faces; neighbours 24 (wrap), 25,
  // 20 (wrap), 23, 17 below: 5.5 * 26 - 109.
  EXPECT_EQ(su[26], 34.0);
}

}  // namespace
}  // namespace dermaflux
