#pragma once
// The per-cell and per-face formulas of the finite-volume discretisation, as pure
// inline functions of one cell's values (the AMReX *_K.H habit): the mixing rule
// of a channelled cell, face transmissibilities, the periodic wrap, the 7-point
// stencil's diagonal, apply, residual and z-line relaxation. The loops that call
// them (model/, operator/, linear/) own the indexing, the threads and the memory
// layout; these functions own the arithmetic and can be checked by hand.
//
// The order of every sum is part of the result: the shipped cases' outputs are
// compared byte for byte between versions, so a formula here is written in the
// one order its callers have always used. The matrix-free operator (double) and
// the multigrid levels (float or double, sinks kept apart, StencilLevel.hpp) sum
// their diagonals in different orders; both orders are spelled out below.
//
// The header includes nothing: model/, operator/ and linear/ all use it, so it
// sits below them in the data flow.

namespace dermaflux::stencil {

// ---- Cell coefficients: a cell holding a fraction phi of open channel mixes channel
// (vehicle: K = 1, B = 0, D = D_v, no clearance) and tissue by volume
// (model/Problem.hpp: CellCoefficients).

// V [(1 - phi) K (1 + B) + phi], m^3.
inline double mixed_capacity(double phi, double partition, double binding, double volume_m3) {
  return ((1.0 - phi) * partition * (1.0 + binding) + phi) * volume_m3;
}
// (1 - phi) D K + phi D_v: channels run along z, in parallel with the tissue.
inline double mixed_vertical_conductivity(double phi, double sigma, double vehicle_sigma) {
  return (1.0 - phi) * sigma + phi * vehicle_sigma;
}
// 1 / ((1 - phi) / (D K) + phi / D_v): across z in series (the lower, Reuss bound).
inline double mixed_lateral_conductivity(double phi, double sigma, double vehicle_sigma) {
  return phi > 0.0 ? 1.0 / ((1.0 - phi) / sigma + phi / vehicle_sigma) : sigma;
}
// (1 - phi) k K V, m^3/s: channel volume is not cleared.
inline double mixed_clearance(double phi, double clearance_1_s, double partition,
                              double volume_m3) {
  return (1.0 - phi) * clearance_1_s * partition * volume_m3;
}
// Tissue concentration per potential, c / u = (1 - phi) K + phi.
inline double mixed_concentration_factor(double phi, double partition) {
  return (1.0 - phi) * partition + phi;
}

// ---- Faces.

// Transmissibility of the face between two cells: the face area over the series
// resistance of the two half cells, each half-width / (D K). Harmonic averaging
// makes the flux exact for piecewise-constant layers (two resistors in series).
//   area_m2: face area; half_a_m, half_b_m: centre-to-face distances;
//   sigma_a, sigma_b: D K of the two cells (m^2/s). Result in m^3/s.
inline double face_transmissibility(double area_m2, double half_a_m, double sigma_a,
                                    double half_b_m, double sigma_b) {
  return area_m2 / (half_a_m / sigma_a + half_b_m / sigma_b);
}

// Transmissibility between a cell centre and a boundary face held at a fixed
// potential (infinite-dose surface, receptor sink).
inline double boundary_transmissibility(double area_m2, double half_m, double sigma) {
  return area_m2 * sigma / half_m;
}

// ---- Indices: the neighbour of index i along an axis of n cells, wrapping around
// at the ends. Across a closed side the stored transmissibility is 0, so reading
// the wrapped cell there adds nothing.
inline int next_wrapped(int i, int n) {
  return i + 1 < n ? i + 1 : 0;
}
inline int previous_wrapped(int i, int n) {
  return i > 0 ? i - 1 : n - 1;
}

// ---- The 7-point stencil of one cell. Each cell stores the faces to its +x, +y,
// +z neighbour; its other three are its -x, -y, -z neighbours' (0 across closed
// boundaries and below the first plane).

// Six values around a cell: face transmissibilities, or the neighbours' values.
template <typename Real>
struct Around {
  Real east, west, north, south, above, below;
};

// The sum of a cell's six faces, as the operator's static diagonal adds them.
template <typename Real>
inline Real face_sum(const Around<Real>& t) {
  return t.east + t.west + t.north + t.south + t.above + t.below;
}

// A's diagonal in a cell (the operator's static diagonal): its six faces, its
// clearance, then the conductances to a fixed top and to a bottom sink (0 off the
// top and bottom planes; adding 0 keeps every bit), in this order wherever it is
// worked out (op::DiffusionOperator, stencil::StencilView).
inline double static_diagonal(const Around<double>& faces, double clearance, double top,
                              double bottom) {
  return face_sum(faces) + clearance + top + bottom;
}

// shift * capacity + sinks + the six faces, in the multigrid level's order.
template <typename Real>
inline Real level_diagonal(Real shift, Real capacity, Real sinks, const Around<Real>& t) {
  return shift * capacity + sinks + t.east + t.west + t.north + t.south + t.above + t.below;
}

// (S u)_c of the matrix-free operator: diagonal * u minus each face times the
// neighbour's value. `has_below`: the plane below exists.
inline double apply_cell(double diagonal, double u, const Around<double>& t,
                         const Around<double>& v, bool has_below) {
  double out = diagonal * u;
  out -= t.east * v.east + t.west * v.west;
  out -= t.north * v.north + t.south * v.south;
  out -= t.above * v.above;
  if (has_below) out -= t.below * v.below;
  return out;
}

// r_c = b_c - (S x)_c on a multigrid level, S = shift * capacity + sinks + faces;
// the face above (below) counts only if kHasAbove (kHasBelow).
template <bool kHasBelow, bool kHasAbove, typename Real>
inline Real level_residual(Real shift, Real capacity, Real sinks, Real b, Real x,
                           const Around<Real>& t, const Around<Real>& v) {
  Real diagonal = shift * capacity + sinks + t.east + t.west + t.north + t.south;
  Real applied = -t.east * v.east - t.west * v.west - t.north * v.north - t.south * v.south;
  if constexpr (kHasAbove) {
    diagonal += t.above;
    applied -= t.above * v.above;
  }
  if constexpr (kHasBelow) {
    diagonal += t.below;
    applied -= t.below * v.below;
  }
  return b - (applied + diagonal * x);
}

// ---- z-line relaxation: one column's tridiagonal system, pivots
// m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1} (Thomas algorithm, no pivoting: the
// matrix is diagonally dominant). a is the cell's diagonal.
inline double line_pivot(double diagonal, double tz_below, double previous_pivot, bool has_below) {
  return has_below ? diagonal - tz_below * tz_below / previous_pivot : diagonal;
}

// Forward elimination with the lateral neighbours' current values on the right-
// hand side: g_k = (b_k + lateral + tz_{k-1} g_{k-1}) / m_k (above is not read).
template <bool kHasBelow, typename Real>
inline Real relax_forward(Real b, const Around<Real>& t, const Around<Real>& v,
                          Real inverse_pivot) {
  Real rhs = b + t.east * v.east + t.west * v.west + t.north * v.north + t.south * v.south;
  if constexpr (kHasBelow) rhs += t.below * v.below;
  return rhs * inverse_pivot;
}

// Back substitution: x_k = g_k + tz_k / m_k x_{k+1}.
template <typename Real>
inline Real relax_back(Real g, Real tz_above, Real inverse_pivot, Real x_above) {
  return g + tz_above * inverse_pivot * x_above;
}

}  // namespace dermaflux::stencil
