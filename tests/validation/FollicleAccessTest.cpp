// The follicular shunt's access term (input/FollicularShunt.hpp), g = 4 a D K: the
// steady flux from a disc of radius a held at a fixed concentration into a half-space
// whose surface is otherwise closed (the microdisc result). Checked independently by
// finite volumes in (r, z) on a graded grid with a far boundary at zero concentration.

#include <gtest/gtest.h>

#include <Eigen/Sparse>
#include <cmath>
#include <numbers>
#include <vector>

#include "input/FollicularShunt.hpp"

namespace dermaflux {
namespace {

// Faces from 0: `fine` spacing to 1.5 a, then each step `growth` times the last, to `far`.
std::vector<double> graded_faces(double fine, double a, double far, double growth) {
  std::vector<double> faces;
  for (double x = 0.0; x < 1.5 * a + fine / 2; x += fine) faces.push_back(x);
  for (double step = fine; faces.back() < far;) faces.push_back(faces.back() + (step *= growth));
  return faces;
}

// The disc's conductance in a box of the graded grid (D = 1), and the box's extent.
std::pair<double, double> disc_conductance(double a, double fine, double far, double growth) {
  const std::vector<double> rf = graded_faces(fine, a, far, growth), zf = rf;
  const int nr = static_cast<int>(rf.size()) - 1, nz = nr;
  auto centre = [](const std::vector<double>& f, int i) { return 0.5 * (f[i] + f[i + 1]); };
  auto index = [&](int i, int k) { return i * nz + k; };
  std::vector<Eigen::Triplet<double>> entries;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(nr * nz);
  std::vector<std::pair<int, double>> disc_faces;
  // A face between two cells: the off-diagonal entry; returns g for the diagonal.
  auto couple = [&](int n, int m, double g) {
    entries.emplace_back(n, m, -g);
    return g;
  };
  for (int i = 0; i < nr; ++i) {
    for (int k = 0; k < nz; ++k) {
      const int n = index(i, k);
      double diagonal = 0.0;
      const double dz = zf[k + 1] - zf[k];
      // Radial faces: area 2 pi r dz; r = 0 is the axis, the outermost face c = 0.
      for (const int j : {i - 1, i + 1}) {
        const double face_r = j < i ? rf[i] : rf[i + 1];
        const double area = 2.0 * std::numbers::pi * face_r * dz;
        if (j >= 0 && j < nr) {
          diagonal += couple(n, index(j, k), area / std::abs(centre(rf, j) - centre(rf, i)));
        } else if (j == nr) {
          diagonal += area / (rf[nr] - centre(rf, i));
        }
      }
      // Axial faces: area pi (r_out^2 - r_in^2); the surface is the disc (c = 1)
      // inside r = a and closed outside it, the deepest face c = 0.
      const double area = std::numbers::pi * (rf[i + 1] * rf[i + 1] - rf[i] * rf[i]);
      for (const int j : {k - 1, k + 1}) {
        if (j >= 0 && j < nz) {
          diagonal += couple(n, index(i, j), area / std::abs(centre(zf, j) - centre(zf, k)));
        } else if (j == nz) {
          diagonal += area / (zf[nz] - centre(zf, k));
        } else if (centre(rf, i) < a) {
          const double g = area / centre(zf, k);
          diagonal += g;
          rhs[n] += g;
          disc_faces.emplace_back(n, g);
        }
      }
      entries.emplace_back(n, n, diagonal);
    }
  }
  Eigen::SparseMatrix<double> matrix(nr * nz, nr * nz);
  matrix.setFromTriplets(entries.begin(), entries.end());
  const Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(matrix);
  const Eigen::VectorXd c = solver.solve(rhs);
  double flux = 0.0;
  for (const auto& [n, g] : disc_faces) flux += g * (1.0 - c[n]);
  return {flux, rf[nr]};
}

TEST(FollicleAccess, DiscIntoAHalfSpaceIsFourAD) {
  const double a = 1.0;
  const auto [box_flux, far] = disc_conductance(a, 0.02, 60.0, 1.08);
  // A far boundary at distance rho adds a conductance in series: 1/g = 1/(4a) - 1/(2 pi rho).
  const double half_space = 1.0 / (1.0 / box_flux + 1.0 / (2.0 * std::numbers::pi * far));
  EXPECT_NEAR(half_space / (4.0 * a), 1.0, 0.02);  // the disc edge's singularity: -0.8 %
  // The shunt's access term is that conductance for a disc of the orifice's radius
  // (lumen wide open: a vanishing barrier), per follicle times the density.
  const input::Follicles one{"", 1.0, 2.0 * a, 0.0};
  EXPECT_NEAR(input::follicular_permeability_m_s(one, 1.0, 1e-30, 1.0, 1.0), 4.0 * a, 1e-12);
}

}  // namespace
}  // namespace dermaflux
