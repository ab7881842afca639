#pragma once
// A follicular shunt in parallel with the stratum corneum (`skin.follicles`), for the
// Dancik/Kasting estimates (skin.estimates: kasting). Off unless a case names it.
//
// Each hair follicle is taken as an open pore through the stratum corneum: the active
// diffuses in the vehicle that fills the orifice around the hair shaft, across the
// barrier's thickness h, and spreads from the orifice into the viable tissue below.
// Per follicle the two steps are in series:
//   g_lumen  = (pi / 4) (d_orifice^2 - d_hair^2) D_vehicle / h      (Fick, open annulus)
//   g_access = 4 a D_tissue K_tissue, a = d_orifice / 2              (steady flux from a
//              disc held at a fixed concentration into a half-space: the access or
//              spreading conductance of a disc, the microdisc-electrode result
//              i = 4 n F D C a; checked by tests/validation/FollicleAccessTest.cpp)
// and P_follicles = n / (1 / g_lumen + 1 / g_access) per area of skin, n the follicle
// density. The geometry is published per species and site (presets below); nothing is
// fitted. It is the upper bound of the follicular route: it assumes the infundibulum is
// open (no sebum plug, no barrier in its lining below the surface layer's depth).
//
// Preset `porcine_ear`: Jacobi et al., Skin Res Technol 2007, 13:19 (abstract): 11-25
// hairs per cm^2, hair diameter 58-97 um, infundibular orifices ~200 um, follicles
// 0.96-1.38 mm deep; the middle of each range (18 per cm^2, 77.5 um) and 200 um.

#include <optional>
#include <string>
#include <string_view>

namespace dermaflux::input {

struct Follicles {
  std::string preset;  // the preset's name, empty when the case gives the numbers
  double density_per_m2 = 0.0;
  double orifice_diameter_m = 0.0;
  double hair_diameter_m = 0.0;  // 0: an empty orifice
};

// The follicles of a named skin site (`porcine_ear`), or nullopt for an unknown name.
std::optional<Follicles> follicle_preset(std::string_view name);
inline constexpr std::string_view kFollicleSourcePorcineEar =
    "Jacobi et al., Skin Res Technol 2007, 13:19";

// The shunt's permeability per area of skin (m/s, with respect to the vehicle's
// concentration): n / (1 / g_lumen + 1 / g_access), above.
double follicular_permeability_m_s(const Follicles& follicles, double vehicle_diffusivity_m2_s,
                                   double barrier_thickness_m, double tissue_diffusivity_m2_s,
                                   double tissue_partition);

}  // namespace dermaflux::input
