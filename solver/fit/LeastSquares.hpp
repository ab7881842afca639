#pragma once
// Bounded nonlinear least squares for `dermaflux fit`: Eigen's Levenberg-Marquardt
// (unsupported/Eigen/NonLinearOptimization, MINPACK's lmder translated). Why it:
// Eigen is already a dependency (no new package), it is MINPACK's well-tested
// algorithm, it takes a user Jacobian (ours: forward differences of whole runs, a
// batch of runs at once) and it can be driven one iteration at a time, which the
// resumable fit needs. Ceres or NLopt would add a package for a problem of a few
// parameters whose cost is all in the model runs.
//
// Bounds: each parameter is fitted as z with
//   u = u_low + (u_high - u_low) * sigmoid(z),   value = exp(u) or u,
// where u = log(value) for parameters fitted in log space (positive, spanning
// decades) and u = value otherwise; z is unbounded, the value never leaves its bounds.
//
// The model is a function of a batch of parameter vectors (values, SI) returning
// the residual vector of each: the runs of one Jacobian go out together.

#include <Eigen/Dense>
#include <functional>
#include <optional>
#include <vector>

namespace dermaflux::fit {

struct Bounds {
  double low = 0.0, high = 0.0;  // value space
  bool log_space = false;
};

// value <-> u (the fitted space: log or linear) <-> z (unbounded).
double to_fitted(const Bounds& bounds, double value);
double from_fitted(const Bounds& bounds, double u);
double z_of_value(const Bounds& bounds, double value);
double value_of_z(const Bounds& bounds, double z);

using Values = std::vector<double>;
using Residuals = Eigen::VectorXd;
using BatchModel = std::function<std::vector<Residuals>(const std::vector<Values>&)>;

struct Iterate {
  Eigen::VectorXd z;  // where the fit stands
  int iterations = 0;
  long runs = 0;           // model evaluations so far
  double objective = 0.0;  // sum of squared residuals at z
};

struct LeastSquaresOptions {
  int max_iterations = 40;
  double relative_tolerance = 1e-6;  // on the objective's and the step's relative change
  // Forward-difference step in z; the model's own noise (time.tolerance) sets its floor.
  double difference_step = 1e-2;
  std::optional<Iterate> resume_from;                // a saved iterate to start from
  std::function<void(const Iterate&)> on_iteration;  // after each completed iteration
};

struct LeastSquaresResult {
  Values values;  // at the optimum
  Eigen::VectorXd residuals;
  double objective = 0.0;
  bool converged = false;
  int iterations = 0;
  long runs = 0;
};

LeastSquaresResult least_squares(const std::vector<Bounds>& bounds, const Values& start,
                                 const BatchModel& model, const LeastSquaresOptions& options);

// d residual / d u at `values` by forward differences in u (backward where a step
// forward would leave the bounds), its p runs in one batch.
Eigen::MatrixXd fitted_space_jacobian(const std::vector<Bounds>& bounds, const Values& values,
                                      const Residuals& residuals, const BatchModel& model,
                                      double relative_step = 1e-2);

}  // namespace dermaflux::fit
