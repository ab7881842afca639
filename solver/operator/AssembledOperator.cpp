#include "operator/AssembledOperator.hpp"

#include <vector>

#include "stencil/StencilKernels.hpp"

namespace dermaflux::op {
namespace {

using Triplet = Eigen::Triplet<double>;

// Adds a face of transmissibility t between cells a and b (a != b).
void add_face(std::vector<Triplet>& triplets, std::size_t a, std::size_t b, double t) {
  const auto ia = static_cast<Eigen::Index>(a), ib = static_cast<Eigen::Index>(b);
  triplets.emplace_back(ia, ia, t);
  triplets.emplace_back(ib, ib, t);
  triplets.emplace_back(ia, ib, -t);
  triplets.emplace_back(ib, ia, -t);
}

}  // namespace

SparseMatrix assemble_operator(const model::Problem& problem, double shift) {
  const auto& g = problem.mesh.grid;
  const model::CellCoefficients cell(problem);
  // The conductivities as arrays: a reference for tests, where memory does not matter.
  std::vector<double> lateral(g.cell_count()), sigma(g.cell_count());
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) {
        lateral[g.index(i, j, k)] = cell.lateral_conductivity_m2_s(i, j, k);
        sigma[g.index(i, j, k)] = cell.vertical_conductivity_m2_s(i, j, k);
      }
  const bool periodic = problem.sides == model::SideBoundary::Periodic;
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  std::vector<Triplet> triplets;
  triplets.reserve(g.cell_count() * 13);

  for (int k = 0; k < nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = g.index(i, j, k);
        const auto ic = static_cast<Eigen::Index>(c);
        triplets.emplace_back(ic, ic,
                              shift * cell.capacity_m3(i, j, k) + cell.clearance_m3_s(i, j, k));

        // Faces in +x, +y, +z, each once; periodic wrap faces where they exist.
        const bool x_face = i + 1 < nx || (periodic && nx > 1);
        if (x_face) {
          const int e = stencil::next_wrapped(i, nx);
          const std::size_t n = g.index(e, j, k);
          add_face(triplets, c, n,
                   stencil::face_transmissibility(g.dy(j) * g.dz(k), 0.5 * g.dx(i), lateral[c],
                                                  0.5 * g.dx(e), lateral[n]));
        }
        const bool y_face = j + 1 < ny || (periodic && ny > 1);
        if (y_face) {
          const int m = stencil::next_wrapped(j, ny);
          const std::size_t n = g.index(i, m, k);
          add_face(triplets, c, n,
                   stencil::face_transmissibility(g.dx(i) * g.dz(k), 0.5 * g.dy(j), lateral[c],
                                                  0.5 * g.dy(m), lateral[n]));
        }
        if (k + 1 < nz) {
          const std::size_t n = g.index(i, j, k + 1);
          add_face(triplets, c, n,
                   stencil::face_transmissibility(g.dx(i) * g.dy(j), 0.5 * g.dz(k), sigma[c],
                                                  0.5 * g.dz(k + 1), sigma[n]));
        }
        const double area = g.dx(i) * g.dy(j);
        if (k == 0 && problem.bottom == model::BottomBoundary::Sink)
          triplets.emplace_back(ic, ic,
                                stencil::boundary_transmissibility(area, 0.5 * g.dz(0), sigma[c]));
        if (k == nz - 1 && problem.top == model::TopBoundary::FixedPotential)
          triplets.emplace_back(ic, ic,
                                stencil::boundary_transmissibility(area, 0.5 * g.dz(k), sigma[c]));
      }
    }
  }
  const auto n = static_cast<Eigen::Index>(g.cell_count());
  SparseMatrix matrix(n, n);
  matrix.setFromTriplets(triplets.begin(), triplets.end());
  return matrix;
}

}  // namespace dermaflux::op
