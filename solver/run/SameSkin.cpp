#include "run/SameSkin.hpp"

#include <algorithm>
#include <string_view>

#include "core/Error.hpp"

namespace dermaflux::run {
namespace {

bool estimated(const input::Case& c, const std::string& layer, std::string_view property) {
  return std::any_of(c.estimates.begin(), c.estimates.end(), [&](const input::Estimate& e) {
    return e.layer == layer && e.property == property;
  });
}

// "a, b and c"
std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (std::size_t n = 0; n < words.size(); ++n) {
    if (n > 0) text += n + 1 == words.size() ? " and " : separator;
    text += words[n];
  }
  return text;
}

}  // namespace

std::string given_layer_values(const input::Case& c) {
  std::vector<std::string> layers;
  for (const input::Layer& layer : c.layers) {
    std::vector<std::string> given;
    for (const char* property : {"diffusivity", "partition"})
      if (!estimated(c, layer.name, property)) given.push_back(property);
    if (!given.empty()) layers.push_back(layer.name + " " + joined(given, ", "));
  }
  std::string text;
  for (std::size_t n = 0; n < layers.size(); ++n) text += (n > 0 ? ", " : "") + layers[n];
  return text;
}

bool same_active(const input::Serum& a, const input::Serum& b) {
  return a.active == b.active && a.molar_mass_kg_mol == b.molar_mass_kg_mol && a.log_p == b.log_p;
}

std::string check_same_skin(const input::Case& base, const std::vector<SerumChoice>& serums,
                            bool same_skin) {
  const std::string given = given_layer_values(base);
  std::vector<std::string> others;
  for (const SerumChoice& choice : serums)
    if (!same_active(choice.with_serum.serum, base.serum))
      others.push_back(choice.label + " (" + choice.with_serum.serum.active + ")");
  if (given.empty() || others.empty()) return "";
  const std::string file = base.source_file.string();
  if (!same_skin) {
    throw UsageError(file + " gives the layer values " + given + " for " + base.serum.active +
                     ", but " + joined(others, ", ") +
                     (others.size() == 1 ? " is another active" : " are other actives") +
                     ": add --same-skin to reuse these values for every serum, or leave them "
                     "out of the case to have them estimated for each serum from its molecular "
                     "weight and log P");
  }
  return "dermaflux: compare: --same-skin: every serum runs with " + file + "'s " + given +
         " (given for " + base.serum.active + "); the values it leaves out are estimated per serum";
}

}  // namespace dermaflux::run
