#pragma once
// A layer diffusivity or partition a case gives belongs to the case's own active.
// `dermaflux compare` estimates what the case leaves out for each serum anew
// (SerumChoice::with_serum), but a value the case gives would be reused for every
// serum: that happens only with `--same-skin`, and is said, never silently.

#include <string>
#include <vector>

#include "input/Case.hpp"
#include "run/Compare.hpp"

namespace dermaflux::run {

// The layer values `c` gives rather than estimates, layer by layer:
// "stratum_corneum diffusivity and partition, dermis partition"; empty when it
// estimates them all.
std::string given_layer_values(const input::Case& c);

// Same active name, molecular weight and log P: the same layer values hold.
bool same_active(const input::Serum& a, const input::Serum& b);

// Throws UsageError, naming the case file, the values it gives and the way out,
// when `base` gives layer values and some serum is another active, unless
// `same_skin`. Returns the line that says which values every serum reuses, or ""
// when no other active reuses any.
std::string check_same_skin(const input::Case& base, const std::vector<SerumChoice>& serums,
                            bool same_skin);

}  // namespace dermaflux::run
