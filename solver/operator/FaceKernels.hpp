#pragma once
// Per-face and per-cell formulas of the finite-volume discretisation, as pure
// inline functions so they can be tested by hand and used by the matrix-free
// operator and the assembled reference alike (the AMReX *_K.H habit).

namespace dermaflux::op {

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

}  // namespace dermaflux::op
