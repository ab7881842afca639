#pragma once
// Crank, The Mathematics of Diffusion (2nd ed.), section 4.3.2: a membrane of
// thickness h, partition K, diffusivity D, initially empty, held at vehicle
// concentration C0 on top and at 0 below (infinite dose onto a sink).

#include <cmath>

namespace dermaflux::testing {

struct CrankMembrane {
  double h, D, K, C0;

  // Cumulative amount per area through the bottom, eq. 4.24a.
  double amount(double t) const {
    double series = 0.0;
    for (int n = 1; n <= 400; ++n)
      series += (n % 2 ? -1.0 : 1.0) / (n * n) * std::exp(-D * n * n * M_PI * M_PI * t / (h * h));
    return K * h * C0 * (D * t / (h * h) - 1.0 / 6.0 - 2.0 / (M_PI * M_PI) * series);
  }
  // Potential u = c / K at depth x below the top, eq. 4.22 with C1 = K C0, C2 = 0.
  double potential(double x, double t) const {
    double series = 0.0;
    for (int n = 1; n <= 400; ++n)
      series += std::sin(n * M_PI * x / h) / n * std::exp(-D * n * n * M_PI * M_PI * t / (h * h));
    return C0 * (1.0 - x / h) - 2.0 * C0 / M_PI * series;
  }
  double steady_flux() const { return K * D * C0 / h; }
  double lag_time() const { return h * h / (6.0 * D); }
};

}  // namespace dermaflux::testing
