#include "linear/DistributedMultigrid.hpp"

#include <algorithm>

#include "linear/LevelHalo.hpp"
#include "linear/ZLineJoin.hpp"

namespace dermaflux::linear {
namespace {

// The hierarchy in single precision, as the one-process default (Multigrid.hpp).
using Real = float;

// Where the blocks after the first begin along a lateral axis.
std::vector<int> block_starts(const parallel::Block& block, int axis) {
  std::vector<int> starts;
  const auto a = static_cast<std::size_t>(axis);
  for (int p = 1; p < block.parts[a]; ++p) {
    const int rank = axis == 0 ? p : p * block.parts[0];
    starts.push_back(parallel::block_of_rank(block.whole, block.parts, rank).cells[a].begin);
  }
  return starts;
}

// The block's plane of a level, coloured by its place in the whole level.
PlaneLayout block_layout(const SplitAxis& x, const SplitAxis& y, bool periodic) {
  return PlaneLayout(x.end - x.begin, y.end - y.begin, periodic,
                     {x.begin, y.begin, x.whole_count(), y.whole_count()});
}

}  // namespace

class DistributedMultigrid::Hierarchy {
 public:
  Hierarchy(const stencil::StencilView& view, const parallel::FaceLayers& cut_faces,
            const BlockPlace& place, parallel::FaceExchange& exchange,
            const CoarseTransport& coarse, int sweeps)
      : exchange_(exchange),
        sweeps_(sweeps),
        z_(place.block.cells[2]),
        z_position_(place.block.position[2]),
        z_parts_(place.block.parts[2]),
        whole_nz_(place.block.whole[2]) {
    const parallel::Block& block = place.block;
    SplitAxis x{place.whole_dx_m, block_starts(block, 0), block.cells[0].begin, block.cells[0].end};
    SplitAxis y{place.whole_dy_m, block_starts(block, 1), block.cells[1].begin, block.cells[1].end};
    const PlaneLayout fine_layout = block_layout(x, y, view.periodic);
    levels_.push_back(std::make_unique<StencilLevel<Real>>(fine_level<Real>(view, &fine_layout)));
    typename LevelHalo<Real>::Faces fine_t;
    for (std::size_t f = 0; f < fine_t.size(); ++f)
      fine_t[f].assign(cut_faces[f].begin(), cut_faces[f].end());
    halos_.push_back(std::make_unique<LevelHalo<Real>>(*levels_[0], std::move(fine_t)));
    axes_.push_back({x, y});
    while (coarsen_once(view.periodic)) {
    }
    const std::size_t split = levels_.size() - 1;  // the level gathered
    gather(split, coarse);
    for (std::size_t l = 0; l < split; ++l) {
      halos_[l]->add_to_diagonal(*levels_[l]);
      smoothers_.push_back(std::make_unique<LineSmoother<Real>>(*levels_[l]));
      if (z_parts_ > 1)
        joins_.push_back(std::make_unique<ZLineJoin<Real>>(*levels_[l], halos_[l]->t(4),
                                                           halos_[l]->t(5), z_position_, z_parts_));
      transfers_.push_back(std::make_unique<LateralTransfer<Real>>(*levels_[l], *levels_[l + 1]));
    }
    for (const auto& level : levels_) {
      rhs_.emplace_back(level->size(), Real(0));
      solution_.emplace_back(level->size(), Real(0));
      rhs_halo_.emplace_back(level->size(), Real(0));
    }
    const StencilLevel<Real>& fine = *levels_[0];
    for (int j = 0; j < fine.ny; ++j)
      for (int i = 0; i < fine.nx; ++i) slot_of_column_.push_back(fine.layout.index(i, j));
  }

  void set_shift(double shift) {
    for (auto& smoother : smoothers_) smoother->set_shift(shift);
    for (std::size_t l = 0; l < joins_.size(); ++l) joins_[l]->set_spikes(*smoothers_[l]);
    gathered_->set_shift(shift);
  }
  int split_levels() const { return static_cast<int>(smoothers_.size()); }
  int levels() const { return split_levels() + gathered_->levels(); }

  void apply(const double* r, double* z) const {
    const StencilLevel<Real>& fine = *levels_[0];
    const std::size_t plane = fine.columns();
    Real* b = rhs_[0].data();
    Real* x = solution_[0].data();
    // Into the level's layout and Real, and back: each plane is permuted.
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n)
        b[o + slot_of_column_[n]] = static_cast<Real>(r[o + n]);
    }
    std::fill(solution_[0].begin(), solution_[0].end(), Real(0));
    cycle(0);
    for (int k = 0; k < fine.nz; ++k) {
      const std::size_t o = plane * static_cast<std::size_t>(k);
      for (std::size_t n = 0; n < plane; ++n)
        z[o + n] = static_cast<double>(x[o + slot_of_column_[n]]);
    }
  }

 private:
  // Adds the next level if the last one is to stay split (see the header).
  bool coarsen_once(bool periodic) {
    const auto& [x, y] = axes_.back();
    const StencilLevel<Real>& level = *levels_.back();
    const std::size_t columns =
        static_cast<std::size_t>(x.whole_count()) * static_cast<std::size_t>(y.whole_count());
    if (columns == 1) return false;
    if (levels_.size() > 1 && columns * static_cast<std::size_t>(whole_nz_) <= kGatherCells)
      return false;
    const LateralCoarsening whole =
        choose_coarsening(x.whole_widths, y.whole_widths, x.cuts, y.cuts);
    if (whole.x.coarse_count() == x.whole_widths.size() &&
        whole.y.coarse_count() == y.whole_widths.size())
      return false;  // every block a single column
    SplitAxis cx = x.coarsened(whole.x), cy = y.coarsened(whole.y);
    const LateralCoarsening part{x.block_part(whole.x, cx), y.block_part(whole.y, cy)};
    const PlaneLayout layout = block_layout(cx, cy, periodic);
    const std::array<double, 4> scale{
        x.face_scale(whole.x, cx, false), x.face_scale(whole.x, cx, true),
        y.face_scale(whole.y, cy, false), y.face_scale(whole.y, cy, true)};
    const LevelHalo<Real>& fine_halo = *halos_.back();
    levels_.push_back(std::make_unique<StencilLevel<Real>>(coarsen(level, part, &layout)));
    halos_.push_back(std::make_unique<LevelHalo<Real>>(
        *levels_.back(), LevelHalo<Real>::coarse_faces(fine_halo, *levels_.back(), scale)));
    axes_.push_back({std::move(cx), std::move(cy)});
    return true;
  }

  // Level l's piece of the whole (each block's cells and, on its upper cut faces,
  // the faces' t where one process keeps them: tx, ty, tz), put together on the
  // coarse ranks (CoarseAgglomeration.hpp), its chain there.
  void gather(std::size_t l, const CoarseTransport& coarse) {
    const auto& [x, y] = axes_[l];
    const StencilLevel<Real>& piece = *levels_[l];
    const LevelHalo<Real>& halo = *halos_[l];
    StencilLevel<Real> whole;
    whole.nx = x.whole_count();
    whole.ny = y.whole_count();
    whole.nz = whole_nz_;
    whole.periodic = piece.periodic;
    whole.dx = x.whole_widths;
    whole.dy = y.whole_widths;
    whole.layout = PlaneLayout(whole.nx, whole.ny, whole.periodic);
    CoarsePiece mine;
    mine.whole_index.resize(piece.size());
    for (auto& part : mine.coefficients) part.resize(piece.size());
    auto& [capacity, sinks, tx, ty, tz] = mine.coefficients;
    for (int k = 0; k < piece.nz; ++k)
      for (int j = 0; j < piece.ny; ++j)
        for (int i = 0; i < piece.nx; ++i) {
          const std::size_t at = piece.index(i, j, k);
          mine.whole_index[at] = whole.index(x.begin + i, y.begin + j, z_.begin + k);
          const auto ju = static_cast<std::size_t>(j), iu = static_cast<std::size_t>(i);
          const auto ku = static_cast<std::size_t>(k);
          const bool east_cut = i + 1 == piece.nx && !halo.t(1).empty();
          const bool north_cut = j + 1 == piece.ny && !halo.t(3).empty();
          const bool top_cut = k + 1 == piece.nz && !halo.t(5).empty();
          capacity[at] = piece.capacity[at];
          sinks[at] = piece.sinks[at];
          tx[at] =
              east_cut ? halo.t(1)[ju + static_cast<std::size_t>(piece.ny) * ku] : piece.tx[at];
          ty[at] =
              north_cut ? halo.t(3)[iu + static_cast<std::size_t>(piece.nx) * ku] : piece.ty[at];
          tz[at] = top_cut ? halo.t(5)[iu + static_cast<std::size_t>(piece.nx) * ju] : piece.tz[at];
        }
    gathered_ =
        std::make_unique<CoarseAgglomeration>(std::move(whole), std::move(mine), coarse, sweeps_);
  }

  // `sweeps_` sweeps over the colours of level l, forward or backward, the halo
  // refreshed before each colour (not before the first of a cycle: x is zero),
  // the lines joined across z cuts after it.
  void sweep(std::size_t l, bool forward, bool from_zero) const {
    const LineSmoother<Real>& smoother = *smoothers_[l];
    const Real* b = rhs_[l].data();
    Real* b_halo = rhs_halo_[l].data();
    Real* x = solution_[l].data();
    const int colours = smoother.colours();
    for (int s = 0; s < sweeps_; ++s)
      for (int n = 0; n < colours; ++n) {
        const int colour = forward ? n : colours - 1 - n;
        if (!from_zero || s > 0 || n > 0) halos_[l]->refresh(b, x, b_halo, exchange_, false);
        smoother.relax_one_colour(colour, b_halo, x);
        if (!joins_.empty()) joins_[l]->join(colour, x, exchange_);
      }
  }

  // One V-cycle on level l (rhs_[l], solution_[l] from zero), as LevelChain's.
  void cycle(std::size_t l) const {
    if (l == smoothers_.size()) {  // the coarse ranks' one-process V-cycle
      gathered_->solve(rhs_[l].data(), solution_[l].data());
      return;
    }
    std::copy(rhs_[l].begin(), rhs_[l].end(), rhs_halo_[l].begin());
    sweep(l, true, true);
    Real* x = solution_[l].data();
    halos_[l]->refresh(rhs_[l].data(), x, rhs_halo_[l].data(), exchange_);
    smoothers_[l]->restrict_residual(rhs_halo_[l].data(), x, *transfers_[l], rhs_[l + 1].data());
    std::fill(solution_[l + 1].begin(), solution_[l + 1].end(), Real(0));
    cycle(l + 1);
    transfers_[l]->add_prolonged(solution_[l + 1].data(), x);
    sweep(l, false, false);
  }

  parallel::FaceExchange& exchange_;
  int sweeps_;
  parallel::CellRange z_;  // the block's planes, the same on every level
  int z_position_, z_parts_, whole_nz_;
  // Per level from the finest to the gathered one: the block's piece, its halo and
  // axes; smoothers and transfers of the split levels.
  std::vector<std::unique_ptr<StencilLevel<Real>>> levels_;
  std::vector<std::unique_ptr<LevelHalo<Real>>> halos_;
  std::vector<std::array<SplitAxis, 2>> axes_;
  std::vector<std::unique_ptr<LineSmoother<Real>>> smoothers_;
  std::vector<std::unique_ptr<ZLineJoin<Real>>> joins_;  // split levels, where z is cut
  std::vector<std::unique_ptr<LateralTransfer<Real>>> transfers_;
  mutable std::vector<core::StaggeredVector<Real>> rhs_, solution_, rhs_halo_;
  std::vector<std::size_t> slot_of_column_;  // finest plane: where column i + nx j is stored
  std::unique_ptr<CoarseAgglomeration> gathered_;
};

DistributedMultigrid::DistributedMultigrid(const StencilOperator& block,
                                           const parallel::FaceLayers& cut_faces,
                                           const BlockPlace& place,
                                           parallel::FaceExchange& exchange,
                                           const CoarseTransport& coarse, int sweeps)
    : block_(block),
      hierarchy_(std::make_unique<Hierarchy>(block.stencil(), cut_faces, place, exchange, coarse,
                                             sweeps)) {
  update();
}

DistributedMultigrid::~DistributedMultigrid() = default;

void DistributedMultigrid::update() {
  const double shift = block_.stencil().shift;
  if (factored_shift_ == shift) return;
  hierarchy_->set_shift(shift);
  factored_shift_ = shift;
}

int DistributedMultigrid::split_levels() const {
  return hierarchy_->split_levels();
}

int DistributedMultigrid::levels() const {
  return hierarchy_->levels();
}

void DistributedMultigrid::apply_impl(const Vector& r, Vector& z) const {
  hierarchy_->apply(r.data(), z.data());
}

}  // namespace dermaflux::linear
