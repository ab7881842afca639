#include "fit/Uncertainty.hpp"

#include <cmath>
#include <limits>

namespace dermaflux::fit {

double t_quantile_975(int dof) {
  const double z = 1.959963984540054;
  const double v = dof;
  if (dof <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (dof == 1) return 12.7062;
  if (dof == 2) return 4.3027;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

Uncertainty uncertainty(const std::vector<Bounds>& bounds, const Values& values,
                        const Eigen::VectorXd& residuals, const Eigen::MatrixXd& jacobian) {
  const auto p = jacobian.cols();
  const auto n = jacobian.rows();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Uncertainty result;
  result.degrees_of_freedom = static_cast<int>(n - p);
  result.residual_variance = n > p ? residuals.squaredNorm() / static_cast<double>(n - p) : nan;

  // J^T J scaled to unit diagonal: its condition number does not depend on units.
  const Eigen::MatrixXd information = jacobian.transpose() * jacobian;
  Eigen::VectorXd scale = information.diagonal().cwiseSqrt();
  for (Eigen::Index j = 0; j < p; ++j)
    if (!(scale[j] > 0.0)) scale[j] = 1.0;
  const Eigen::MatrixXd scaled =
      scale.cwiseInverse().asDiagonal() * information * scale.cwiseInverse().asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(scaled);
  const double largest = eigen.eigenvalues().maxCoeff();
  const double smallest = eigen.eigenvalues().minCoeff();
  result.condition = smallest > 0.0 ? largest / smallest : std::numeric_limits<double>::infinity();

  // The covariance through the eigen-decomposition; a singular direction gives an
  // infinite variance rather than a meaningless number.
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Constant(p, p, nan);
  if (std::isfinite(result.condition) && std::isfinite(result.residual_variance)) {
    const Eigen::VectorXd inverse = eigen.eigenvalues().cwiseInverse();
    const Eigen::MatrixXd scaled_inverse =
        eigen.eigenvectors() * inverse.asDiagonal() * eigen.eigenvectors().transpose();
    covariance = result.residual_variance * scale.cwiseInverse().asDiagonal() * scaled_inverse *
                 scale.cwiseInverse().asDiagonal();
  }
  result.correlation = Eigen::MatrixXd::Constant(p, p, nan);
  for (Eigen::Index i = 0; i < p; ++i)
    for (Eigen::Index j = 0; j < p; ++j)
      result.correlation(i, j) = covariance(i, j) / std::sqrt(covariance(i, i) * covariance(j, j));
  // Correlation is still defined by J^T J alone when s^2 is not (n == p).
  if (!std::isfinite(result.residual_variance) && std::isfinite(result.condition)) {
    const Eigen::MatrixXd inverse = scaled.inverse();
    for (Eigen::Index i = 0; i < p; ++i)
      for (Eigen::Index j = 0; j < p; ++j)
        result.correlation(i, j) = inverse(i, j) / std::sqrt(inverse(i, i) * inverse(j, j));
  }

  const double t = t_quantile_975(result.degrees_of_freedom);
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto& b = bounds[static_cast<std::size_t>(j)];
    ParameterUncertainty item;
    const double u = to_fitted(b, values[static_cast<std::size_t>(j)]);
    const double half = t * std::sqrt(covariance(j, j));
    item.ci95_low = std::isfinite(half) ? from_fitted(b, u - half) : nan;
    item.ci95_high = std::isfinite(half) ? from_fitted(b, u + half) : nan;
    double worst = 0.0;
    for (Eigen::Index k = 0; k < p; ++k)
      if (k != j && std::isfinite(result.correlation(j, k)))
        worst = std::max(worst, std::abs(result.correlation(j, k)));
    if (!(result.condition <= kMaxCondition)) {
      item.identifiable = false;
      item.why_not =
          "the data cannot tell it apart from the other parameters (J^T J is "
          "nearly singular)";
    } else if (worst > kMaxCorrelation) {
      item.identifiable = false;
      item.why_not =
          "correlated with another parameter beyond 0.999: the data fix only a "
          "combination of them";
    } else if (!std::isfinite(half) || (item.ci95_low <= b.low && item.ci95_high >= b.high)) {
      item.identifiable = false;
      item.why_not = "its 95 % interval spans its whole bounds";
    }
    result.parameters.push_back(item);
  }
  return result;
}

}  // namespace dermaflux::fit
