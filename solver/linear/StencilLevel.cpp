#include "linear/StencilLevel.hpp"

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

}  // namespace

StencilLevel coarsen(const StencilLevel& f) {
  StencilLevel c;
  c.nx = coarse_count(f.nx);
  c.ny = coarse_count(f.ny);
  c.nz = f.nz;
  c.periodic = f.periodic;
  c.dx = merged_widths(f.dx);
  c.dy = merged_widths(f.dy);
  const std::size_t n = c.size();
  c.storage.assign(5 * n, 0.0);
  double* capacity_out = c.storage.data();
  double* diagonal_out = capacity_out + n;
  double* tx_out = diagonal_out + n;
  double* ty_out = tx_out + n;
  double* tz_out = ty_out + n;
  c.capacity = capacity_out;
  c.static_diagonal = diagonal_out;
  c.tx = tx_out;
  c.ty = ty_out;
  c.tz = tz_out;
  const std::size_t fine_plane = f.columns(), coarse_plane = c.columns();

#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
  for (int k = 0; k < c.nz; ++k) {
    const std::size_t fk = fine_plane * static_cast<std::size_t>(k);
    const std::size_t ck = coarse_plane * static_cast<std::size_t>(k);
    for (int J = 0; J < c.ny; ++J) {
      for (int I = 0; I < c.nx; ++I) {
        const std::size_t C = ck + static_cast<std::size_t>(I) + static_cast<std::size_t>(c.nx) * J;
        double capacity = 0.0, tz = 0.0, sinks = 0.0, tx = 0.0, ty = 0.0;
        for (int j = first_child(J, f.ny); j <= last_child(J, f.ny); ++j) {
          for (int i = first_child(I, f.nx); i <= last_child(I, f.nx); ++i) {
            const std::size_t F =
                fk + static_cast<std::size_t>(i) + static_cast<std::size_t>(f.nx) * j;
            const std::size_t w = fk + static_cast<std::size_t>(i > 0 ? i - 1 : f.nx - 1) +
                                  static_cast<std::size_t>(f.nx) * j;
            const std::size_t s = fk + static_cast<std::size_t>(i) +
                                  static_cast<std::size_t>(f.nx) * (j > 0 ? j - 1 : f.ny - 1);
            capacity += f.capacity[F];
            tz += f.tz[F];
            // What the diagonal holds beyond the six faces: boundary conductances
            // and clearance, kept as they are.
            const double faces = f.tx[F] + f.tx[w] + f.ty[F] + f.ty[s] + f.tz[F] +
                                 (k > 0 ? f.tz[F - fine_plane] : 0.0);
            sinks += f.static_diagonal[F] - faces;
            if (i == last_child(I, f.nx)) tx += f.tx[F];
            if (j == last_child(J, f.ny)) ty += f.ty[F];
          }
        }
        // Faces internal to the coarse cell vanish; a single coarse cell across a
        // periodic direction has no neighbour but itself.
        capacity_out[C] = capacity;
        tz_out[C] = tz;
        tx_out[C] = c.nx > 1 || f.nx == 1 ? tx * face_scale(f.dx, c.dx, I) : 0.0;
        ty_out[C] = c.ny > 1 || f.ny == 1 ? ty * face_scale(f.dy, c.dy, J) : 0.0;
        diagonal_out[C] = sinks;  // faces added below, once all faces exist
      }
    }
  }

#pragma omp parallel for schedule(static) if (n >= core::kParallelThreshold)
  for (int k = 0; k < c.nz; ++k) {
    const std::size_t ck = coarse_plane * static_cast<std::size_t>(k);
    for (int J = 0; J < c.ny; ++J) {
      for (int I = 0; I < c.nx; ++I) {
        const std::size_t C = ck + static_cast<std::size_t>(I) + static_cast<std::size_t>(c.nx) * J;
        const std::size_t W = ck + static_cast<std::size_t>(I > 0 ? I - 1 : c.nx - 1) +
                              static_cast<std::size_t>(c.nx) * J;
        const std::size_t S = ck + static_cast<std::size_t>(I) +
                              static_cast<std::size_t>(c.nx) * (J > 0 ? J - 1 : c.ny - 1);
        diagonal_out[C] += c.tx[C] + c.tx[W] + c.ty[C] + c.ty[S] + c.tz[C] +
                           (k > 0 ? c.tz[C - coarse_plane] : 0.0);
      }
    }
  }
  return c;
}

}  // namespace dermaflux::linear
