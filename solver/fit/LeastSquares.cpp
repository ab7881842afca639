#include "fit/LeastSquares.hpp"

#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/NonLinearOptimization>

#include "core/Error.hpp"

namespace dermaflux::fit {
namespace {

double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// Eigen's functor: residuals at z, and their Jacobian in z by forward differences,
// the p perturbed runs in one batch. The last evaluation is kept, since Eigen asks
// for the Jacobian where it has just evaluated the residuals.
class Functor {
 public:
  using Scalar = double;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;

  Functor(const std::vector<Bounds>& bounds, const BatchModel& model, long residual_count,
          double step)
      : bounds_(bounds), model_(model), residual_count_(residual_count), step_(step) {}

  int inputs() const { return static_cast<int>(bounds_.size()); }
  int values() const { return static_cast<int>(residual_count_); }

  int operator()(const Eigen::VectorXd& z, Eigen::VectorXd& residuals) {
    if (last_z_.size() == z.size() && last_z_ == z) {
      residuals = last_residuals_;
      return 0;
    }
    residuals = model_({values_of(z)}).front();
    ++runs;
    last_z_ = z;
    last_residuals_ = residuals;
    return 0;
  }

  int df(const Eigen::VectorXd& z, Eigen::MatrixXd& jacobian) {
    Eigen::VectorXd at;
    (*this)(z, at);
    std::vector<Values> batch;
    std::vector<double> steps;
    for (Eigen::Index j = 0; j < z.size(); ++j) {
      Eigen::VectorXd moved = z;
      steps.push_back(step_ * std::max(1.0, std::abs(z[j])));
      moved[j] += steps.back();
      batch.push_back(values_of(moved));
    }
    const auto results = model_(batch);
    runs += static_cast<long>(batch.size());
    jacobian.resize(at.size(), z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j)
      jacobian.col(j) =
          (results[static_cast<std::size_t>(j)] - at) / steps[static_cast<std::size_t>(j)];
    return 0;
  }

  Values values_of(const Eigen::VectorXd& z) const {
    Values values;
    for (std::size_t j = 0; j < bounds_.size(); ++j)
      values.push_back(value_of_z(bounds_[j], z[static_cast<Eigen::Index>(j)]));
    return values;
  }

  // Residuals already computed at z: not run again.
  void remember(const Eigen::VectorXd& z, const Eigen::VectorXd& residuals) {
    last_z_ = z;
    last_residuals_ = residuals;
  }

  long runs = 0;

 private:
  const std::vector<Bounds>& bounds_;
  const BatchModel& model_;
  long residual_count_;
  double step_;
  Eigen::VectorXd last_z_, last_residuals_;
};

bool converged_status(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  // 6-8: the tolerances cannot be met in floating point: nothing left to gain.
  return status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
         status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall ||
         status == FtolTooSmall || status == XtolTooSmall || status == GtolTooSmall;
}

}  // namespace

double to_fitted(const Bounds& bounds, double value) {
  return bounds.log_space ? std::log(value) : value;
}
double from_fitted(const Bounds& bounds, double u) {
  return bounds.log_space ? std::exp(u) : u;
}

double z_of_value(const Bounds& bounds, double value) {
  const double u_low = to_fitted(bounds, bounds.low), u_high = to_fitted(bounds, bounds.high);
  // Kept off the bounds themselves, where z would be infinite.
  const double s =
      std::clamp((to_fitted(bounds, value) - u_low) / (u_high - u_low), 1e-6, 1.0 - 1e-6);
  return std::log(s / (1.0 - s));
}

double value_of_z(const Bounds& bounds, double z) {
  const double u_low = to_fitted(bounds, bounds.low), u_high = to_fitted(bounds, bounds.high);
  const double value = from_fitted(bounds, u_low + (u_high - u_low) * sigmoid(z));
  return std::clamp(value, bounds.low, bounds.high);  // exp(log(x)) may round past them
}

LeastSquaresResult least_squares(const std::vector<Bounds>& bounds, const Values& start,
                                 const BatchModel& model, const LeastSquaresOptions& options) {
  const auto p = static_cast<Eigen::Index>(bounds.size());
  Eigen::VectorXd z(p);
  int iterations = 0;
  long runs_before = 0;
  if (options.resume_from) {
    z = options.resume_from->z;
    iterations = options.resume_from->iterations;
    runs_before = options.resume_from->runs;
  } else {
    for (Eigen::Index j = 0; j < p; ++j)
      z[j] = z_of_value(bounds[static_cast<std::size_t>(j)], start[static_cast<std::size_t>(j)]);
  }
  // A rounding-level z (the middle of a range, z_of_value(value_of_z(0)) ~ 1e-16) made
  // exactly 0: Eigen's first step bound is factor * |diag z| (MINPACK), which such a z
  // shrinks to ~1e-14, and the fit would crawl and then stop at its start "converged";
  // at z = 0 the bound is factor itself.
  for (Eigen::Index j = 0; j < p; ++j)
    if (std::abs(z[j]) < 1e-9) z[j] = 0.0;
  // The number of residuals, from one run at the start.
  const Residuals first = model({Functor(bounds, model, 0, 0.0).values_of(z)}).front();
  if (first.size() < p)
    throw UsageError("the fit has " + std::to_string(first.size()) + " measured values for " +
                     std::to_string(p) +
                     " parameters: measure at least as many values as parameters are fitted");
  Functor functor(bounds, model, first.size(), options.difference_step);
  functor.remember(z, first);
  functor.runs = 1;
  Eigen::LevenbergMarquardt<Functor> lm(functor);
  lm.parameters.ftol = options.relative_tolerance;
  lm.parameters.xtol = options.relative_tolerance;
  lm.parameters.maxfev = 100000;  // the iteration count is what stops it
  auto status = lm.minimizeInit(z);
  bool converged = false;
  while (iterations < options.max_iterations) {
    status = lm.minimizeOneStep(z);
    ++iterations;
    if (options.on_iteration)
      options.on_iteration({z, iterations, runs_before + functor.runs, lm.fvec.squaredNorm()});
    if (status != Eigen::LevenbergMarquardtSpace::Running) {
      converged = converged_status(status);
      break;
    }
  }
  LeastSquaresResult result;
  result.values = functor.values_of(z);
  functor(z, result.residuals);
  result.objective = result.residuals.squaredNorm();
  result.converged = converged;
  result.iterations = iterations;
  result.runs = runs_before + functor.runs;
  return result;
}

Eigen::MatrixXd fitted_space_jacobian(const std::vector<Bounds>& bounds, const Values& values,
                                      const Residuals& residuals, const BatchModel& model,
                                      double relative_step) {
  std::vector<Values> batch;
  std::vector<double> steps;
  for (std::size_t j = 0; j < bounds.size(); ++j) {
    const double u = to_fitted(bounds[j], values[j]);
    const double u_high = to_fitted(bounds[j], bounds[j].high);
    const double width = u_high - to_fitted(bounds[j], bounds[j].low);
    double step = relative_step * (bounds[j].log_space ? 1.0 : std::max(std::abs(u), width * 1e-3));
    if (u + step > u_high) step = -step;  // backward at the upper bound
    Values moved = values;
    moved[j] = from_fitted(bounds[j], u + step);
    batch.push_back(moved);
    steps.push_back(step);
  }
  const auto results = model(batch);
  Eigen::MatrixXd jacobian(residuals.size(), static_cast<Eigen::Index>(bounds.size()));
  for (std::size_t j = 0; j < bounds.size(); ++j)
    jacobian.col(static_cast<Eigen::Index>(j)) = (results[j] - residuals) / steps[j];
  return jacobian;
}

}  // namespace dermaflux::fit
