// Checkpoints: a bit-exact round trip, and damaged files refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "core/Error.hpp"
#include "io/BinaryArchive.hpp"
#include "run/Checkpoint.hpp"

namespace dermaflux {
namespace {

run::RunCheckpoint sample() {
  run::RunCheckpoint c;
  c.case_fingerprint = run::fingerprint("name: x\n");
  c.next_output = 7;
  c.wall_s = 12.5;
  analysis::InventoryRow row;
  row.time_h = 1.0 / 3.0;
  row.vehicle_ug_cm2 = 299.1;
  row.layer_ug_cm2 = {0.1, 0.2, 0.30000000000000004};
  row.mass_balance_rel = 1e-13;
  c.rows = {row, row};
  c.rows[1].film = analysis::FilmColumns{300.0, 12.5, 40.0, 9.75};
  auto& s = c.integrator;
  s.time_s = 1234.5;
  s.next_step_s = 66.0;
  s.times[0] = 1234.5;
  s.times[1] = 1200.0;
  s.times[2] = 1100.0;
  s.u = linear::Vector::Random(50);
  for (auto& m : s.amounts) m = linear::Vector::Random(50);
  s.cumulative[0] = {1e-9, 2e-10, 0.0};
  s.stats.steps = 41;
  s.stats.linear_iterations = 333;
  s.steps_since_restart = 5;
  s.film = {3600.0, 20e-6, 10e-6, 3e-3, 1e-4, 2};
  s.film_potential = 29.5;
  s.top_response = linear::Vector::Random(50);
  s.order = 3;
  s.steps_at_order = 9;
  s.oldest_time = 1000.0;
  s.oldest_amounts = linear::Vector::Random(50);
  s.oldest_cumulative = {3e-9, 4e-10, 5e-11};
  s.stats.steps_at_order[3] = 30;
  return c;
}

TEST(Checkpoint, RoundTripIsBitExact) {
  const auto original = sample();
  const auto back = run::deserialize(run::serialize(original), "test");
  EXPECT_EQ(back.case_fingerprint, original.case_fingerprint);
  EXPECT_EQ(back.next_output, 7u);
  ASSERT_EQ(back.rows.size(), 2u);
  EXPECT_EQ(back.rows[1].layer_ug_cm2, original.rows[1].layer_ug_cm2);
  EXPECT_EQ(back.rows[0].time_h, original.rows[0].time_h);
  EXPECT_TRUE((back.integrator.u.array() == original.integrator.u.array()).all());
  EXPECT_TRUE((back.integrator.amounts[2].array() == original.integrator.amounts[2].array()).all());
  EXPECT_EQ(back.integrator.times[2], 1100.0);
  EXPECT_EQ(back.integrator.cumulative[0].cleared_kg, 2e-10);
  EXPECT_EQ(back.integrator.stats.linear_iterations, 333);
  EXPECT_FALSE(back.rows[0].film.has_value());
  ASSERT_TRUE(back.rows[1].film.has_value());
  EXPECT_EQ(back.rows[1].film->film_um, 9.75);
  EXPECT_EQ(back.integrator.steps_since_restart, 5);
  EXPECT_EQ(back.integrator.film.volatile_m, 10e-6);
  EXPECT_EQ(back.integrator.film.events_done, 2);
  EXPECT_EQ(back.integrator.film_potential, 29.5);
  EXPECT_TRUE(
      (back.integrator.top_response.array() == original.integrator.top_response.array()).all());
  EXPECT_EQ(back.integrator.order, 3);
  EXPECT_EQ(back.integrator.steps_at_order, 9);
  EXPECT_EQ(back.integrator.oldest_time, 1000.0);
  EXPECT_TRUE(
      (back.integrator.oldest_amounts.array() == original.integrator.oldest_amounts.array()).all());
  EXPECT_EQ(back.integrator.oldest_cumulative.entered_kg, 5e-11);
  EXPECT_EQ(back.integrator.stats.steps_at_order[3], 30);
}

// A version-2 checkpoint (before variable order's state was in it) is still
// read: its run resumes from BDF2 with no fourth level, as it did then.
TEST(Checkpoint, AVersionTwoCheckpointIsStillRead) {
  const auto original = sample();
  std::string bytes = run::serialize(original);
  // Version 2 is version 3 without the variable-order tail: order, steps at it,
  // oldest time, oldest amounts (count and values), oldest cumulative, steps by order.
  const std::size_t tail = 4 + 8 + 8 + (8 + 50 * 8) + 3 * 8 + 4 * 8;
  std::string older = bytes.substr(0, bytes.size() - 8 - tail);
  const std::uint32_t version = 2;
  std::memcpy(older.data() + 8, &version, sizeof version);  // after the magic
  const std::uint64_t sum = io::fnv1a64(older);
  older.append(reinterpret_cast<const char*>(&sum), sizeof sum);

  const auto back = run::deserialize(older, "old");
  EXPECT_EQ(back.integrator.order, 2);
  EXPECT_EQ(back.integrator.oldest_amounts.size(), 0);
  EXPECT_EQ(back.integrator.steps_since_restart, 5);
  EXPECT_TRUE(
      (back.integrator.top_response.array() == original.integrator.top_response.array()).all());

  const std::uint32_t future = 4;
  std::memcpy(older.data() + 8, &future, sizeof future);
  older.resize(older.size() - 8);
  const std::uint64_t resum = io::fnv1a64(older);
  older.append(reinterpret_cast<const char*>(&resum), sizeof resum);
  EXPECT_THROW(run::deserialize(older, "newer"), IoError);
}

TEST(Checkpoint, AFlippedBitIsRefused) {
  std::string bytes = run::serialize(sample());
  bytes[bytes.size() / 2] ^= 0x10;
  EXPECT_THROW(run::deserialize(bytes, "test"), IoError);
}

TEST(Checkpoint, ATruncatedFileIsRefused) {
  std::string bytes = run::serialize(sample());
  bytes.resize(bytes.size() - 100);
  try {
    run::deserialize(bytes, "out/checkpoint.bin");
    FAIL() << "no error";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("out/checkpoint.bin"), std::string::npos);
  }
}

// A checkpoint is streamed to its file: fields larger than a chunk go out in
// pieces no larger than one, never as one field-sized copy, and the pieces make
// an archive whose checksum (over all of it) holds.
TEST(Checkpoint, StreamsLargeFieldsInChunksOfTheSameBytes) {
  auto large = sample();
  constexpr Eigen::Index kCells = 300000;  // 2.4 MB a field: three chunks each
  large.integrator.u = linear::Vector::Random(kCells);
  for (auto& m : large.integrator.amounts) m = linear::Vector::Random(kCells);
  std::string streamed;
  std::size_t largest_piece = 0;
  run::serialize(large, large.integrator, [&](std::string_view piece) {
    largest_piece = std::max(largest_piece, piece.size());
    streamed.append(piece);
  });
  EXPECT_LE(largest_piece, std::size_t{1} << 20);
  const auto back = run::deserialize(streamed, "test");
  EXPECT_TRUE((back.integrator.u.array() == large.integrator.u.array()).all());
  EXPECT_TRUE((back.integrator.amounts[1].array() == large.integrator.amounts[1].array()).all());
}

TEST(Checkpoint, FingerprintsDifferForDifferentCases) {
  EXPECT_NE(run::fingerprint("name: a\n"), run::fingerprint("name: b\n"));
  EXPECT_EQ(run::fingerprint("name: a\n"), run::fingerprint("name: a\n"));
}

}  // namespace
}  // namespace dermaflux
