#pragma once
// What MPI carries between the ranks of a split case, between threads of one test
// process (one thread per rank): face layers (parallel::FaceExchange), rank-ordered
// sums (core::GlobalSum), each a rendezvous of all the ranks, and pieces sent from
// one rank to another (parallel::PieceTransfer), in sending order.

#include <barrier>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "core/GlobalSum.hpp"
#include "parallel/FaceExchange.hpp"
#include "parallel/PieceTransfer.hpp"

namespace dermaflux::testing {

class ThreadRanks {
 public:
  explicit ThreadRanks(int ranks)
      : sync_(ranks),
        layers_(static_cast<std::size_t>(ranks)),
        sums_(static_cast<std::size_t>(ranks)) {}

  int size() const { return static_cast<int>(sums_.size()); }

  class Exchange final : public parallel::FaceExchange {
   public:
    Exchange(ThreadRanks& all, const parallel::Block& block) : all_(all), block_(block) {}
    void exchange(const parallel::FaceLayers& outgoing, parallel::FaceLayers& incoming) override {
      for (int face = 0; face < 6; ++face) {
        const auto f = static_cast<std::size_t>(face);
        if (outgoing[f].empty()) continue;
        const auto to = static_cast<std::size_t>(parallel::neighbour_rank(block_, face));
        all_.layers_[to][static_cast<std::size_t>(face % 2 == 0 ? face + 1 : face - 1)] =
            outgoing[f];
      }
      all_.sync_.arrive_and_wait();
      for (std::size_t f = 0; f < 6; ++f)
        if (!outgoing[f].empty())
          incoming[f] = all_.layers_[static_cast<std::size_t>(block_.rank)][f];
      all_.sync_.arrive_and_wait();
    }

   private:
    ThreadRanks& all_;
    parallel::Block block_;
  };

  class Transfer final : public parallel::PieceTransfer {
   public:
    Transfer(ThreadRanks& all, int rank) : all_(all), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return all_.size(); }
    void send(int to, std::span<const std::byte> bytes) override {
      {
        const std::lock_guard<std::mutex> lock(all_.mail_mutex_);
        all_.mail_[{rank_, to}].emplace_back(bytes.begin(), bytes.end());
      }
      all_.mail_arrived_.notify_all();
      count_sent(bytes.size());
    }
    void receive(int from, std::vector<std::byte>& bytes) override {
      std::unique_lock<std::mutex> lock(all_.mail_mutex_);
      auto& queue = all_.mail_[{from, rank_}];
      all_.mail_arrived_.wait(lock, [&] { return !queue.empty(); });
      bytes = std::move(queue.front());
      queue.pop_front();
    }

   private:
    ThreadRanks& all_;
    int rank_;
  };

  core::GlobalSum sum(int rank) {
    return [this, rank](std::span<double> values) {
      sums_[static_cast<std::size_t>(rank)].assign(values.begin(), values.end());
      sync_.arrive_and_wait();
      for (std::size_t v = 0; v < values.size(); ++v) {
        double total = 0.0;
        for (const auto& mine : sums_) total += mine[v];
        values[v] = total;
      }
      sync_.arrive_and_wait();
    };
  }

 private:
  std::barrier<> sync_;
  std::vector<parallel::FaceLayers> layers_;  // per receiving rank
  std::vector<std::vector<double>> sums_;
  std::mutex mail_mutex_;
  std::condition_variable mail_arrived_;
  std::map<std::pair<int, int>, std::deque<std::vector<std::byte>>> mail_;  // (from, to)
};

}  // namespace dermaflux::testing
