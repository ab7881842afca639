#include "input/CaseWriter.hpp"

#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

#include "input/EmitFields.hpp"
#include "input/Units.hpp"
#include "input/needles/NeedlesWriter.hpp"

// Every quantity is written in SI with the shortest digits that read back as the same
// double (format_si), so that reading the file gives the very same Case, followed by a
// comment in the units people read. Presets are expanded and named in comments only: the
// file must not change meaning if a preset file is edited later.

namespace dermaflux::input {
namespace {

// The formula a layer's value was estimated with, or nullptr when the case gave it.
const Estimate* estimate_of(const std::vector<Estimate>& estimates, const Layer& layer,
                            std::string_view property) {
  for (const Estimate& e : estimates)
    if (e.layer == layer.name && e.property == property) return &e;
  return nullptr;
}

// Estimated values are written like given ones (the file reproduces the run
// without the serum's molecular weight) with the formula in a comment.
void write_layer(YAML::Emitter& out, const Layer& layer, const std::vector<Estimate>& estimates) {
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << layer.name;
  write_quantity(out, "thickness", layer.thickness_m, Dimension::Length);
  if (const Estimate* e = estimate_of(estimates, layer, "diffusivity")) {
    out << YAML::Key << "diffusivity" << YAML::Value
        << format_si(layer.diffusivity_m2_s, Dimension::Diffusivity)
        << YAML::Comment(format_friendly(layer.diffusivity_m2_s, Dimension::Diffusivity) +
                         ", estimated: " + e->formula);
  } else {
    write_quantity(out, "diffusivity", layer.diffusivity_m2_s, Dimension::Diffusivity);
  }
  write_number(out, "partition", layer.partition);
  if (const Estimate* e = estimate_of(estimates, layer, "partition"))
    out << YAML::Comment("estimated: " + e->formula);
  write_number(out, "binding", layer.binding);
  write_quantity(out, "clearance", layer.clearance_1_s, Dimension::Rate);
  if (const Estimate* e = estimate_of(estimates, layer, "clearance"))
    out << YAML::Comment("estimated: " + e->formula);
  out << YAML::EndMap;
}

void write_skin(YAML::Emitter& out, const Case& resolved) {
  out << YAML::Key << "skin" << YAML::Value;
  if (!resolved.skin_preset.empty()) {
    out << YAML::Comment("expanded from skin preset " + resolved.skin_preset);
  }
  out << YAML::BeginMap << YAML::Key << "layers" << YAML::Value << YAML::BeginSeq;
  for (const Layer& layer : resolved.layers) write_layer(out, layer, resolved.estimates);
  out << YAML::EndSeq << YAML::EndMap;
}

// `dose:` alone when the regimen is today's one application at t = 0 of the serum itself
// (the bytes of every case written before regimens existed), else the whole list.
bool single_dose(const Serum& serum) {
  if (serum.applications.empty()) return true;
  const Application& first = serum.applications.front();
  return serum.applications.size() == 1 && first.at_s == 0.0 && first.dose_m == serum.dose_m &&
         first.concentration_kg_m3 == serum.concentration_kg_m3;
}

void write_applications(YAML::Emitter& out, const std::vector<Application>& applications) {
  out << YAML::Key << "applications" << YAML::Value << YAML::BeginSeq;
  for (const Application& application : applications) {
    out << YAML::BeginMap;
    write_quantity(out, "at", application.at_s, Dimension::Time);
    write_quantity(out, "dose", application.dose_m, Dimension::VolumePerArea);
    write_quantity(out, "concentration", application.concentration_kg_m3, Dimension::Concentration);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

// The regimen's other keys, each only when it differs from its default.
void write_regimen(YAML::Emitter& out, const Serum& serum) {
  if (!serum.remove_at_s.empty()) {
    out << YAML::Key << "remove_at" << YAML::Value << YAML::BeginSeq;
    for (const double time_s : serum.remove_at_s) {
      out << format_si(time_s, Dimension::Time)
          << YAML::Comment(format_friendly(time_s, Dimension::Time));
    }
    out << YAML::EndSeq;
  }
  if (serum.occluded) out << YAML::Key << "occluded" << YAML::Value << true;
  if (serum.vehicle) {
    out << YAML::Key << "vehicle" << YAML::Value << YAML::BeginMap;
    write_number(out, "volatile_fraction", serum.vehicle->volatile_fraction);
    write_quantity(out, "evaporation_rate", serum.vehicle->evaporation_rate_m_s,
                   Dimension::EvaporationRate);
    if (serum.vehicle->solubility_kg_m3) {
      write_quantity(out, "solubility", *serum.vehicle->solubility_kg_m3, Dimension::Concentration);
    }
    out << YAML::EndMap;
  }
  if (serum.area_m2) write_quantity(out, "area", *serum.area_m2, Dimension::Area);
}

void write_exposure(YAML::Emitter& out, const Exposure& exposure) {
  out << YAML::Key << "exposure" << YAML::Value << YAML::BeginMap;
  write_quantity(out, "body_weight", exposure.body_weight_kg, Dimension::Mass);
  write_number(out, "applications_per_day", exposure.applications_per_day);
  if (exposure.noael_kg_kg_s) {
    write_quantity(out, "noael", *exposure.noael_kg_kg_s, Dimension::DosePerBodyWeight);
  }
  out << YAML::EndMap;
}

void write_serum(YAML::Emitter& out, const Serum& serum) {
  out << YAML::Key << "serum" << YAML::Value;
  if (!serum.preset.empty()) out << YAML::Comment("expanded from serum preset " + serum.preset);
  out << YAML::BeginMap;
  out << YAML::Key << "active" << YAML::Value << serum.active;
  if (serum.molar_mass_kg_mol) {
    write_quantity(out, "molecular_weight", *serum.molar_mass_kg_mol, Dimension::MolarMass);
  }
  if (serum.log_p) write_number(out, "log_p", *serum.log_p);
  if (serum.pka_acid) write_number(out, "pka_acid", *serum.pka_acid);
  if (serum.pka_base) write_number(out, "pka_base", *serum.pka_base);
  if (serum.vehicle_ph) write_number(out, "ph", *serum.vehicle_ph);
  write_quantity(out, "concentration", serum.concentration_kg_m3, Dimension::Concentration);
  if (serum.infinite_dose) {
    out << YAML::Key << "dose" << YAML::Value << "infinite";
  } else if (single_dose(serum)) {
    write_quantity(out, "dose", serum.dose_m, Dimension::VolumePerArea);
  } else {
    write_applications(out, serum.applications);
  }
  write_quantity(out, "diffusivity", serum.diffusivity_m2_s, Dimension::Diffusivity);
  write_regimen(out, serum);
  out << YAML::EndMap;
}

void write_domain(YAML::Emitter& out, const Domain& domain) {
  out << YAML::Key << "domain" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "lateral" << YAML::Value
      << (domain.lateral == LateralBoundary::Periodic ? "periodic" : "no_flux");
  out << YAML::Key << "bottom" << YAML::Value
      << (domain.bottom == BottomBoundary::Sink ? "sink" : "no_flux");
  write_quantity(out, "width", domain.width_m, Dimension::Length);
  write_quantity(out, "length", domain.length_m, Dimension::Length);
  out << YAML::EndMap;
}

void write_mesh(YAML::Emitter& out, const MeshSettings& mesh) {
  out << YAML::Key << "mesh" << YAML::Value << YAML::BeginMap;
  write_quantity(out, "lateral_spacing", mesh.lateral_spacing_m, Dimension::Length);
  out << YAML::Key << "min_cells_per_layer" << YAML::Value
      << std::to_string(mesh.min_cells_per_layer);
  write_number(out, "growth", mesh.growth);
  write_quantity(out, "max_vertical_spacing", mesh.max_vertical_spacing_m, Dimension::Length);
  if (mesh.channel_spacing_m > 0.0) {
    write_quantity(out, "channel_spacing", mesh.channel_spacing_m, Dimension::Length);
  } else {
    out << YAML::Key << "channel_spacing" << YAML::Value << "auto";
  }
  out << YAML::EndMap;
}

void write_time(YAML::Emitter& out, const TimeSettings& time) {
  out << YAML::Key << "time" << YAML::Value << YAML::BeginMap;
  write_quantity(out, "end", time.end_s, Dimension::Time);
  // The resolved times, explicitly; the leading 0 is implied (outputs lie in (0, end]).
  out << YAML::Key << "outputs" << YAML::Value << YAML::BeginSeq;
  bool wrote_any = false;
  for (const double time_s : time.output_times_s) {
    if (!(time_s > 0.0)) continue;
    out << format_si(time_s, Dimension::Time)
        << YAML::Comment(format_friendly(time_s, Dimension::Time));
    wrote_any = true;
  }
  if (!wrote_any) out << format_si(time.end_s, Dimension::Time);
  out << YAML::EndSeq;
  write_number(out, "tolerance", time.tolerance);
  write_quantity(out, "initial_step", time.initial_step_s, Dimension::Time);
  if (time.max_step_s > 0.0) write_quantity(out, "max_step", time.max_step_s, Dimension::Time);
  if (time.variable_order) out << YAML::Key << "order" << YAML::Value << "auto";
  out << YAML::EndMap;
}

void write_solver(YAML::Emitter& out, const SolverSettings& solver) {
  out << YAML::Key << "solver" << YAML::Value << YAML::BeginMap;
  write_number(out, "linear_tolerance", solver.linear_tolerance);
  out << YAML::Key << "max_iterations" << YAML::Value << std::to_string(solver.max_iterations);
  out << YAML::Key << "backend" << YAML::Value
      << (solver.backend == LinearBackend::Hypre ? "hypre" : "dermaflux");
  out << YAML::EndMap;
}

void write_output(YAML::Emitter& out, const OutputSettings& output) {
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "directory" << YAML::Value << output.directory.string();
  out << YAML::Key << "vtk" << YAML::Value << output.vtk;
  out << YAML::EndMap;
}

}  // namespace

std::string write_case_yaml(const Case& resolved) {
  YAML::Emitter out;
  out << YAML::Comment(
             "dermaflux resolved case: every default filled in, presets expanded.\n"
             "Quantities are in SI with round-trip digits; the comments give them in everyday\n"
             "units. Running this file reproduces the run.")
      << YAML::Newline;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << resolved.name;
  write_skin(out, resolved);
  write_serum(out, resolved.serum);
  if (resolved.exposure) write_exposure(out, *resolved.exposure);
  if (resolved.needles) write_needles(out, *resolved.needles);
  write_domain(out, resolved.domain);
  write_mesh(out, resolved.mesh);
  write_time(out, resolved.time);
  write_solver(out, resolved.solver);
  write_output(out, resolved.output);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace dermaflux::input
