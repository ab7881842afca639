#pragma once
// Vector kernels for the Krylov solvers: OpenMP-parallel, with dot products that
// are bitwise identical for any thread count (core/Parallel.hpp). The ..._in_team
// forms share their loop among the threads of an enclosing region (core/Team.hpp)
// and end with its barrier; the others open their own region.

#include "core/Parallel.hpp"
#include "core/Team.hpp"
#include "linear/LinearOperator.hpp"

namespace dermaflux::linear {

inline double dot(const Vector& a, const Vector& b) {
  const double* pa = a.data();
  const double* pb = b.data();
  return core::deterministic_sum(static_cast<std::size_t>(a.size()),
                                 [=](std::size_t n) { return pa[n] * pb[n]; });
}

inline double dot_in_team(core::TeamSums& sums, const Vector& a, const Vector& b) {
  const double* pa = a.data();
  const double* pb = b.data();
  return sums.sum(static_cast<std::size_t>(a.size()), [=](std::size_t n) { return pa[n] * pb[n]; });
}

inline double norm(const Vector& a) {
  return std::sqrt(dot(a, a));
}

inline bool worth_threads(const Vector& v) {
  return static_cast<std::size_t>(v.size()) >= core::kParallelThreshold;
}

// y += alpha x
inline void axpy_in_team(double alpha, const Vector& x, Vector& y) {
  const Eigen::Index n = x.size();
  const double* px = x.data();
  double* py = y.data();
#pragma omp for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) py[i] += alpha * px[i];
}

inline void axpy(double alpha, const Vector& x, Vector& y) {
  core::in_region(worth_threads(x), [&] { axpy_in_team(alpha, x, y); });
}

// y = x + beta y
inline void xpby_in_team(const Vector& x, double beta, Vector& y) {
  const Eigen::Index n = x.size();
  const double* px = x.data();
  double* py = y.data();
#pragma omp for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) py[i] = px[i] + beta * py[i];
}

inline void xpby(const Vector& x, double beta, Vector& y) {
  core::in_region(worth_threads(x), [&] { xpby_in_team(x, beta, y); });
}

// y = x (y already of x's size)
inline void copy_in_team(const Vector& x, Vector& y) {
  const Eigen::Index n = x.size();
  const double* px = x.data();
  double* py = y.data();
#pragma omp for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) py[i] = px[i];
}

// y = x
inline void copy(const Vector& x, Vector& y) {
  if (y.size() != x.size()) y.resize(x.size());
  core::in_region(worth_threads(x), [&] { copy_in_team(x, y); });
}

}  // namespace dermaflux::linear
