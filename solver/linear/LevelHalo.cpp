#include "linear/LevelHalo.hpp"

namespace dermaflux::linear {
namespace {

int wrapped(int i, int n) {
  return (i % n + n) % n;
}

// The level's cells along x, y, z, as parallel::for_each_face_cell takes them.
template <typename Real>
std::array<int, 3> cells_of(const StencilLevel<Real>& level) {
  return {level.nx, level.ny, level.nz};
}

}  // namespace

SplitAxis SplitAxis::coarsened(const AxisCoarsening& whole) const {
  SplitAxis coarse;
  coarse.whole_widths = whole.widths;
  for (int cut : cuts) coarse.cuts.push_back(whole.parent[static_cast<std::size_t>(cut)]);
  coarse.begin = whole.parent[static_cast<std::size_t>(begin)];
  coarse.end = whole.parent[static_cast<std::size_t>(end - 1)] + 1;
  return coarse;
}

AxisCoarsening SplitAxis::block_part(const AxisCoarsening& whole, const SplitAxis& coarse) const {
  AxisCoarsening part;
  for (int i = begin; i < end; ++i)
    part.parent.push_back(whole.parent[static_cast<std::size_t>(i)] - coarse.begin);
  for (int I = coarse.begin; I < coarse.end; ++I) {
    const auto at = static_cast<std::size_t>(I);
    part.first.push_back(whole.first[at] - begin);
    part.last.push_back(whole.last[at] - begin);
    part.widths.push_back(whole.widths[at]);
  }
  return part;
}

double SplitAxis::face_scale(const AxisCoarsening& whole, const SplitAxis& coarse,
                             bool upper) const {
  // The face between fine cells i and i + 1 (wrapping), coarse cells I and I + 1.
  const int n = whole_count(), nc = coarse.whole_count();
  const int i = upper ? end - 1 : wrapped(begin - 1, n);
  const int I = whole.parent[static_cast<std::size_t>(i)];
  const int e = wrapped(i + 1, n), E = wrapped(I + 1, nc);
  const auto w = [](const std::vector<double>& v, int at) {
    return v[static_cast<std::size_t>(at)];
  };
  return (w(whole_widths, i) + w(whole_widths, e)) /
         (w(coarse.whole_widths, I) + w(coarse.whole_widths, E));
}

template <typename Real>
LevelHalo<Real>::LevelHalo(const StencilLevel<Real>& level, Faces t) : t_(std::move(t)) {
  for (int face = 0; face < static_cast<int>(kFaces); ++face) {
    const auto f = static_cast<std::size_t>(face);
    if (t_[f].empty()) continue;
    const int axis = face / 2;
    const int layer = face % 2 == 0 ? 0 : cells_of(level)[static_cast<std::size_t>(axis)] - 1;
    cells_[f].resize(t_[f].size());
    parallel::for_each_face_cell(cells_of(level), axis, layer,
                                 [&](const std::array<int, 3>& at, std::size_t n) {
                                   cells_[f][n] = level.index(at[0], at[1], at[2]);
                                 });
  }
}

template <typename Real>
typename LevelHalo<Real>::Faces LevelHalo<Real>::coarse_faces(const LevelHalo& fine,
                                                              const StencilLevel<Real>& coarse,
                                                              const std::array<double, 4>& scale) {
  Faces t;
  for (std::size_t f : {std::size_t{4}, std::size_t{5}})
    if (!fine.t_[f].empty()) t[f] = coarse_z_face(fine.t_[f], coarse);
  for (int face = 0; face < 4; ++face) {
    const auto f = static_cast<std::size_t>(face);
    if (fine.t_[f].empty()) continue;
    // Along the face: y for an x face, x for a y face; the fine face's row length.
    const AxisCoarsening& along = face < 2 ? coarse.from_y : coarse.from_x;
    const auto fine_row = static_cast<std::size_t>(along.parent.size());
    const std::size_t coarse_row = along.coarse_count();
    t[f].resize(coarse_row * static_cast<std::size_t>(coarse.nz));
    for (int k = 0; k < coarse.nz; ++k)
      for (std::size_t J = 0; J < coarse_row; ++J) {
        double sum = 0.0;  // in double and in order, as coarsen() sums an inner face
        for (int j = along.first[J]; j <= along.last[J]; ++j)
          sum += fine.t_[f][static_cast<std::size_t>(j) + fine_row * static_cast<std::size_t>(k)];
        t[f][J + coarse_row * static_cast<std::size_t>(k)] = static_cast<Real>(sum * scale[f]);
      }
  }
  return t;
}

template <typename Real>
std::vector<Real> LevelHalo<Real>::coarse_z_face(const std::vector<Real>& fine,
                                                 const StencilLevel<Real>& coarse) {
  // As coarsen() sums the z-transmissibilities of merged columns: in double, in
  // order, unscaled (z is not coarsened).
  const auto fine_row = static_cast<std::size_t>(coarse.from_x.parent.size());
  std::vector<Real> t(coarse.columns());
  for (int J = 0; J < coarse.ny; ++J)
    for (int I = 0; I < coarse.nx; ++I) {
      double sum = 0.0;
      for (int j = coarse.from_y.first[J]; j <= coarse.from_y.last[J]; ++j)
        for (int i = coarse.from_x.first[I]; i <= coarse.from_x.last[I]; ++i)
          sum += fine[static_cast<std::size_t>(i) + fine_row * static_cast<std::size_t>(j)];
      t[static_cast<std::size_t>(I) + static_cast<std::size_t>(coarse.nx) * J] =
          static_cast<Real>(sum);
    }
  return t;
}

template <typename Real>
void LevelHalo<Real>::add_to_diagonal(StencilLevel<Real>& level) const {
  for (std::size_t f = 0; f < kFaces; ++f)
    for (std::size_t n = 0; n < cells_[f].size(); ++n) level.sinks[cells_[f][n]] += t_[f][n];
}

template <typename Real>
void LevelHalo<Real>::refresh(const Real* b, const Real* x, Real* b_halo,
                              parallel::FaceExchange& exchange, bool across_z) const {
  const std::size_t faces = across_z ? kFaces : 4;
  for (std::size_t f = 0; f < kFaces; ++f) {
    outgoing_[f].resize(f < faces ? cells_[f].size() : 0);
    for (std::size_t n = 0; n < outgoing_[f].size(); ++n) outgoing_[f][n] = x[cells_[f][n]];
  }
  exchange.exchange(outgoing_, incoming_);
  // A cell at a corner of two cut faces takes both: reset all, then add.
  for (std::size_t f = 0; f < kFaces; ++f)
    for (std::size_t c : cells_[f]) b_halo[c] = b[c];
  for (std::size_t f = 0; f < faces; ++f)
    for (std::size_t n = 0; n < cells_[f].size(); ++n)
      b_halo[cells_[f][n]] += t_[f][n] * static_cast<Real>(incoming_[f][n]);
}

template <typename Real>
bool LevelHalo<Real>::empty() const {
  for (const auto& cells : cells_)
    if (!cells.empty()) return false;
  return true;
}

template class LevelHalo<float>;
template class LevelHalo<double>;

}  // namespace dermaflux::linear
