#pragma once
// How sure a least-squares fit is, from the Jacobian at the optimum (Bates & Watts,
// Nonlinear Regression Analysis and Its Applications, 1988, ch. 2.3): the covariance
// s^2 (J^T J)^-1 with s^2 = SSR / (n - p), in the fitted space (log for parameters
// spanning decades, where the intervals are closer to symmetric), its 95 % intervals
// u +- t(0.975, n - p) sigma mapped back to values, and the correlation matrix.
//
// A parameter is not identifiable from the data when the scaled J^T J is nearly
// singular (condition number above kMaxCondition), when it is correlated with
// another beyond kMaxCorrelation, or when its interval spans its whole bounds.

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "fit/LeastSquares.hpp"

namespace dermaflux::fit {

inline constexpr double kMaxCondition = 1e8;
// 0.999, not 0.99: D and K of a membrane measured through its lag are correlated
// near -0.997 yet both fixed to a few per cent; data that fix only their product
// (steady state) give |r| > 0.9999.
inline constexpr double kMaxCorrelation = 0.999;

struct ParameterUncertainty {
  double ci95_low = 0.0, ci95_high = 0.0;  // value space; NaN when undetermined
  bool identifiable = true;
  std::string why_not;  // when not identifiable
};

struct Uncertainty {
  std::vector<ParameterUncertainty> parameters;
  Eigen::MatrixXd correlation;  // NaN entries when undetermined
  double condition = 0.0;       // of the scaled J^T J
  double residual_variance = 0.0;
  int degrees_of_freedom = 0;
};

// `jacobian` is d residual / d u (fitted_space_jacobian) at `values`.
Uncertainty uncertainty(const std::vector<Bounds>& bounds, const Values& values,
                        const Eigen::VectorXd& residuals, const Eigen::MatrixXd& jacobian);

// Student's t quantile for 97.5 % with `dof` degrees of freedom (Cornish-Fisher
// expansion about the normal quantile 1.96; within 0.1 % for dof >= 3).
double t_quantile_975(int dof);

}  // namespace dermaflux::fit
