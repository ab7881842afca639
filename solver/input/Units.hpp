#pragma once
// Physical quantities as users write them: "<number> <unit>", e.g. "15 um",
// "2.5e-10 cm^2/s", "24 h", "30 mg/mL", "10 uL/cm^2", "194.2 g/mol", "1e-4 1/s".
// Parsed once at the edge of the program into SI doubles; nothing inside the solver
// ever sees a unit string.

#include <string>
#include <string_view>

namespace dermaflux::input {

// The dimensions the case format uses. Each is a product of powers of
// mass (kg), length (m), time (s) and amount of substance (mol).
enum class Dimension {
  Length,             // m            (um, µm, mm, cm, m, nm)
  Time,               // s            (s, min, h, d)
  Diffusivity,        // m^2/s        (cm^2/s, cm2/s, m^2/s, um^2/s, cm^2/h, ...)
  Concentration,      // kg/m^3       (mg/mL, g/L, ug/mL, %w/v ...); 1 mg/mL = 1 kg/m^3
  VolumePerArea,      // m^3/m^2 = m  (uL/cm^2, mL/cm^2, um); a dose is a film thickness
  MolarMass,          // kg/mol       (g/mol, Da, kDa)
  Rate,               // 1/s          (1/s, 1/min, 1/h)
  PerArea,            // 1/m^2        (1/cm^2, 1/mm^2, cm^-2): a number of needles per area
  Area,               // m^2          (cm^2, mm^2, m^2): a treated area
  Mass,               // kg           (kg, g): a body weight
  EvaporationRate,    // m^3/m^2/s = m/s (uL/cm^2/h, um/h): volume lost per area and time
  DosePerBodyWeight,  // kg/kg/s = 1/s (mg/kg/day): a NOAEL; written back in 1/s
  Speed,              // m/s          (cm/s, mm/s): a microneedling pen's glide speed
};

// "a length such as \"15 um\"" — used in error messages.
std::string describe(Dimension dimension);

// The unit the program writes back for a dimension in SI ("m", "s", "m^2/s",
// "kg/m^3", "kg/mol", "1/s", "1/m^2", "m^2", "kg", "m/s"; VolumePerArea is written as "m",
// DosePerBodyWeight as "1/s").
std::string si_unit(Dimension dimension);

// Parses `text` as a quantity of the given dimension and returns its SI value.
// Throws UnitError with a sentence saying what is wrong (no number, unknown unit,
// wrong dimension — naming the dimension found —, NaN or infinite value).
double parse_quantity(std::string_view text, Dimension expected);

// Writes an SI value back as a quantity string that parses to exactly the same
// double: shortest round-trip digits followed by si_unit(), e.g. "1.5e-05 m".
std::string format_si(double value_si, Dimension dimension);

// Writes a value in the unit users usually read for that dimension (um, h,
// cm^2/s, mg/mL, uL/cm^2, g/mol, 1/s, 1/cm^2, cm^2, kg, uL/cm^2/h, mg/kg/day), rounded to 6
// significant digits; for comments and tables, not for round trips.
std::string format_friendly(double value_si, Dimension dimension);

// Why a quantity string was rejected; the case reader adds file, line and key path.
class UnitError : public std::exception {
 public:
  explicit UnitError(std::string reason) : reason_(std::move(reason)) {}
  const char* what() const noexcept override { return reason_.c_str(); }

 private:
  std::string reason_;
};

}  // namespace dermaflux::input
