#pragma once
// A validated case: everything a run needs, every default filled in, every
// quantity in SI. Built only by read_case() (CaseReader.hpp); the numerics take
// it as read-only input and never look at YAML.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "input/needles/HoleOperation.hpp"
#include "meshes/sites/SitePattern.hpp"

namespace dermaflux::input {

// One skin layer, listed from the surface down.
struct Layer {
  std::string name;
  double thickness_m = 0.0;
  double diffusivity_m2_s = 0.0;  // of the active in this layer
  double partition = 1.0;         // tissue / vehicle concentration at equilibrium
  double binding = 0.0;           // bound / free ratio (linear, instantaneous)
  double clearance_1_s = 0.0;     // first-order removal to blood
};

// One application of the serum (`serum.applications`, or `serum.dose` as one at t = 0).
struct Application {
  double at_s = 0.0;
  double dose_m = 0.0;               // volume per area
  double concentration_kg_m3 = 0.0;  // the serum's unless the entry names its own
};

// What evaporates from the film (`serum.vehicle`); absent: nothing does.
struct Vehicle {
  double volatile_fraction = 0.0;          // of each applied volume, in [0, 1)
  double evaporation_rate_m_s = 0.0;       // volatile volume lost per area and time
  std::optional<double> solubility_kg_m3;  // dissolved cap; absent: no cap
};

struct Serum {
  std::string preset;                       // empty when none was named
  std::string active;                       // e.g. "caffeine"
  std::optional<double> molar_mass_kg_mol;  // user writes g/mol
  std::optional<double> log_p;              // octanol/water
  // Ionisation (CASE_FORMAT.md, "Ionisable actives"): the strongest acid and base pKa
  // (absent: not that kind) and the vehicle's pH (absent: 7.4). Only the Dancik/Kasting
  // estimates use them (input/KastingRoutes.hpp).
  std::optional<double> pka_acid;
  std::optional<double> pka_base;
  std::optional<double> vehicle_ph;
  double concentration_kg_m3 = 0.0;  // 1 mg/mL == 1 kg/m^3
  bool infinite_dose = false;        // `dose: infinite`
  double dose_m = 0.0;               // applied volume per area = film thickness; 0 if infinite
  double diffusivity_m2_s = 0.0;     // in the vehicle and in open channels

  // The film and its regimen (CASE_FORMAT.md, "Serum film and dosing regimens").
  // read_case fills `applications` for every finite dose: `dose` alone is one at
  // t = 0 with the serum's concentration (dose_m is always the first one's). A case
  // made in code may leave it empty: one application of dose_m at t = 0.
  std::vector<Application> applications;  // ascending in time; empty if infinite
  std::vector<double> remove_at_s;        // wipe-offs, ascending, none at the same time
  bool occluded = false;
  std::optional<Vehicle> vehicle;
  std::optional<double> area_m2;  // treated area: amounts also in ug
  // Where it came from, not what runs (the resolved case does not write it): the
  // solubility a serum preset or serum file gave in its `vehicle:`, which counts only
  // once a case names a vehicle (`compare` gives it to the case's vehicle).
  std::optional<double> preset_solubility_kg_m3;

  // Whether the film is today's resolved, never-drying one (one application at
  // t = 0, nothing evaporates or saturates, no wipe-off): such a case keeps its
  // results byte for byte. Otherwise the film is a well-mixed compartment.
  bool film_is_static() const {
    return !infinite_dose &&
           (applications.empty() || (applications.size() == 1 && applications[0].at_s == 0.0)) &&
           remove_at_s.empty() &&
           (!vehicle || (vehicle->volatile_fraction == 0.0 && !vehicle->solubility_kg_m3));
  }
};

// `exposure:` (CASE_FORMAT.md, "Systemic exposure"): the SCCS margin of safety.
struct Exposure {
  double body_weight_kg = 60.0;
  double applications_per_day = 1.0;
  std::optional<double> noael_kg_kg_s;  // user writes mg/kg/day
};

// ---- needles: what a derma-roller, pen or stamp leaves in the skin ------------

// Where the needles go is geometry, meshes/sites' (the reader checks a pattern with it
// before meshes/NeedleLayout builds its channels); a case names its types too.
using mesh::NeedlePattern;
using mesh::NeedleSite;
using mesh::RollerPass;
using mesh::RollerSpec;
using mesh::StampSpec;

enum class NeedleShape { Cone, Pyramid, Cylinder };

// `channels`: what a needle section that does not give the channel keys gets. measured
// (a case's default): the depth by how the needles go in and, for a pressed depth, the
// calibrated elastic recovery (NeedleDefaults.hpp); shadow: the needle's own shadow at
// 0.2 of its length, as cases before issue 14 had.
enum class ChannelModel { Measured, Shadow };

// The pattern (SitePattern: pattern, pitch, density, min_spacing, seed, sites, roller,
// stamp) and what each needle is.
struct Needles : mesh::SitePattern {
  std::string device;  // preset from cases/devices/, empty when none was named
  NeedleShape shape = NeedleShape::Cone;
  double length_m = 0.0;
  double base_diameter_m = 0.0;
  double tip_diameter_m = 0.0;
  // The reader's default is measured; the fields below start at the shadow's values.
  ChannelModel channels = ChannelModel::Shadow;
  double penetration = 0.2;  // fraction of the length that enters the skin
  // The channel's surface radius over the needle's cross-section there (cone, pyramid);
  // 1: the needle's shadow (NeedleDefaults.hpp: `surface_widening: measured`).
  double surface_widening = 1.0;
  // The fraction of the needle's radius the skin takes back as the needle leaves
  // (both radii x (1 - it)); 0: none (NeedleDefaults.hpp: `elastic_recovery`).
  double elastic_recovery = 0.0;
  // While no film is on the skin (a film compartment's, FilmCompartment.hpp), the open
  // channels hold tissue fluid with this diffusivity instead of the serum; nullopt:
  // always the serum (`tissue_fluid_diffusivity`).
  std::optional<double> tissue_fluid_diffusivity_m2_s;
  // Open radius halves every half-life; nullopt: the channels stay open.
  std::optional<double> closure_half_life_s;
  std::string closure_preset;       // "occluded" / "non_occluded" when named so, else empty
  std::filesystem::path list_file;  // list: the CSV its sites came from
  // `operation`: the pen's or roller's work the pitch or density was derived from.
  std::optional<HoleOperation> operation;
};

// ---- domain and numerics ----------------------------------------------------

enum class LateralBoundary { Periodic, NoFlux };
enum class BottomBoundary { Sink, NoFlux };

struct Domain {
  LateralBoundary lateral = LateralBoundary::Periodic;
  BottomBoundary bottom = BottomBoundary::Sink;
  double width_m = 0.0;   // x extent; default: one pattern period, or one column for intact skin
  double length_m = 0.0;  // y extent; likewise
};

// The rectangle the needles go into (meshes/sites).
inline mesh::SiteArea needle_area(const Domain& domain) {
  return {domain.width_m, domain.length_m, domain.lateral == LateralBoundary::Periodic};
}

struct MeshSettings {
  double lateral_spacing_m = 10e-6;       // `mesh.lateral_spacing`, default 10 um
  int min_cells_per_layer = 4;            // `mesh.min_cells_per_layer`
  double growth = 1.2;                    // `mesh.growth`: max ratio of neighbouring cell heights
  double max_vertical_spacing_m = 50e-6;  // `mesh.max_vertical_spacing`, default 50 um
  double channel_spacing_m = 0.0;  // `mesh.channel_spacing`: lateral cells at channels; 0 = auto
};

struct TimeSettings {
  double end_s = 0.0;                  // `time.end`
  std::vector<double> output_times_s;  // ascending, starts with 0, ends with end_s
  double tolerance = 1e-5;             // `time.tolerance`: local error per step, relative
  double initial_step_s = 1.0;         // `time.initial_step`
  double max_step_s = 0.0;             // `time.max_step`; 0 = no limit beyond the outputs
  // `time.order`: 2 (BDF2, the default) or auto (variable order 1-3, chosen by the
  // error estimates: timestep/VariableOrder.hpp).
  bool variable_order = false;
};

// `solver.backend`: who solves each step's linear system. `hypre` (its PFMG-CG)
// exists only in builds with hypre; the reader refuses it elsewhere.
enum class LinearBackend { Dermaflux, Hypre };

struct SolverSettings {
  // `solver.linear_tolerance`: relative residual of CG. Each step is made conservative
  // whatever it is (Bdf2Integrator), so it sets only the field's accuracy: 1e-8 keeps
  // reported amounts within ~1e-8 of an exact solve, three orders below the time error
  // of time.tolerance = 1e-5 (quick-start: 27 % fewer iterations than 1e-10).
  double linear_tolerance = 1e-8;
  int max_iterations = 5000;                         // `solver.max_iterations`
  LinearBackend backend = LinearBackend::Dermaflux;  // `solver.backend`
};

struct OutputSettings {
  std::filesystem::path directory;  // default: results/<name>, relative to the working directory
  bool vtk = true;
};

// A layer property the case did not give, estimated from the serum's molecular
// weight and log P (input/Estimates.hpp); the value is already in `layers`.
struct Estimate {
  std::string layer;
  std::string property;  // "diffusivity" or "partition"
  double value = 0.0;    // SI: m^2/s, or 1 for a partition coefficient
  std::string formula;
};

struct Case {
  std::string name;                   // [A-Za-z0-9_.-]+, not "." or ".."
  std::filesystem::path source_file;  // the case file it was read from
  std::string skin_preset;            // empty when none was named
  std::vector<Layer> layers;          // surface down; at least one
  std::vector<Estimate> estimates;    // what the reader estimated, in layer order
  Serum serum;
  std::optional<Exposure> exposure;  // needs serum.area_m2
  std::optional<Needles> needles;    // absent: intact skin
  Domain domain;
  MeshSettings mesh;
  TimeSettings time;
  SolverSettings solver;
  OutputSettings output;
};

}  // namespace dermaflux::input
