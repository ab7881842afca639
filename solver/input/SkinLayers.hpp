#pragma once
// The skin section's layers between reading and finishing, shared by the reader
// (SkinSection.cpp) and the Dancik/Kasting estimates (KastingLayers.cpp).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/Case.hpp"
#include "input/Estimates.hpp"
#include "input/FollicularShunt.hpp"
#include "input/YamlFields.hpp"

namespace dermaflux::input {

// One layer as one file wrote it; unset keys stay empty until merged.
struct LayerDraft {
  std::string name;
  Located at;       // the layer's mapping
  Located name_at;  // its name
  std::optional<double> thickness_m;
  std::optional<double> diffusivity_m2_s;
  std::optional<double> partition;
  std::optional<double> binding;
  std::optional<double> clearance_1_s;
  std::optional<Located> clearance_estimated;  // `clearance: estimated`, where it was written
  bool from_preset_only = false;               // a preset layer no case layer overrides
};

// `skin.estimates`: the Dancik/Kasting model for every layer (the default since issue
// 14: the validated model, and the better one over a database of measured
// permeabilities, docs/validation/DATABASE.md), or by name Potts & Guy (1992 or the
// 2023 refit: `fit`) for the barrier with aqueous tissue below. With Kasting,
// `skin.polar_pathway` (wilschut_1995, the default, or none) adds the stratum
// corneum's aqueous route (input/KastingRoutes.hpp); `skin.follicles` (none by default)
// a follicular shunt in parallel with it (input/FollicularShunt.hpp).
struct EstimateModel {
  PermeabilityFit fit = PermeabilityFit::PottsGuy1992;
  bool kasting = true;
  bool polar_pathway = true;
  std::optional<Follicles> follicles = std::nullopt;
};

// `skin.follicles`: a preset name or {density, orifice_diameter, hair_diameter}
// (FollicleSection.cpp); an error without skin.estimates: kasting.
Follicles read_follicles(const Located& at, bool kasting);

// What a missing diffusivity or partition is estimated from, and the records.
struct EstimateInputs {
  const Serum& serum;
  EstimateModel model;
  std::vector<Estimate>& estimates;
};

[[noreturn]] void missing_key(const LayerDraft& layer, std::string_view key,
                              const std::string& expected, const std::string& also);

// The value the layer gives, or the estimate (recorded); an error when neither
// the layer nor the serum (molecular weight and log P) allows one.
double given_or_estimated(const std::optional<double>& value, const LayerDraft& layer,
                          std::string_view key, const std::string& expected, EstimateInputs& inputs,
                          const std::function<double()>& estimate, const std::string& formula);

// The Dancik/Kasting estimates of a layer's missing K and D, and of its clearance
// where it says `clearance: estimated` (input/KastingEstimates.hpp).
void finish_kasting(const LayerDraft& draft, bool barrier, EstimateInputs& inputs, Layer& layer);

}  // namespace dermaflux::input
