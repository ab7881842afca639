#include "input/needles/NeedlesWriter.hpp"

#include <string>

#include "input/EmitFields.hpp"
#include "input/needles/NeedleDefaults.hpp"

// The device preset, a named closure and a named cartridge are expanded into their
// values and named in comments only, like skin and serum presets: the resolved case
// must not change meaning if a preset file or a default is changed later. The random
// pattern is written as its density, spacing and seed, which draw the same holes again.

namespace dermaflux::input {
namespace {

void write_position(YAML::Emitter& out, double x_m, double y_m) {
  out << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "x" << YAML::Value << format_si(x_m, Dimension::Length);
  out << YAML::Key << "y" << YAML::Value << format_si(y_m, Dimension::Length);
}

void write_sites(YAML::Emitter& out, const Needles& needles) {
  out << YAML::Key << "sites" << YAML::Value;
  if (!needles.list_file.empty()) out << YAML::Comment("read from " + needles.list_file.string());
  out << YAML::BeginSeq;
  for (const NeedleSite& site : needles.sites) {
    write_position(out, site.x_m, site.y_m);
    if (site.length_m) {
      out << YAML::Key << "length" << YAML::Value << format_si(*site.length_m, Dimension::Length);
    }
    if (site.base_diameter_m) {
      out << YAML::Key << "base_diameter" << YAML::Value
          << format_si(*site.base_diameter_m, Dimension::Length);
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void write_roller(YAML::Emitter& out, const RollerSpec& roller) {
  out << YAML::Key << "needles_per_ring" << YAML::Value << std::to_string(roller.needles_per_ring);
  out << YAML::Key << "rings" << YAML::Value << std::to_string(roller.rings);
  write_quantity(out, "ring_spacing", roller.ring_spacing_m, Dimension::Length);
  write_quantity(out, "drum_diameter", roller.drum_diameter_m, Dimension::Length);
  out << YAML::Key << "passes" << YAML::Value << YAML::BeginSeq;
  for (const RollerPass& pass : roller.passes) {
    out << YAML::Flow << YAML::BeginMap;
    write_number(out, "direction", pass.direction_deg);
    out << YAML::Key << "offset" << YAML::Value << format_si(pass.offset_m, Dimension::Length);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void write_stamp(YAML::Emitter& out, const StampSpec& stamp) {
  out << YAML::Key << "cartridge" << YAML::Value;
  if (!stamp.cartridge_preset.empty()) {
    out << YAML::Comment("the " + stamp.cartridge_preset + "-pin pen cartridge");
  }
  out << YAML::BeginSeq;
  for (const NeedleSite& needle : stamp.cartridge) {
    write_position(out, needle.x_m, needle.y_m);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  write_quantity(out, "step", stamp.step_m, Dimension::Length);
  write_number(out, "direction", stamp.direction_deg);
  out << YAML::Key << "start" << YAML::Value;
  write_position(out, stamp.start_x_m, stamp.start_y_m);
  out << YAML::EndMap;
  out << YAML::Key << "stamps" << YAML::Value << std::to_string(stamp.stamps);
}

void write_closure(YAML::Emitter& out, const Needles& needles) {
  out << YAML::Key << "closure_half_life" << YAML::Value;
  if (!needles.closure_half_life_s) {
    out << "none" << YAML::Comment("the channels stay open");
    return;
  }
  std::string comment = format_friendly(*needles.closure_half_life_s, Dimension::Time);
  if (!needles.closure_preset.empty()) comment.append(", ").append(needles.closure_preset);
  out << format_si(*needles.closure_half_life_s, Dimension::Time) << YAML::Comment(comment);
}

// A pitch or density, and when `operation` gave it, how it was counted (the operation
// itself is not written: the value alone reproduces the run).
void write_derived(YAML::Emitter& out, std::string_view key, double value_si, Dimension dimension,
                   const std::optional<HoleOperation>& operation) {
  if (!operation) {
    write_quantity(out, key, value_si, dimension);
    return;
  }
  out << YAML::Key << std::string(key) << YAML::Value << format_si(value_si, dimension)
      << YAML::Comment(format_friendly(value_si, dimension) +
                       ", from operation: " + operation->counting);
}

}  // namespace

void write_needles(YAML::Emitter& out, const Needles& needles) {
  out << YAML::Key << "needles" << YAML::Value;
  if (!needles.device.empty()) out << YAML::Comment("expanded from device " + needles.device);
  out << YAML::BeginMap;
  out << YAML::Key << "pattern" << YAML::Value << std::string(pattern_word(needles.pattern));
  out << YAML::Key << "shape" << YAML::Value << std::string(shape_word(needles.shape));
  write_quantity(out, "length", needles.length_m, Dimension::Length);
  write_quantity(out, "base_diameter", needles.base_diameter_m, Dimension::Length);
  if (needles.shape != NeedleShape::Cylinder) {
    write_quantity(out, "tip_diameter", needles.tip_diameter_m, Dimension::Length);
  }
  const bool shadow = needles.channels == ChannelModel::Shadow;
  out << YAML::Key << "channels" << YAML::Value << (shadow ? "shadow" : "measured")
      << YAML::Comment(shadow ? "the needle's shadow where a key below is left out"
                              : "as measured where a key below is left out");
  write_number(out, "penetration", needles.penetration);
  if (needles.surface_widening != 1.0) {
    write_number(out, "surface_widening", needles.surface_widening);
  }
  if (needles.tissue_fluid_diffusivity_m2_s) {
    write_quantity(out, "tissue_fluid_diffusivity", *needles.tissue_fluid_diffusivity_m2_s,
                   Dimension::Diffusivity);
  }
  if (needles.elastic_recovery != 0.0) {
    write_number(out, "elastic_recovery", needles.elastic_recovery);
  }
  write_closure(out, needles);
  switch (needles.pattern) {
    case NeedlePattern::Square:
    case NeedlePattern::Hex:
      write_derived(out, "pitch", needles.pitch_m, Dimension::Length, needles.operation);
      break;
    case NeedlePattern::Random:
      write_derived(out, "density", needles.density_per_m2, Dimension::PerArea, needles.operation);
      write_quantity(out, "min_spacing", needles.min_spacing_m, Dimension::Length);
      out << YAML::Key << "seed" << YAML::Value << std::to_string(needles.seed);
      break;
    case NeedlePattern::List:
      write_sites(out, needles);
      break;
    case NeedlePattern::Roller:
      write_roller(out, needles.roller);
      break;
    case NeedlePattern::Stamp:
      write_stamp(out, needles.stamp);
      break;
  }
  out << YAML::EndMap;
}

}  // namespace dermaflux::input
