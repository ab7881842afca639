#pragma once
// Vector kernels for the Krylov solvers: OpenMP-parallel, with dot products that
// are bitwise identical for any thread count (core/Parallel.hpp).

#include "core/Parallel.hpp"
#include "linear/LinearOperator.hpp"

namespace dermaflux::linear {

inline double dot(const Vector& a, const Vector& b) {
  const double* pa = a.data();
  const double* pb = b.data();
  return core::deterministic_sum(static_cast<std::size_t>(a.size()),
                                 [=](std::size_t n) { return pa[n] * pb[n]; });
}

inline double norm(const Vector& a) {
  return std::sqrt(dot(a, a));
}

// y += alpha x
inline void axpy(double alpha, const Vector& x, Vector& y) {
  const Eigen::Index n = x.size();
  const double* px = x.data();
  double* py = y.data();
#pragma omp parallel for schedule(static) if (static_cast <std::size_t>(n) >= \
                                              core::kParallelThreshold)
  for (Eigen::Index i = 0; i < n; ++i) py[i] += alpha * px[i];
}

// y = x + beta y
inline void xpby(const Vector& x, double beta, Vector& y) {
  const Eigen::Index n = x.size();
  const double* px = x.data();
  double* py = y.data();
#pragma omp parallel for schedule(static) if (static_cast <std::size_t>(n) >= \
                                              core::kParallelThreshold)
  for (Eigen::Index i = 0; i < n; ++i) py[i] = px[i] + beta * py[i];
}

// y = x
inline void copy(const Vector& x, Vector& y) {
  const Eigen::Index n = x.size();
  if (y.size() != n) y.resize(n);
  const double* px = x.data();
  double* py = y.data();
#pragma omp parallel for schedule(static) if (static_cast <std::size_t>(n) >= \
                                              core::kParallelThreshold)
  for (Eigen::Index i = 0; i < n; ++i) py[i] = px[i];
}

}  // namespace dermaflux::linear
