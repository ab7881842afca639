#pragma once
// Named tolerances used by tests and internal checks, in one place so that a
// reader sees at once how strict each comparison is.

namespace dermaflux::core {

// Matrix-free operator against the assembled reference (relative, max norm).
inline constexpr double kOperatorMatchTolerance = 1e-12;
// A threaded multigrid kernel (line smoother, restriction) against a serial
// reference that sums in another order (relative, max norm).
inline constexpr double kKernelReferenceTolerance = 1e-10;
// Mass balance the time integrator must hold, relative to the dose.
inline constexpr double kMassBalanceTolerance = 1e-9;

}  // namespace dermaflux::core
