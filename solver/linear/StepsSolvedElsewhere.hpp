#pragma once
// The preconditioner slot of a time integrator whose steps another solver takes
// (a StepSolver: hypre): the integrator needs one, nothing ever applies it, and
// building our multigrid for it would only cost memory.

#include <stdexcept>

#include "linear/LinearOperator.hpp"

namespace dermaflux::linear {

class StepsSolvedElsewhere final : public Preconditioner {
 public:
  explicit StepsSolvedElsewhere(std::size_t size) : size_(size) {}
  std::size_t size() const override { return size_; }
  void update() override {}

 private:
  void apply_impl(const Vector&, Vector&) const override {
    throw std::logic_error("the step solver's preconditioner was applied");
  }
  std::size_t size_;
};

}  // namespace dermaflux::linear
