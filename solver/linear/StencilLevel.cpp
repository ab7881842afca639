#include "linear/StencilLevel.hpp"

#include <algorithm>
#include <limits>

#include "core/Parallel.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear {
namespace {

// Scale of the face after coarse cell I along an axis (see the header): the fine
// centre distance across it over the coarse centre distance. 1 where the cells on
// both sides of the face were not merged.
double face_scale(const std::vector<double>& fine, const AxisCoarsening& axis, int I) {
  const int n = static_cast<int>(fine.size()), nc = static_cast<int>(axis.coarse_count());
  const int i = axis.last[I], e = (i + 1) % n, E = (I + 1) % nc;
  return (fine[i] + fine[e]) / (axis.widths[I] + axis.widths[E]);
}

// The narrowest (or widest) lateral cell of a level. An axis of one cell is not
// coarsened and does not count.
double extreme_width(const std::vector<double>& dx, const std::vector<double>& dy, bool widest) {
  double w = widest ? 0.0 : std::numeric_limits<double>::infinity();
  for (const auto* widths : {&dx, &dy}) {
    if (widths->size() < 2) continue;
    const auto [lo, hi] = std::minmax_element(widths->begin(), widths->end());
    w = widest ? std::max(w, *hi) : std::min(w, *lo);
  }
  return w;
}

template <typename Real>
void allocate(StencilLevel<Real>& level) {
  const std::size_t n = level.size();
  for (auto* array : {&level.capacity, &level.sinks, &level.tx, &level.ty, &level.tz})
    array->assign(n, Real(0));
}

}  // namespace

AxisCoarsening coarsen_axis(const std::vector<double>& widths, double max_pair_width,
                            const std::vector<int>& cuts) {
  const int n = static_cast<int>(widths.size());
  AxisCoarsening axis;
  axis.parent.resize(widths.size());
  auto next_cut = cuts.begin();
  for (int i = 0; i < n;) {
    while (next_cut != cuts.end() && *next_cut <= i) ++next_cut;
    const bool across_cut = next_cut != cuts.end() && *next_cut == i + 1;
    const bool pair = i + 1 < n && !across_cut && widths[i] + widths[i + 1] <= max_pair_width;
    const int coarse = static_cast<int>(axis.widths.size());
    axis.first.push_back(i);
    axis.last.push_back(pair ? i + 1 : i);
    axis.widths.push_back(pair ? widths[i] + widths[i + 1] : widths[i]);
    axis.parent[i] = coarse;
    if (pair) axis.parent[i + 1] = coarse;
    i += pair ? 2 : 1;
  }
  return axis;
}

LateralCoarsening choose_coarsening(const std::vector<double>& dx, const std::vector<double>& dy,
                                    const std::vector<int>& x_cuts,
                                    const std::vector<int>& y_cuts) {
  // Strongly graded levels pair selectively, others 2:1 (see the header). An axis
  // of one cell stays one (no pair fits).
  constexpr double kAll = std::numeric_limits<double>::infinity();
  const double narrow = extreme_width(dx, dy, false), wide = extreme_width(dx, dy, true);
  const double limit = wide > kGradedRatio * narrow ? kPairWidthLimit * narrow : kAll;
  LateralCoarsening axes{coarsen_axis(dx, limit, x_cuts), coarsen_axis(dy, limit, y_cuts)};
  // If no pair is narrow enough on either axis, 2:1 on both, so that every level
  // shrinks; if one axis merged, the other waits for its widths to catch up.
  if (axes.x.coarse_count() == dx.size() && axes.y.coarse_count() == dy.size())
    axes = {coarsen_axis(dx, kAll, x_cuts), coarsen_axis(dy, kAll, y_cuts)};
  return axes;
}

template <typename Real>
StencilLevel<Real> fine_level(const stencil::StencilView& system, const PlaneLayout* layout) {
  const mesh::Grid& g = *system.grid;
  StencilLevel<Real> level;
  level.nx = g.nx();
  level.ny = g.ny();
  level.nz = g.nz();
  level.periodic = system.periodic;
  for (int i = 0; i < g.nx(); ++i) level.dx.push_back(g.dx(i));
  for (int j = 0; j < g.ny(); ++j) level.dy.push_back(g.dy(j));
  level.layout = layout ? *layout : PlaneLayout(level.nx, level.ny, level.periodic);
  allocate(level);
  const int nx = level.nx, ny = level.ny;
  const std::size_t plane = level.columns();
  const double* cap = system.capacity;
  const double* tx = system.tx;
  const double* ty = system.ty;
  const double* tz = system.tz;
#pragma omp parallel for schedule(static) if (level.size() >= core::kParallelThreshold)
  for (int k = 0; k < level.nz; ++k) {
    for (int j = 0; j < ny; ++j) {
      const std::size_t base =
          plane * static_cast<std::size_t>(k) + static_cast<std::size_t>(nx) * j;
      const std::size_t south = plane * static_cast<std::size_t>(k) +
                                static_cast<std::size_t>(nx) * stencil::previous_wrapped(j, ny);
      for (int i = 0; i < nx; ++i) {
        const std::size_t to = level.index(i, j, k);
        const std::size_t from = base + static_cast<std::size_t>(i);
        const std::size_t west = base + static_cast<std::size_t>(stencil::previous_wrapped(i, nx));
        const double faces = stencil::face_sum(stencil::Around<double>{
            tx[from], tx[west], ty[from], ty[south + i], tz[from], k > 0 ? tz[from - plane] : 0.0});
        level.capacity[to] = static_cast<Real>(cap[from]);
        // Boundary conductances and clearance: exact zeros stay zeros.
        level.sinks[to] =
            static_cast<Real>(std::max(0.0, system.static_diagonal_at(i, j, k) - faces));
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
  return coarsen(f, choose_coarsening(f.dx, f.dy), nullptr);
}

template <typename Real>
StencilLevel<Real> coarsen(const StencilLevel<Real>& f, const LateralCoarsening& axes,
                           const PlaneLayout* layout) {
  StencilLevel<Real> c;
  c.from_x = axes.x;
  c.from_y = axes.y;
  c.nx = static_cast<int>(c.from_x.coarse_count());
  c.ny = static_cast<int>(c.from_y.coarse_count());
  c.nz = f.nz;
  c.periodic = f.periodic;
  c.dx = c.from_x.widths;
  c.dy = c.from_y.widths;
  c.layout = layout ? *layout : PlaneLayout(c.nx, c.ny, c.periodic);
  allocate(c);
  // Sums in double whatever Real is: coarse levels add up many fine values.
#pragma omp parallel for schedule(static) if (c.size() >= core::kParallelThreshold)
  for (int k = 0; k < c.nz; ++k) {
    for (int J = 0; J < c.ny; ++J) {
      for (int I = 0; I < c.nx; ++I) {
        double capacity = 0.0, tz = 0.0, sinks = 0.0, tx = 0.0, ty = 0.0;
        const int i_last = c.from_x.last[I], j_last = c.from_y.last[J];
        for (int j = c.from_y.first[J]; j <= j_last; ++j) {
          for (int i = c.from_x.first[I]; i <= i_last; ++i) {
            const std::size_t F = f.index(i, j, k);
            capacity += f.capacity[F];
            tz += f.tz[F];
            sinks += f.sinks[F];
            if (i == i_last) tx += f.tx[F];
            if (j == j_last) ty += f.ty[F];
          }
        }
        // Faces internal to the coarse cell vanish; a single coarse cell across a
        // periodic direction has no neighbour but itself.
        const std::size_t C = c.index(I, J, k);
        c.capacity[C] = static_cast<Real>(capacity);
        c.sinks[C] = static_cast<Real>(sinks);
        c.tz[C] = static_cast<Real>(tz);
        c.tx[C] =
            static_cast<Real>(c.nx > 1 || f.nx == 1 ? tx * face_scale(f.dx, c.from_x, I) : 0.0);
        c.ty[C] =
            static_cast<Real>(c.ny > 1 || f.ny == 1 ? ty * face_scale(f.dy, c.from_y, J) : 0.0);
      }
    }
  }
  return c;
}

template StencilLevel<float> fine_level<float>(const stencil::StencilView&, const PlaneLayout*);
template StencilLevel<double> fine_level<double>(const stencil::StencilView&, const PlaneLayout*);
template StencilLevel<float> coarsen<float>(const StencilLevel<float>&);
template StencilLevel<double> coarsen<double>(const StencilLevel<double>&);
template StencilLevel<float> coarsen<float>(const StencilLevel<float>&, const LateralCoarsening&,
                                            const PlaneLayout*);
template StencilLevel<double> coarsen<double>(const StencilLevel<double>&, const LateralCoarsening&,
                                              const PlaneLayout*);

}  // namespace dermaflux::linear
