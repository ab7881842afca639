// The film compartment's bookkeeping on its own: volumes, breakpoints, events and
// the implicit concentration, against numbers worked out by hand.

#include <gtest/gtest.h>

#include <cmath>

#include "timestep/FilmCompartment.hpp"

namespace dermaflux {
namespace {

// 10 uL/cm^2 (100 um) at 30 kg/m^3, 90 % volatile at 15 uL/cm^2/h, then 5 uL/cm^2 at 12 h.
input::Serum regimen() {
  input::Serum s;
  s.concentration_kg_m3 = 30.0;
  s.dose_m = 100e-6;
  s.applications = {{0.0, 100e-6, 30.0}, {12.0 * 3600.0, 50e-6, 20.0}};
  s.remove_at_s = {8.0 * 3600.0};
  s.vehicle = input::Vehicle{0.9, 150e-6 / 3600.0, 22.0};
  return s;
}

TEST(FilmCompartment, VolatilePartEvaporatesAtTheRateUntilItIsGone) {
  timestep::FilmCompartment film(regimen());
  EXPECT_FALSE(film.present());
  EXPECT_TRUE(film.pass_events_at(0.0, 0.0));
  EXPECT_TRUE(film.present());
  EXPECT_DOUBLE_EQ(film.volume_at(0.0), 100e-6);
  // 90 um evaporate at 150 um/h: gone at 0.6 h, leaving 10 um.
  EXPECT_NEAR(film.next_breakpoint_after(0.0), 0.6 * 3600.0, 1e-9);
  EXPECT_NEAR(film.volume_at(0.3 * 3600.0), 55e-6, 1e-18);
  EXPECT_EQ(film.volume_at(3600.0), 100e-6 - film.state().volatile_m);
  EXPECT_NEAR(film.volume_at(3600.0), 10e-6, 1e-18);
  // Then the wipe-off at 8 h is next.
  EXPECT_DOUBLE_EQ(film.next_breakpoint_after(0.6 * 3600.0 + 1.0), 8.0 * 3600.0);
}

TEST(FilmCompartment, WipeOffBooksWhatIsLeftAndTheNextApplicationAdds) {
  timestep::FilmCompartment film(regimen());
  film.pass_events_at(0.0, 0.0);
  EXPECT_DOUBLE_EQ(film.state().applied_kg_m2, 3e-3);  // 100e-6 m x 30 kg/m^3
  EXPECT_DOUBLE_EQ(film.first_dose_kg_m2(), 3e-3);
  EXPECT_FALSE(film.pass_events_at(3600.0, 1e-3));  // nothing at 1 h
  EXPECT_TRUE(film.pass_events_at(8.0 * 3600.0, 1e-3));
  EXPECT_FALSE(film.present());
  EXPECT_DOUBLE_EQ(film.state().removed_kg_m2, 2e-3);
  const auto after = film.amounts_at(10.0 * 3600.0, 1e-3);
  EXPECT_EQ(after.thickness_m, 0.0);
  EXPECT_EQ(after.dissolved_kg_m2 + after.solid_kg_m2, 0.0);
  EXPECT_DOUBLE_EQ(film.next_breakpoint_after(8.0 * 3600.0), 12.0 * 3600.0);
  EXPECT_TRUE(film.pass_events_at(12.0 * 3600.0, 1e-3));
  EXPECT_DOUBLE_EQ(film.state().applied_kg_m2, 3e-3 + 1e-3);  // + 50e-6 x 20
  EXPECT_DOUBLE_EQ(film.volume_at(12.0 * 3600.0), 50e-6);
  EXPECT_NEAR(film.next_breakpoint_after(12.0 * 3600.0), 12.3 * 3600.0, 1e-9);  // 45 um
}

TEST(FilmCompartment, ConcentrationSolvesTheFilmBalanceAndCapsAtSolubility) {
  input::Serum s;
  s.concentration_kg_m3 = 30.0;
  s.dose_m = 100e-6;
  timestep::FilmCompartment film(s);
  film.pass_events_at(0.0, 0.0);
  // Held 3e-3 kg/m^2; entered e0 + e1 (c - base) with e0 = 1e-3, e1 = 50e-6, base 10:
  // c V = 3e-3 - 1e-3 - 50e-6 (c - 10) -> c = 2.5e-3 / 150e-6 = 16.666...
  const double c = film.concentration(100e-6, 1e-3, 50e-6, 10.0);
  EXPECT_NEAR(c, 2.5e-3 / 150e-6, 1e-12);
  const double entered = 1e-3 + 50e-6 * (c - 10.0);
  EXPECT_NEAR(film.held_kg_m2(entered), c * 100e-6, 1e-18);

  s.vehicle = input::Vehicle{0.0, 0.0, 12.0};
  timestep::FilmCompartment saturated(s);
  saturated.pass_events_at(0.0, 0.0);
  EXPECT_EQ(saturated.concentration(100e-6, 1e-3, 50e-6, 10.0), 12.0);
  const auto a = saturated.amounts_at(0.0, 1e-3);
  EXPECT_DOUBLE_EQ(a.dissolved_kg_m2, 12.0 * 100e-6);
  EXPECT_NEAR(a.solid_kg_m2, 2e-3 - 1.2e-3, 1e-18);
}

TEST(FilmCompartment, OccludedFilmDoesNotDry) {
  auto s = regimen();
  s.occluded = true;
  timestep::FilmCompartment film(s);
  film.pass_events_at(0.0, 0.0);
  EXPECT_DOUBLE_EQ(film.volume_at(5.0 * 3600.0), 100e-6);
  EXPECT_DOUBLE_EQ(film.next_breakpoint_after(0.0), 8.0 * 3600.0);
}

TEST(FilmCompartment, RestoredStateContinuesTheSame) {
  timestep::FilmCompartment film(regimen());
  film.pass_events_at(0.0, 0.0);
  timestep::FilmCompartment copy(regimen());
  copy.restore(film.state());
  EXPECT_EQ(copy.next_breakpoint_after(100.0), film.next_breakpoint_after(100.0));
  EXPECT_EQ(copy.volume_at(200.0), film.volume_at(200.0));
}

}  // namespace
}  // namespace dermaflux
