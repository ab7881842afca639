#include "linear/StencilLevel.hpp"

#include <algorithm>

#include "core/Parallel.hpp"

namespace dermaflux::linear {
namespace {

// Children of coarse index I along an axis of n fine cells: {2I, 2I+1} ∩ [0, n);
// an axis of one cell is not coarsened.
int coarse_count(int n) {
  return n > 1 ? (n + 1) / 2 : 1;
}
int first_child(int coarse, int n) {
  return n > 1 ? 2 * coarse : 0;
}
int last_child(int coarse, int n) {
  return n > 1 ? std::min(2 * coarse + 1, n - 1) : 0;
}

std::vector<double> merged_widths(const std::vector<double>& widths) {
  const int n = static_cast<int>(widths.size());
  std::vector<double> coarse(static_cast<std::size_t>(coarse_count(n)), 0.0);
  for (int i = 0; i < n; ++i) coarse[static_cast<std::size_t>(n > 1 ? i / 2 : 0)] += widths[i];
  return coarse;
}

// Scale of the face after coarse cell I along an axis (see the header): the fine
// centre distance across it over the coarse centre distance. 1 on an axis that is
// not coarsened or where there is no face.
double face_scale(const std::vector<double>& fine, const std::vector<double>& coarse, int I) {
  const int n = static_cast<int>(fine.size()), nc = static_cast<int>(coarse.size());
  if (n == nc) return 1.0;
  const int i = last_child(I, n), e = (i + 1) % n, E = (I + 1) % nc;
  return (fine[i] + fine[e]) / (coarse[I] + coarse[E]);
}

template <typename Real>
void allocate(StencilLevel<Real>& level) {
  const std::size_t n = level.size();
  for (auto* array : {&level.capacity, &level.sinks, &level.tx, &level.ty, &level.tz})
    array->assign(n, Real(0));
}

}  // namespace

template <typename Real>
StencilLevel<Real> fine_level(const op::DiffusionOperator& system) {
  const auto& g = system.grid();
  StencilLevel<Real> level;
  level.nx = g.nx();
  level.ny = g.ny();
  level.nz = g.nz();
  level.periodic = system.periodic();
  for (int i = 0; i < g.nx(); ++i) level.dx.push_back(g.dx(i));
  for (int j = 0; j < g.ny(); ++j) level.dy.push_back(g.dy(j));
  level.layout = PlaneLayout(level.nx, level.ny, level.periodic);
  allocate(level);
  const int nx = level.nx, ny = level.ny;
  const std::size_t plane = level.columns();
  const auto& cap = system.capacity();
  const auto& diagonal = system.static_diagonal();
  const auto& tx = system.tx();
  const auto& ty = system.ty();
  const auto& tz = system.tz();
#pragma omp parallel for schedule(static) if (level.size() >= core::kParallelThreshold)
  for (int k = 0; k < level.nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      const std::size_t base =
          plane * static_cast<std::size_t>(k) + static_cast<std::size_t>(nx) * j;
      const std::size_t south = plane * static_cast<std::size_t>(k) +
                                static_cast<std::size_t>(nx) * (j > 0 ? j - 1 : ny - 1);
      for (int i = 0; i < nx; ++i) {
        const std::size_t to = level.index(i, j, k);
        const std::size_t from = base + static_cast<std::size_t>(i);
        const std::size_t west = base + static_cast<std::size_t>(i > 0 ? i - 1 : nx - 1);
        const double faces = tx[from] + tx[west] + ty[from] + ty[south + i] + tz[from] +
                             (k > 0 ? tz[from - plane] : 0.0);
        level.capacity[to] = static_cast<Real>(cap[from]);
        // Boundary conductances and clearance: exact zeros stay zeros.
        level.sinks[to] = static_cast<Real>(std::max(0.0, diagonal[from] - faces));
        level.tx[to] = static_cast<Real>(tx[from]);
        level.ty[to] = static_cast<Real>(ty[from]);
        level.tz[to] = static_cast<Real>(tz[from]);
      }
    }
  }
  return level;
}

template <typename Real>
StencilLevel<Real> coarsen(const StencilLevel<Real>& f) {
  StencilLevel<Real> c;
  c.nx = coarse_count(f.nx);
  c.ny = coarse_count(f.ny);
  c.nz = f.nz;
  c.periodic = f.periodic;
  c.dx = merged_widths(f.dx);
  c.dy = merged_widths(f.dy);
  c.layout = PlaneLayout(c.nx, c.ny, c.periodic);
  allocate(c);
  // Sums in double whatever Real is: coarse levels add up many fine values.
#pragma omp parallel for schedule(static) if (c.size() >= core::kParallelThreshold)
  for (int k = 0; k < c.nz; ++k) {
    for (int J = 0; J < c.ny; ++J) {
      for (int I = 0; I < c.nx; ++I) {
        double capacity = 0.0, tz = 0.0, sinks = 0.0, tx = 0.0, ty = 0.0;
        for (int j = first_child(J, f.ny); j <= last_child(J, f.ny); ++j) {
          for (int i = first_child(I, f.nx); i <= last_child(I, f.nx); ++i) {
            const std::size_t F = f.index(i, j, k);
            capacity += f.capacity[F];
            tz += f.tz[F];
            sinks += f.sinks[F];
            if (i == last_child(I, f.nx)) tx += f.tx[F];
            if (j == last_child(J, f.ny)) ty += f.ty[F];
          }
        }
        // Faces internal to the coarse cell vanish; a single coarse cell across a
        // periodic direction has no neighbour but itself.
        const std::size_t C = c.index(I, J, k);
        c.capacity[C] = static_cast<Real>(capacity);
        c.sinks[C] = static_cast<Real>(sinks);
        c.tz[C] = static_cast<Real>(tz);
        c.tx[C] = static_cast<Real>(c.nx > 1 || f.nx == 1 ? tx * face_scale(f.dx, c.dx, I) : 0.0);
        c.ty[C] = static_cast<Real>(c.ny > 1 || f.ny == 1 ? ty * face_scale(f.dy, c.dy, J) : 0.0);
      }
    }
  }
  return c;
}

template StencilLevel<float> fine_level<float>(const op::DiffusionOperator&);
template StencilLevel<double> fine_level<double>(const op::DiffusionOperator&);
template StencilLevel<float> coarsen<float>(const StencilLevel<float>&);
template StencilLevel<double> coarsen<double>(const StencilLevel<double>&);

}  // namespace dermaflux::linear
