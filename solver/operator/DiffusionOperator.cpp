#include "operator/DiffusionOperator.hpp"

#include <cmath>

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::op {

using stencil::Around;

DiffusionOperator::DiffusionOperator(const model::Problem& problem)
    : grid_(problem.mesh.grid),
      periodic_(problem.sides == model::SideBoundary::Periodic),
      wrap_x_(periodic_ && !problem.cut_x),
      wrap_y_(periodic_ && !problem.cut_y) {
  reassemble(problem);
}

void DiffusionOperator::reassemble(const model::Problem& problem) {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const std::size_t cells = grid_.cell_count();
  const model::CellCoefficients cell(problem);
  capacity_.assign(cells, 0.0);
  // No clearing plane (in-vitro cases, the bench case): no array of zeros (8 B a cell).
  bool clears = false;
  for (int k = 0; k < nz; ++k)
    clears =
        clears || problem.materials.at(static_cast<std::size_t>(problem.mesh.material_of_plane(k)))
                          .clearance_1_s != 0.0;
  if (clears)
    clearance_.assign(cells, 0.0);
  else
    core::StaggeredVector<double>().swap(clearance_);
  tx_.assign(cells, 0.0);
  ty_.assign(cells, 0.0);
  tz_.assign(cells, 0.0);
  top_conductance_.assign(static_cast<std::size_t>(nx) * ny, 0.0);
  bottom_conductance_.assign(static_cast<std::size_t>(nx) * ny, 0.0);
  top_potential_ =
      problem.top == model::TopBoundary::FixedPotential ? problem.top_potential_kg_m3 : 0.0;

  // Each cell owns the face to its +x, +y, +z neighbour. The last face in x and y
  // is the periodic wrap (to index 0), or closed (0). A single cell across a
  // periodic direction has no neighbour but itself: no face.
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = grid_.index(i, j, k);
        capacity_[c] = cell.capacity_m3(i, j, k);
        if (clears) clearance_[c] = cell.clearance_m3_s(i, j, k);
        const double lateral = cell.lateral_conductivity_m2_s(i, j, k);
        if (i + 1 < nx || (wrap_x_ && nx > 1)) {
          const int e = stencil::next_wrapped(i, nx);
          tx_[c] = stencil::face_transmissibility(grid_.dy(j) * grid_.dz(k), 0.5 * grid_.dx(i),
                                                  lateral, 0.5 * grid_.dx(e),
                                                  cell.lateral_conductivity_m2_s(e, j, k));
        }
        if (j + 1 < ny || (wrap_y_ && ny > 1)) {
          const int n = stencil::next_wrapped(j, ny);
          ty_[c] = stencil::face_transmissibility(grid_.dx(i) * grid_.dz(k), 0.5 * grid_.dy(j),
                                                  lateral, 0.5 * grid_.dy(n),
                                                  cell.lateral_conductivity_m2_s(i, n, k));
        }
        if (k + 1 < nz) {
          tz_[c] = stencil::face_transmissibility(grid_.dx(i) * grid_.dy(j), 0.5 * grid_.dz(k),
                                                  cell.vertical_conductivity_m2_s(i, j, k),
                                                  0.5 * grid_.dz(k + 1),
                                                  cell.vertical_conductivity_m2_s(i, j, k + 1));
        }
      }
    }
  }

  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const std::size_t column = static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * j;
      const double area = grid_.dx(i) * grid_.dy(j);
      if (problem.top == model::TopBoundary::FixedPotential)
        top_conductance_[column] = stencil::boundary_transmissibility(
            area, 0.5 * grid_.dz(nz - 1), cell.vertical_conductivity_m2_s(i, j, nz - 1));
      if (problem.bottom == model::BottomBoundary::Sink)
        bottom_conductance_[column] = stencil::boundary_transmissibility(
            area, 0.5 * grid_.dz(0), cell.vertical_conductivity_m2_s(i, j, 0));
    }
  }

  rebuild_diagonal();
}

void DiffusionOperator::set_shift(double shift) {
  // The same shift on the same stencil (fixed steps): the diagonal stands, and a pass
  // over the stencil is saved.
  if (shift == shift_ && diagonal_.size() == capacity_.size()) return;
  shift_ = shift;
  rebuild_diagonal();
}

void DiffusionOperator::rebuild_diagonal() {
  // The static diagonal is not stored (8 B a cell): worked out here, once a step,
  // from the faces the cell and its -x, -y, -z neighbours store, bitwise as
  // stencil::StencilView::static_diagonal_at gives it.
  const double shift = shift_;
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const std::size_t plane = static_cast<std::size_t>(nx) * ny;
  diagonal_.resize(capacity_.size());
  const double* cap = capacity_.data();
  const double* kc = clearance();
  const double* tx = tx_.data();
  const double* ty = ty_.data();
  const double* tz = tz_.data();
  const double* g_top = top_conductance_.data();
  const double* g_bottom = bottom_conductance_.data();
  double* diag = diagonal_.data();
#pragma omp parallel for schedule(static) if (capacity_.size() >= core::kParallelThreshold)
  for (int k = 0; k < nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      const std::size_t row = grid_.index(0, j, k);
      const std::size_t south = grid_.index(0, stencil::previous_wrapped(j, ny), k);
      const std::size_t column = static_cast<std::size_t>(nx) * j;
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = row + static_cast<std::size_t>(i);
        const Around<double> faces{
            tx[c], tx[row + static_cast<std::size_t>(stencil::previous_wrapped(i, nx))],
            ty[c], ty[south + static_cast<std::size_t>(i)],
            tz[c], k > 0 ? tz[c - plane] : 0.0};
        const double fixed =
            stencil::static_diagonal(faces, kc ? kc[c] : 0.0, k == nz - 1 ? g_top[column + i] : 0.0,
                                     k == 0 ? g_bottom[column + i] : 0.0);
        diag[c] = shift * cap[c] + fixed;
      }
    }
  }
}

double DiffusionOperator::static_diagonal(int i, int j, int k) const {
  return stencil().static_diagonal_at(i, j, k);
}

void DiffusionOperator::apply_impl(const linear::Vector& x, linear::Vector& y) const {
  core::in_region(size() >= core::kParallelThreshold, [&] { apply_in_team_impl(x, y); });
}

void DiffusionOperator::apply_in_team_impl(const linear::Vector& x, linear::Vector& y) const {
  const int nx = grid_.nx(), ny = grid_.ny(), nz = grid_.nz();
  const std::size_t plane = static_cast<std::size_t>(nx) * ny;
  const double* in = x.data();
  double* out = y.data();
  const double* diag = diagonal_.data();
  const double* tx = tx_.data();
  const double* ty = ty_.data();
  const double* tz = tz_.data();

#pragma omp for schedule(static)
  for (int k = 0; k < nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      // Neighbour rows; across a closed boundary the stored transmissibility is
      // 0, so wrapping the index there reads a valid cell and adds nothing.
      const std::size_t row = grid_.index(0, j, k);
      const std::size_t north = grid_.index(0, stencil::next_wrapped(j, ny), k);
      const std::size_t south = grid_.index(0, stencil::previous_wrapped(j, ny), k);
      const std::size_t up = k + 1 < nz ? row + plane : row;
      const std::size_t down = k > 0 ? row - plane : row;
      const bool has_down = k > 0;
      auto cell = [&](int i, int e, int w) {
        const std::size_t c = row + static_cast<std::size_t>(i);
        const Around<double> faces{tx[c], tx[row + w], ty[c], ty[south + i], tz[c], tz[down + i]};
        const Around<double> values{in[row + e],   in[row + w], in[north + i],
                                    in[south + i], in[up + i],  in[down + i]};
        out[c] = stencil::apply_cell(diag[c], in[c], faces, values, has_down);
      };
      if (nx == 1) {
        cell(0, 0, 0);
        continue;
      }
      cell(0, 1, nx - 1);
      for (int i = 1; i < nx - 1; ++i) cell(i, i + 1, i - 1);
      cell(nx - 1, 0, nx - 2);
    }
  }
}

stencil::StencilView DiffusionOperator::stencil() const {
  stencil::StencilView view;
  view.grid = &grid_;
  view.periodic = periodic_;
  view.shift = shift_;
  view.capacity = capacity_.data();
  view.tx = tx_.data();
  view.ty = ty_.data();
  view.tz = tz_.data();
  view.clearance = clearance();
  view.top_conductance = top_conductance_.data();
  view.bottom_conductance = bottom_conductance_.data();
  return view;
}

void DiffusionOperator::add_boundary_source(linear::Vector& b) const {
  if (top_potential_ == 0.0) return;
  const std::size_t top_row = grid_.index(0, 0, grid_.nz() - 1);
  for (std::size_t column = 0; column < top_conductance_.size(); ++column)
    b[static_cast<Eigen::Index>(top_row + column)] += top_conductance_[column] * top_potential_;
}

double DiffusionOperator::sum_of_apply(const linear::Vector& u, bool magnitudes) const {
  const double* pu = u.data();
  const double* cap = capacity_.data();
  const double* kc = clearance();
  const double* g_top = top_conductance_.data();
  const double* g_bottom = bottom_conductance_.data();
  const std::size_t top_row = grid_.index(0, 0, grid_.nz() - 1);
  const double shift = shift_;
  auto value = [=](std::size_t c) { return magnitudes ? std::abs(pu[c]) : pu[c]; };
  const double volume_terms = core::deterministic_sum(capacity_.size(), [=](std::size_t c) {
    return (shift * cap[c] + (kc ? kc[c] : 0.0)) * value(c);
  });
  const double boundary_terms = core::deterministic_sum(
      top_conductance_.size(),
      [=](std::size_t n) { return g_top[n] * value(top_row + n) + g_bottom[n] * value(n); });
  return volume_terms + boundary_terms;
}

double DiffusionOperator::bottom_outflow(const linear::Vector& u) const {
  const double* pu = u.data();
  const double* g = bottom_conductance_.data();
  return core::deterministic_sum(bottom_conductance_.size(),
                                 [=](std::size_t n) { return g[n] * pu[n]; });
}

double DiffusionOperator::top_inflow(const linear::Vector& u) const {
  const double* pu = u.data() + grid_.index(0, 0, grid_.nz() - 1);
  const double* g = top_conductance_.data();
  const double top = top_potential_;
  return core::deterministic_sum(top_conductance_.size(),
                                 [=](std::size_t n) { return g[n] * (top - pu[n]); });
}

double DiffusionOperator::clearance_rate(const linear::Vector& u) const {
  if (clearance_.empty()) return 0.0;  // the sum of the zeros' products
  const double* pu = u.data();
  const double* kc = clearance_.data();
  return core::deterministic_sum(clearance_.size(), [=](std::size_t n) { return kc[n] * pu[n]; });
}

}  // namespace dermaflux::op
