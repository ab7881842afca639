#include "linear/CoarseAgglomeration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/Error.hpp"

namespace dermaflux::linear {
namespace {

// A value put in its place as the sum of pieces does: plus the others' zeros,
// which turns -0 into +0 and leaves every other value as it is.
inline float as_summed(float value) {
  return value + 0.0f;
}

// Every coarse rank's `mine`, in the coarse ranks' order, on every coarse rank:
// each sends its own to the others, then takes theirs as they come in order.
template <typename T>
void pass_between(parallel::PieceTransfer& transfer, const std::vector<int>& coarse_ranks,
                  const std::vector<T>& mine, std::vector<T>& all, std::vector<T>& received) {
  const int me = transfer.rank();
  for (int q : coarse_ranks)
    if (q != me) transfer.send_values(q, std::span<const T>(mine));
  all.clear();
  for (int q : coarse_ranks) {
    if (q == me) {
      all.insert(all.end(), mine.begin(), mine.end());
      continue;
    }
    transfer.receive_values(q, received);
    all.insert(all.end(), received.begin(), received.end());
  }
}

}  // namespace

int coarse_ranks_for(int ranks) {
  const char* chosen = std::getenv("DERMAFLUX_COARSE_RANKS");
  if (chosen == nullptr || *chosen == '\0')
    return std::max(1, static_cast<int>(std::lround(std::sqrt(static_cast<double>(ranks)))));
  const std::string text(chosen);
  if (text == "all") return ranks;
  char* end = nullptr;
  const long count = std::strtol(chosen, &end, 10);
  if (*end != '\0' || count < 1)
    throw UsageError("DERMAFLUX_COARSE_RANKS=" + text +
                     ": expected how many ranks cycle the coarse level (1 or more) or `all`");
  return static_cast<int>(std::min<long>(count, ranks));
}

// A coarse rank's group (itself first) and the coarse ranks' pieces put together.
struct CoarseAgglomeration::Group {
  std::vector<int> coarse_ranks;                // every coarse rank, in order
  std::vector<int> members;                     // the group's other ranks, in order
  std::vector<std::size_t> first, count;        // per member: its cells in `index`
  std::vector<std::uint64_t> index, all_index;  // the group's cells, every group's
  mutable std::vector<float> values, all_values, received;
};

CoarseAgglomeration::CoarseAgglomeration(StencilLevel<float> shape, CoarsePiece piece,
                                         const CoarseTransport& transport, int sweeps)
    : pieces_(transport.pieces), transfer_(transport.transfer) {
  const int ranks = transfer_ != nullptr ? transfer_->size() : 1;
  const int coarse = transport.coarse_ranks > 0 ? std::min(transport.coarse_ranks, ranks)
                                                : coarse_ranks_for(ranks);
  // Every rank must take the same path, or each would wait for another's messages.
  if (transfer_ != nullptr && core::sum_over_ranks(pieces_, static_cast<double>(coarse)) !=
                                  static_cast<double>(coarse) * ranks)
    throw UsageError(
        "DERMAFLUX_COARSE_RANKS differs between the ranks: set it on every rank "
        "(mpirun -x DERMAFLUX_COARSE_RANKS) or on none");
  if (coarse >= ranks) transfer_ = nullptr;
  bool whole_here = true;
  if (transfer_ == nullptr)
    sum_pieces(shape, piece);
  else
    whole_here = gather_to_coarse_ranks(shape, piece, coarse);
  if (whole_here) {
    chain_ = std::make_unique<LevelChain<float>>(std::move(shape), sweeps);
    levels_ = chain_->levels();
  }
  if (group_ != nullptr) {
    const std::vector<int> levels{levels_};
    for (int member : group_->members) transfer_->send_values(member, std::span<const int>(levels));
  } else if (!whole_here) {
    std::vector<int> levels;
    transfer_->receive_values(coarse_rank_, levels);
    levels_ = levels.at(0);
  }
  whole_index_ = std::move(piece.whole_index);
}

CoarseAgglomeration::~CoarseAgglomeration() = default;

void CoarseAgglomeration::set_shift(double shift) {
  if (chain_ != nullptr) chain_->set_shift(shift);
}

void CoarseAgglomeration::sum_pieces(StencilLevel<float>& whole, const CoarsePiece& piece) {
  const std::size_t n = whole.size();
  std::vector<double> all(5 * n, 0.0);
  for (std::size_t part = 0; part < 5; ++part)
    for (std::size_t c = 0; c < piece.whole_index.size(); ++c)
      all[part * n + piece.whole_index[c]] = piece.coefficients[part][c];
  core::sum_over_ranks(pieces_, all);  // pieces that do not overlap: exact
  auto take = [&](core::StaggeredVector<float>& array, std::size_t part) {
    array.assign(n, 0.0f);
    for (std::size_t c = 0; c < n; ++c) array[c] = static_cast<float>(all[part * n + c]);
  };
  take(whole.capacity, 0);
  take(whole.sinks, 1);
  take(whole.tx, 2);
  take(whole.ty, 3);
  take(whole.tz, 4);
  every_rank_rhs_.resize(n);
}

bool CoarseAgglomeration::gather_to_coarse_ranks(StencilLevel<float>& whole,
                                                 const CoarsePiece& piece, int coarse) {
  parallel::PieceTransfer& transfer = *transfer_;
  const int ranks = transfer.size(), me = transfer.rank();
  const int group_size = (ranks + coarse - 1) / coarse;
  coarse_rank_ = me / group_size * group_size;
  if (me != coarse_rank_) {
    transfer.send_values(coarse_rank_, std::span<const std::uint64_t>(piece.whole_index));
    for (const auto& part : piece.coefficients)
      transfer.send_values(coarse_rank_, std::span<const float>(part));
    return false;
  }
  group_ = std::make_unique<Group>();
  Group& group = *group_;
  for (int q = 0; q < ranks; q += group_size) group.coarse_ranks.push_back(q);
  for (int r = me + 1; r < std::min(me + group_size, ranks); ++r) group.members.push_back(r);
  // The group's pieces in rank order, this rank's first.
  group.index = piece.whole_index;
  std::array<std::vector<float>, 5> group_coefficients = piece.coefficients;
  std::vector<std::uint64_t> received_index;
  for (int member : group.members) {
    transfer.receive_values(member, received_index);
    group.first.push_back(group.index.size());
    group.count.push_back(received_index.size());
    group.index.insert(group.index.end(), received_index.begin(), received_index.end());
    for (auto& part : group_coefficients) {
      transfer.receive_values(member, group.received);
      part.insert(part.end(), group.received.begin(), group.received.end());
    }
  }
  pass_between(transfer, group.coarse_ranks, group.index, group.all_index, received_index);
  const std::size_t n = whole.size();
  std::array<core::StaggeredVector<float>*, 5> arrays{&whole.capacity, &whole.sinks, &whole.tx,
                                                      &whole.ty, &whole.tz};
  for (std::size_t part = 0; part < 5; ++part) {
    pass_between(transfer, group.coarse_ranks, group_coefficients[part], group.all_values,
                 group.received);
    arrays[part]->assign(n, 0.0f);
    for (std::size_t p = 0; p < group.all_index.size(); ++p)
      (*arrays[part])[group.all_index[p]] = as_summed(group.all_values[p]);
  }
  return true;
}

void CoarseAgglomeration::solve(const float* b, float* x) const {
  if (transfer_ == nullptr)
    solve_on_every_rank(b, x);
  else
    solve_on_coarse_ranks(b, x);
}

void CoarseAgglomeration::solve_on_every_rank(const float* b, float* x) const {
  std::fill(every_rank_rhs_.begin(), every_rank_rhs_.end(), 0.0);
  for (std::size_t c = 0; c < whole_index_.size(); ++c) every_rank_rhs_[whole_index_[c]] = b[c];
  core::sum_over_ranks(pieces_, every_rank_rhs_);
  float* whole_b = chain_->rhs(0);
  float* whole_x = chain_->solution(0);
  for (std::size_t c = 0; c < every_rank_rhs_.size(); ++c) {
    whole_b[c] = static_cast<float>(every_rank_rhs_[c]);
    whole_x[c] = 0.0f;
  }
  chain_->cycle(0);
  for (std::size_t c = 0; c < whole_index_.size(); ++c) x[c] = whole_x[whole_index_[c]];
}

void CoarseAgglomeration::solve_on_coarse_ranks(const float* b, float* x) const {
  parallel::PieceTransfer& transfer = *transfer_;
  const std::size_t mine = whole_index_.size();
  if (group_ == nullptr) {  // a member: its piece there, its part of the correction back
    transfer.send_values(coarse_rank_, std::span<const float>(b, mine));
    transfer.receive_values(coarse_rank_, piece_x_);
    std::copy(piece_x_.begin(), piece_x_.end(), x);
    return;
  }
  const Group& group = *group_;
  group.values.resize(group.index.size());
  std::copy(b, b + mine, group.values.begin());
  for (std::size_t m = 0; m < group.members.size(); ++m) {
    transfer.receive_values(group.members[m], group.received);
    std::copy(group.received.begin(), group.received.end(),
              group.values.begin() + static_cast<std::ptrdiff_t>(group.first[m]));
  }
  const std::vector<float>* all = &group.values;
  if (group.coarse_ranks.size() > 1) {
    pass_between(transfer, group.coarse_ranks, group.values, group.all_values, group.received);
    all = &group.all_values;
  }
  float* whole_b = chain_->rhs(0);
  float* whole_x = chain_->solution(0);
  for (std::size_t p = 0; p < all->size(); ++p) whole_b[group.all_index[p]] = as_summed((*all)[p]);
  std::fill(whole_x, whole_x + chain_->level(0).size(), 0.0f);
  chain_->cycle(0);
  for (std::size_t m = 0; m < group.members.size(); ++m) {
    group.received.resize(group.count[m]);
    for (std::size_t p = 0; p < group.count[m]; ++p)
      group.received[p] = whole_x[group.index[group.first[m] + p]];
    transfer.send_values(group.members[m], std::span<const float>(group.received));
  }
  for (std::size_t c = 0; c < mine; ++c) x[c] = whole_x[whole_index_[c]];
}

}  // namespace dermaflux::linear
