// (e) Systemic exposure (analysis/Exposure.hpp) against numbers worked out by hand,
// and the summary.json of a regimen with a treated area.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analysis/Exposure.hpp"
#include "run/Simulation.hpp"
#include "run/SummaryJson.hpp"
#include "support/CaseBuilder.hpp"

namespace dermaflux {
namespace {

TEST(Exposure, FiguresFromHandComputedAmounts) {
  analysis::InventoryRow last;
  last.receptor_ug_cm2 = 2.0;
  last.cleared_ug_cm2 = 1.0;
  last.layer_ug_cm2 = {5.0, 3.0, 4.0};  // the top layer's 5 are not absorbed
  input::Exposure exposure;
  exposure.body_weight_kg = 60.0;
  exposure.applications_per_day = 2.0;
  exposure.noael_kg_kg_s = 100e-6 / 86400.0;  // 100 mg/kg/day

  const auto f = analysis::systemic_exposure(last, 25e-4, exposure);  // 25 cm^2

  // 2 + 1 + 3 + 4 = 10 ug/cm^2; x 25 cm^2 x 2 a day = 500 ug/day = 0.5 mg/day;
  // / 60 kg = 8.333e-3 mg/kg/day; MoS = 100 / 8.333e-3 = 12 000.
  EXPECT_DOUBLE_EQ(f.dermal_absorption_ug_cm2, 10.0);
  EXPECT_NEAR(f.systemic_exposure_mg_kg_day, 0.5 / 60.0, 1e-15);
  ASSERT_TRUE(f.margin_of_safety.has_value());
  EXPECT_NEAR(*f.margin_of_safety, 12000.0, 1e-8);

  exposure.noael_kg_kg_s.reset();
  EXPECT_FALSE(analysis::systemic_exposure(last, 25e-4, exposure).margin_of_safety.has_value());
}

TEST(Exposure, SummaryOfARegimenOverATreatedArea) {
  auto c = testing::column_case({{"sc", 10e-6, 1e-13, 1.0}, {"ve", 50e-6, 1e-11, 1.0}}, 30.0,
                                100e-6, 4.0 * 3600.0, 4, 4);
  c.serum.applications = {{0.0, 100e-6, 30.0}, {2.0 * 3600.0, 50e-6, 30.0}};
  c.serum.remove_at_s = {1.0 * 3600.0};
  c.serum.area_m2 = 25e-4;
  c.exposure = input::Exposure{70.0, 1.0, 50e-6 / 86400.0};

  const auto result = run::run_case(c);
  const auto j = nlohmann::json::parse(run::summary_json(c, result.summary));

  const auto& last = result.rows.back();
  EXPECT_DOUBLE_EQ(j["dose_ug_cm2"].get<double>(), 300.0);  // the first application's
  EXPECT_DOUBLE_EQ(j["applied_ug_cm2"].get<double>(), 450.0);
  EXPECT_DOUBLE_EQ(j["removed_ug_cm2"].get<double>(), last.film->removed_ug_cm2);
  EXPECT_GT(last.film->removed_ug_cm2, 0.0);
  EXPECT_EQ(j["events"]["applications_h"], nlohmann::json::array({0.0, 2.0}));
  EXPECT_EQ(j["events"]["removals_h"], nlohmann::json::array({1.0}));
  EXPECT_NEAR(j["absorbed_fraction"].get<double>(),
              (last.receptor_ug_cm2 + last.cleared_ug_cm2) / 450.0, 1e-15);
  EXPECT_DOUBLE_EQ(j["amounts_ug"]["applied"].get<double>(), 450.0 * 25.0);
  EXPECT_DOUBLE_EQ(j["amounts_ug"]["ve"].get<double>(), last.layer_ug_cm2[1] * 25.0);
  const double absorbed = last.receptor_ug_cm2 + last.cleared_ug_cm2 + last.layer_ug_cm2[1];
  EXPECT_DOUBLE_EQ(j["exposure"]["dermal_absorption_ug_cm2"].get<double>(), absorbed);
  const double sed = absorbed * 25.0 * 1.0 / 1000.0 / 70.0;
  EXPECT_NEAR(j["exposure"]["systemic_exposure_mg_kg_day"].get<double>(), sed, 1e-15 * sed);
  EXPECT_NEAR(j["exposure"]["margin_of_safety"].get<double>(), 50.0 / sed, 1e-12 * 50.0 / sed);
}

TEST(Exposure, AStaticFilmAddsNothingToTheSummary) {
  auto c = testing::column_case({{"sc", 10e-6, 1e-13, 1.0}}, 30.0, 100e-6, 3600.0, 2, 4);
  const auto result = run::run_case(c);
  const auto j = nlohmann::json::parse(run::summary_json(c, result.summary));
  for (const char* key : {"applied_ug_cm2", "removed_ug_cm2", "events", "amounts_ug", "exposure"})
    EXPECT_FALSE(j.contains(key)) << key;
  EXPECT_FALSE(result.rows.back().film.has_value());
}

}  // namespace
}  // namespace dermaflux
