#pragma once
// The line smoother's loops over a stretch of one plane (LineSmoother.cpp): plain
// arrays that do not overlap (the own cells are written; the other classes' runs,
// the rows north and south and the plane below, all of other colours or planes,
// are only read), so the compiler vectorises them. Each cell's arithmetic is the
// one formula of stencil/StencilKernels.hpp, the same in every loop here.

#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear::spans {

using stencil::Around;

// The interior of a run, where every neighbour sits at a fixed offset. Forward
// elimination: x = (b + lateral + below) * inv.
template <typename Real, bool kHasBelow>
void relax_span(int count, const Real* __restrict b, Real* __restrict x,
                const Real* __restrict x_east, const Real* __restrict x_west,
                const Real* __restrict x_north, const Real* __restrict x_south,
                const Real* __restrict tx, const Real* __restrict tx_west,
                const Real* __restrict ty, const Real* __restrict ty_south,
                const Real* __restrict tz_below, const Real* __restrict x_below,
                const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) {
    const Around<Real> t{tx[n],       tx_west[n], ty[n],
                         ty_south[n], Real(0),    kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{x_east[n],  x_west[n], x_north[n],
                         x_south[n], Real(0),   kHasBelow ? x_below[n] : Real(0)};
    x[n] = stencil::relax_forward<kHasBelow>(b[n], t, v, inv[n]);
  }
}

// The same over consecutive runs (a stretch, LineSmoother.hpp) whose neighbours
// lie at fixed offsets but for the east and west ones, which a run's parity puts at
// x_east[n] and x_east[n - 1] or one cell further on (east_step[n]: 0 or 1): both
// places are loaded and the right one kept, so the loop runs over rows of any
// length in vectors. The runs' end cells (edges), whose neighbours lie elsewhere,
// get wrong values here, for the caller to relax again.
template <typename Real, bool kHasBelow>
void relax_stretch(int count, const int* __restrict east_step, const Real* __restrict b,
                   Real* __restrict x, const Real* __restrict x_east,
                   const Real* __restrict x_north, const Real* __restrict x_south,
                   const Real* __restrict tx, const Real* __restrict tx_east,
                   const Real* __restrict ty, const Real* __restrict ty_south,
                   const Real* __restrict tz_below, const Real* __restrict x_below,
                   const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) {
    const bool further = east_step[n] != 0;
    const Real before = x_east[n - 1], at = x_east[n], after = x_east[n + 1];
    const Real tx_before = tx_east[n - 1], tx_at = tx_east[n];
    const Around<Real> t{tx[n],   further ? tx_at : tx_before,      ty[n], ty_south[n],
                         Real(0), kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{further ? after : at,
                         further ? at : before,
                         x_north[n],
                         x_south[n],
                         Real(0),
                         kHasBelow ? x_below[n] : Real(0)};
    x[n] = stencil::relax_forward<kHasBelow>(b[n], t, v, inv[n]);
  }
}

// The residual r = b - S x over interior positions (see relax_span).
template <typename Real, bool kHasBelow, bool kHasAbove>
void residual_span(int count, Real shift, const Real* __restrict b, const Real* __restrict x,
                   const Real* __restrict x_east, const Real* __restrict x_west,
                   const Real* __restrict x_north, const Real* __restrict x_south,
                   const Real* __restrict x_below, const Real* __restrict x_above,
                   const Real* __restrict cap, const Real* __restrict sinks,
                   const Real* __restrict tx, const Real* __restrict tx_west,
                   const Real* __restrict ty, const Real* __restrict ty_south,
                   const Real* __restrict tz, const Real* __restrict tz_below, Real* __restrict r) {
  for (int n = 0; n < count; ++n) {
    const Around<Real> t{tx[n],
                         tx_west[n],
                         ty[n],
                         ty_south[n],
                         kHasAbove ? tz[n] : Real(0),
                         kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{x_east[n],
                         x_west[n],
                         x_north[n],
                         x_south[n],
                         kHasAbove ? x_above[n] : Real(0),
                         kHasBelow ? x_below[n] : Real(0)};
    r[n] = stencil::level_residual<kHasBelow, kHasAbove>(shift, cap[n], sinks[n], b[n], x[n], t, v);
  }
}

// The same over a stretch (see relax_stretch; edges' values wrong, for the caller).
template <typename Real, bool kHasBelow, bool kHasAbove>
void residual_stretch(int count, const int* __restrict east_step, Real shift,
                      const Real* __restrict b, const Real* __restrict x,
                      const Real* __restrict x_east, const Real* __restrict x_north,
                      const Real* __restrict x_south, const Real* __restrict x_below,
                      const Real* __restrict x_above, const Real* __restrict cap,
                      const Real* __restrict sinks, const Real* __restrict tx,
                      const Real* __restrict tx_east, const Real* __restrict ty,
                      const Real* __restrict ty_south, const Real* __restrict tz,
                      const Real* __restrict tz_below, Real* __restrict r) {
  for (int n = 0; n < count; ++n) {
    const bool further = east_step[n] != 0;
    const Real before = x_east[n - 1], at = x_east[n], after = x_east[n + 1];
    const Real tx_before = tx_east[n - 1], tx_at = tx_east[n];
    const Around<Real> t{
        tx[n],       further ? tx_at : tx_before, ty[n],
        ty_south[n], kHasAbove ? tz[n] : Real(0), kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{further ? after : at,
                         further ? at : before,
                         x_north[n],
                         x_south[n],
                         kHasAbove ? x_above[n] : Real(0),
                         kHasBelow ? x_below[n] : Real(0)};
    r[n] = stencil::level_residual<kHasBelow, kHasAbove>(shift, cap[n], sinks[n], b[n], x[n], t, v);
  }
}

// Back substitution over a run: x += tz * inv * x_above.
template <typename Real>
void substitute_span(int count, Real* __restrict x, const Real* __restrict x_above,
                     const Real* __restrict tz, const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) x[n] = stencil::relax_back(x[n], tz[n], inv[n], x_above[n]);
}

}  // namespace dermaflux::linear::spans
