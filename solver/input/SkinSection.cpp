#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "input/CaseSections.hpp"
#include "input/Estimates.hpp"
#include "input/Names.hpp"
#include "input/Presets.hpp"
#include "input/SkinLayers.hpp"

// Layers may come from the case, from a skin preset, or from both: the preset gives
// the layers and their order, and a case layer with the same name overrides the
// preset's values key by key. Every layer needs a thickness once merged; a missing
// diffusivity or partition is estimated from the serum's molecular weight and log P
// (input/Estimates.hpp: the top layer as the barrier, the others as aqueous tissue).

namespace dermaflux::input {
namespace {

const std::vector<std::string_view> kLayerKeys{"name",      "thickness", "diffusivity",
                                               "partition", "binding",   "clearance"};
const std::string kLayerExpected =
    "a layer: a mapping with name, thickness, diffusivity and partition";
const std::string kLayerNameExpected = "a layer name made of letters, digits and _";

std::optional<double> number(const Mapping& layer, std::string_view key,
                             const std::string& expected, Sign sign) {
  const std::optional<Located> at = layer.find(key);
  if (!at) return std::nullopt;
  const double value = read_number(*at, expected);
  const bool fits = sign == Sign::Positive      ? value > 0.0
                    : sign == Sign::NonNegative ? value >= 0.0
                                                : true;
  if (!fits) fail(*at, expected);
  return value;
}

std::optional<double> quantity(const Mapping& layer, std::string_view key, Dimension dimension,
                               Sign sign) {
  const std::optional<Located> at = layer.find(key);
  if (!at) return std::nullopt;
  return read_quantity(*at, dimension, sign);
}

// `clearance: estimated` (the Kasting model's dermal clearance), where it was written.
std::optional<Located> estimated_clearance(const Mapping& layer) {
  const std::optional<Located> at = layer.find("clearance");
  if (at && at->node.IsScalar() && at->node.Scalar() == "estimated") return at;
  return std::nullopt;
}

LayerDraft read_layer(const Located& at) {
  const Mapping layer(at, kLayerKeys, kLayerExpected);
  const Located name_at = layer.require("name", kLayerNameExpected);
  const std::string name = read_string(name_at, kLayerNameExpected);
  if (!is_layer_name(name)) fail(name_at, kLayerNameExpected);
  return LayerDraft{
      name,
      at,
      name_at,
      quantity(layer, "thickness", Dimension::Length, Sign::Positive),
      quantity(layer, "diffusivity", Dimension::Diffusivity, Sign::Positive),
      number(layer, "partition", "a positive number such as 0.8 (tissue / vehicle concentration)",
             Sign::Positive),
      number(layer, "binding", "a number of 0 or more such as 0 (bound / free)", Sign::NonNegative),
      estimated_clearance(layer) ? std::nullopt
                                 : quantity(layer, "clearance", Dimension::Rate, Sign::NonNegative),
      estimated_clearance(layer),
  };
}

std::vector<LayerDraft> read_layers(const Located& at) {
  std::vector<LayerDraft> layers;
  for (const Located& element : list_elements(at, "a list of layers, from the surface down")) {
    LayerDraft layer = read_layer(element);
    const auto same = std::find_if(layers.begin(), layers.end(),
                                   [&](const LayerDraft& seen) { return seen.name == layer.name; });
    if (same != layers.end()) {
      fail(layer.name_at, "a layer name not used by an earlier layer",
           "layer " + same->at.path + " on line " + std::to_string(same->at.where.line) +
               " has it already");
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

template <typename T>
void override_if_set(std::optional<T>& base, const std::optional<T>& override) {
  if (override) base = override;
}

// The preset's layers in the preset's order, each overridden by the case layer of the
// same name; a case layer the preset does not have is an error.
std::vector<LayerDraft> merge(std::vector<LayerDraft> preset_layers,
                              const std::vector<LayerDraft>& case_layers,
                              const std::string& preset_name) {
  for (const LayerDraft& layer : case_layers) {
    const auto target =
        std::find_if(preset_layers.begin(), preset_layers.end(),
                     [&](const LayerDraft& candidate) { return candidate.name == layer.name; });
    if (target == preset_layers.end()) {
      std::string expected = "the name of a layer of skin preset \"" + preset_name + "\": ";
      std::vector<std::string_view> candidates;
      for (const LayerDraft& candidate : preset_layers) {
        expected += (candidates.empty() ? "" : ", ") + candidate.name;
        candidates.push_back(candidate.name);
      }
      const auto suggestion = closest_match(layer.name, candidates);
      fail(layer.name_at, expected,
           suggestion ? "did you mean \"" + *suggestion + "\"?"
                      : "a case layer can only override a preset layer of the same name");
    }
    target->from_preset_only = false;
    target->at = layer.at;
    target->name_at = layer.name_at;
    override_if_set(target->thickness_m, layer.thickness_m);
    override_if_set(target->diffusivity_m2_s, layer.diffusivity_m2_s);
    override_if_set(target->partition, layer.partition);
    override_if_set(target->binding, layer.binding);
    if (layer.clearance_1_s || layer.clearance_estimated) {
      target->clearance_1_s = layer.clearance_1_s;
      target->clearance_estimated = layer.clearance_estimated;
    }
  }
  return preset_layers;
}

}  // namespace

[[noreturn]] void missing_key(const LayerDraft& layer, std::string_view key,
                              const std::string& expected, const std::string& also) {
  Located missing = layer.at;
  missing.path = child_path(layer.at.path, key);
  fail_found(
      missing, expected, "no \"" + std::string(key) + "\" key",
      (layer.from_preset_only ? "the preset does not give it: add a layer \"name: " + layer.name +
                                    "\" with \"" + std::string(key) + ":\" under skin.layers"
                              : "add \"" + std::string(key) + ":\" to this layer") +
          also);
}

static double required(const std::optional<double>& value, const LayerDraft& layer,
                       std::string_view key, const std::string& expected) {
  if (value) return *value;
  missing_key(layer, key, expected, "");
}

static std::string plain_text(double value) {
  return std::to_string(value);
}

// The value the layer gives, or the estimate (recorded); an error when neither
// the layer nor the serum (molecular weight and log P) allows one.
double given_or_estimated(const std::optional<double>& value, const LayerDraft& layer,
                          std::string_view key, const std::string& expected, EstimateInputs& inputs,
                          const std::function<double()>& estimate, const std::string& formula) {
  if (value) return *value;
  if (!inputs.serum.molar_mass_kg_mol || !inputs.serum.log_p) {
    missing_key(layer, key, expected,
                ", or give the serum molecular_weight and log_p to have it estimated");
  }
  const double estimated = estimate();
  if (!std::isnormal(estimated) || estimated <= 0.0) {  // e.g. Potts-Guy for MW ~ 10^5
    missing_key(layer, key, expected,
                ": the estimate from the serum's molecular weight and log P is out of range (" +
                    plain_text(estimated) + "), so give the value");
  }
  inputs.estimates.push_back({layer.name, std::string(key), estimated, formula});
  return estimated;
}

namespace {

Layer finish(const LayerDraft& draft, bool barrier, EstimateInputs& inputs) {
  Layer layer;
  layer.name = draft.name;
  layer.thickness_m = required(draft.thickness_m, draft, "thickness",
                               describe_quantity(Dimension::Length, Sign::Positive));
  const std::string partition_expected =
      "a positive number such as 0.8 (tissue / vehicle concentration)";
  const double mw_g_mol = inputs.serum.molar_mass_kg_mol.value_or(0.0) * 1e3;
  const double log_p = inputs.serum.log_p.value_or(0.0);
  layer.binding = draft.binding.value_or(0.0);
  layer.clearance_1_s = draft.clearance_1_s.value_or(0.0);
  if (draft.clearance_estimated && !inputs.model.kasting)
    fail(*draft.clearance_estimated, describe_quantity(Dimension::Rate, Sign::NonNegative) +
                                         " (\"estimated\" needs skin.estimates: kasting)");
  if (inputs.model.kasting) {
    finish_kasting(draft, barrier, inputs, layer);
  } else if (barrier) {
    layer.partition = given_or_estimated(
        draft.partition, draft, "partition", partition_expected, inputs,
        [&] { return barrier_partition(log_p); }, barrier_partition_formula(log_p));
    layer.diffusivity_m2_s = given_or_estimated(
        draft.diffusivity_m2_s, draft, "diffusivity",
        describe_quantity(Dimension::Diffusivity, Sign::Positive), inputs,
        [&] {
          return barrier_diffusivity_m2_s(
              potts_guy_permeability_m_s(mw_g_mol, log_p, inputs.model.fit), layer.thickness_m,
              layer.partition);
        },
        barrier_diffusivity_formula(inputs.model.fit, mw_g_mol, log_p));
  } else {
    layer.diffusivity_m2_s = given_or_estimated(
        draft.diffusivity_m2_s, draft, "diffusivity",
        describe_quantity(Dimension::Diffusivity, Sign::Positive), inputs,
        [&] { return aqueous_diffusivity_m2_s(mw_g_mol); }, aqueous_diffusivity_formula(mw_g_mol));
    layer.partition = given_or_estimated(
        draft.partition, draft, "partition", partition_expected, inputs, [] { return 1.0; },
        aqueous_partition_formula());
  }
  return layer;
}

EstimateModel read_estimate_model(const Located& at) {
  const std::string expected = "potts_guy_1992, potts_guy_2023_refit or kasting";
  const std::string text = read_string(at, expected);
  if (text == "potts_guy_1992") return {PermeabilityFit::PottsGuy1992, false};
  if (text == "potts_guy_2023_refit") return {PermeabilityFit::Refit2023, false};
  if (text == "kasting") return {PermeabilityFit::PottsGuy1992, true};
  const auto suggestion =
      closest_match(text, {"potts_guy_1992", "potts_guy_2023_refit", "kasting"});
  fail(at, expected, suggestion ? "did you mean \"" + *suggestion + "\"?" : "");
}

// `skin.polar_pathway`: the stratum corneum's aqueous route of the Kasting estimates.
bool read_polar_pathway(const Located& at, bool kasting) {
  const std::string expected = "wilschut_1995 or none (with skin.estimates: kasting)";
  const std::string text = read_string(at, expected);
  if (!kasting) fail(at, expected, "the polar pathway is part of skin.estimates: kasting");
  if (text == "wilschut_1995") return true;
  if (text == "none") return false;
  const auto suggestion = closest_match(text, {"wilschut_1995", "none"});
  fail(at, expected, suggestion ? "did you mean \"" + *suggestion + "\"?" : "");
}

std::vector<Layer> finish_all(const std::vector<LayerDraft>& drafts, EstimateInputs& inputs) {
  std::vector<Layer> layers;
  for (std::size_t n = 0; n < drafts.size(); ++n)
    layers.push_back(finish(drafts[n], n == 0, inputs));
  return layers;
}

}  // namespace

SkinSection read_skin(const Located& at, const std::filesystem::path& base_dir,
                      const Serum& serum) {
  const Mapping skin(at, {"preset", "layers", "estimates", "polar_pathway", "follicles"},
                     "the skin: a mapping with layers (and optionally a preset)");
  SkinSection result;
  std::vector<LayerDraft> case_layers;
  if (const auto layers_at = skin.find("layers")) case_layers = read_layers(*layers_at);
  EstimateModel model;
  if (const auto model_at = skin.find("estimates")) model = read_estimate_model(*model_at);
  if (const auto polar_at = skin.find("polar_pathway")) {
    model.polar_pathway = read_polar_pathway(*polar_at, model.kasting);
  }
  if (const auto follicles_at = skin.find("follicles")) {
    model.follicles = read_follicles(*follicles_at, model.kasting);
  }
  EstimateInputs inputs{serum, model, result.estimates};

  const std::optional<Located> preset_at = skin.find("preset");
  if (!preset_at) {
    const Located layers_at = skin.require("layers", "a list of layers, from the surface down");
    if (case_layers.empty()) fail(layers_at, "a list of at least one layer");
    result.layers = finish_all(case_layers, inputs);
    return result;
  }

  const std::string what_it_is = "a skin preset: a mapping with description, sources and layers";
  const Preset preset = load_preset(*preset_at, "skins", base_dir, what_it_is);
  const Mapping preset_map(preset.root, {"description", "sources", "layers"}, what_it_is);
  for (const std::string_view key : {"description", "sources"}) {
    if (const auto doc = preset_map.find(key)) check_documentation(*doc);
  }
  const Located preset_layers_at =
      preset_map.require("layers", "a list of layers, from the surface down");
  std::vector<LayerDraft> preset_layers = read_layers(preset_layers_at);
  if (preset_layers.empty()) fail(preset_layers_at, "a list of at least one layer");
  for (LayerDraft& layer : preset_layers) layer.from_preset_only = true;

  result.preset = preset.name;
  result.layers = finish_all(merge(preset_layers, case_layers, preset.name), inputs);
  return result;
}

void check_documentation(const Located& at) {
  const std::string expected = "a text, or a list of texts";
  if (at.node.IsScalar()) return;
  if (!at.node.IsSequence()) fail(at, expected);
  for (const Located& line : list_elements(at, expected)) read_string(line, expected);
}

}  // namespace dermaflux::input
