#pragma once
// The line smoother's loops over a stretch of one plane (LineSmoother.cpp): plain
// arrays that do not overlap (the own cells are written; the other classes' runs,
// the rows north and south and the plane below, all of other colours or planes,
// are only read), so the compiler vectorises them. Each cell's arithmetic is the
// one formula of stencil/StencilKernels.hpp, the same in every loop here.
//
// Every neighbour sits at a fixed offset but the east and west ones: a cell's west
// neighbour is the cell before its east one in the other parity's run, x_east[n]
// and x_east[n - 1]. Over the interior of one run they too sit at a fixed offset
// (kEastStep false). Over consecutive runs of both parities (a stretch,
// LineSmoother.hpp) a run's parity puts them there or one cell further on
// (kEastStep: east_step[n] is 0 or 1): both places are loaded and the right one
// kept, so the loop runs over rows of any length in vectors. The runs' end cells
// (edges), whose neighbours lie elsewhere, get wrong values there, for the caller
// to work out again.

#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear::spans {

using stencil::Around;

// The east and west neighbours' values of cell n, and the west face (see above).
template <typename Real, bool kEastStep>
struct EastWest {
  Real east, west, tx_west;
  EastWest(int n, const int* __restrict east_step, const Real* __restrict x_east,
           const Real* __restrict tx_east) {
    if constexpr (kEastStep) {
      const bool further = east_step[n] != 0;
      const Real before = x_east[n - 1], at = x_east[n], after = x_east[n + 1];
      const Real tx_before = tx_east[n - 1], tx_at = tx_east[n];
      east = further ? after : at;
      west = further ? at : before;
      tx_west = further ? tx_at : tx_before;
    } else {
      east = x_east[n];
      west = x_east[n - 1];
      tx_west = tx_east[n - 1];
    }
  }
};

// Forward elimination: x = (b + lateral + below) * inv.
template <typename Real, bool kHasBelow, bool kEastStep>
void relax_span(int count, const int* __restrict east_step, const Real* __restrict b,
                Real* __restrict x, const Real* __restrict x_east, const Real* __restrict x_north,
                const Real* __restrict x_south, const Real* __restrict tx,
                const Real* __restrict tx_east, const Real* __restrict ty,
                const Real* __restrict ty_south, const Real* __restrict tz_below,
                const Real* __restrict x_below, const Real* __restrict inv) {
  for (int n = 0; n < count; ++n) {
    const EastWest<Real, kEastStep> lateral(n, east_step, x_east, tx_east);
    const Around<Real> t{tx[n],       lateral.tx_west, ty[n],
                         ty_south[n], Real(0),         kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{lateral.east, lateral.west, x_north[n],
                         x_south[n],   Real(0),      kHasBelow ? x_below[n] : Real(0)};
    x[n] = stencil::relax_forward<kHasBelow>(b[n], t, v, inv[n]);
  }
}

// The residual r = b - S x.
template <typename Real, bool kHasBelow, bool kHasAbove, bool kEastStep>
void residual_span(int count, const int* __restrict east_step, Real shift, const Real* __restrict b,
                   const Real* __restrict x, const Real* __restrict x_east,
                   const Real* __restrict x_north, const Real* __restrict x_south,
                   const Real* __restrict x_below, const Real* __restrict x_above,
                   const Real* __restrict cap, const Real* __restrict sinks,
                   const Real* __restrict tx, const Real* __restrict tx_east,
                   const Real* __restrict ty, const Real* __restrict ty_south,
                   const Real* __restrict tz, const Real* __restrict tz_below, Real* __restrict r) {
  for (int n = 0; n < count; ++n) {
    const EastWest<Real, kEastStep> lateral(n, east_step, x_east, tx_east);
    const Around<Real> t{tx[n],
                         lateral.tx_west,
                         ty[n],
                         ty_south[n],
                         kHasAbove ? tz[n] : Real(0),
                         kHasBelow ? tz_below[n] : Real(0)};
    const Around<Real> v{lateral.east,
                         lateral.west,
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
