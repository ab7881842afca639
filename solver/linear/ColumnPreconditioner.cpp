#include "linear/ColumnPreconditioner.hpp"

#include "core/Parallel.hpp"

namespace dermaflux::linear {

ColumnPreconditioner::ColumnPreconditioner(const op::DiffusionOperator& system)
    : system_(system), inverse_pivot_(system.size(), 0.0) {
  update();
}

void ColumnPreconditioner::update() {
  const auto& g = system_.grid();
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  const std::size_t plane = static_cast<std::size_t>(nx) * ny;
  const double shift = system_.shift();
  const double* cap = system_.capacity().data();
  const double* diag = system_.static_diagonal().data();
  const double* tz = system_.tz().data();
  double* inv = inverse_pivot_.data();

  // Pivots m_0 = a_0, m_k = a_k - tz_{k-1}^2 / m_{k-1}; columns run along k.
#pragma omp parallel for schedule(static) if (system_.size() >= core::kParallelThreshold)
  for (int j = 0; j < ny; ++j) {
    const std::size_t row = static_cast<std::size_t>(nx) * j;
    for (int i = 0; i < nx; ++i) {
      const std::size_t c = row + i;
      inv[c] = 1.0 / (shift * cap[c] + diag[c]);
    }
    for (int k = 1; k < nz; ++k) {
      const std::size_t base = row + plane * k;
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = base + i;
        const double t = tz[c - plane];
        inv[c] = 1.0 / (shift * cap[c] + diag[c] - t * t * inv[c - plane]);
      }
    }
  }
}

void ColumnPreconditioner::apply_impl(const Vector& r, Vector& z) const {
  const auto& g = system_.grid();
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  const std::size_t plane = static_cast<std::size_t>(nx) * ny;
  const double* tz = system_.tz().data();
  const double* inv = inverse_pivot_.data();
  const double* in = r.data();
  double* out = z.data();

#pragma omp parallel for schedule(static) if (system_.size() >= core::kParallelThreshold)
  for (int j = 0; j < ny; ++j) {
    const std::size_t row = static_cast<std::size_t>(nx) * j;
    // Forward: g_k = (r_k + tz_{k-1} g_{k-1}) / m_k
    for (int i = 0; i < nx; ++i) out[row + i] = in[row + i] * inv[row + i];
    for (int k = 1; k < nz; ++k) {
      const std::size_t base = row + plane * k;
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = base + i;
        out[c] = (in[c] + tz[c - plane] * out[c - plane]) * inv[c];
      }
    }
    // Backward: z_k = g_k + (tz_k / m_k) z_{k+1}
    for (int k = nz - 2; k >= 0; --k) {
      const std::size_t base = row + plane * k;
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = base + i;
        out[c] += tz[c] * inv[c] * out[c + plane];
      }
    }
  }
}

}  // namespace dermaflux::linear
