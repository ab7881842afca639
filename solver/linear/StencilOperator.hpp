#pragma once
// A linear operator that is a 7-point stencil on a rectilinear grid and shows its
// coefficients: what the multigrid and hypre need beyond apply(). The matrix-free
// diffusion operator (operator/) implements it; linear/ sees only this interface.

#include "linear/LinearOperator.hpp"
#include "stencil/StencilView.hpp"

namespace dermaflux::linear {

class StencilOperator : public LinearOperator {
 public:
  // The current coefficients and shift (valid until the operator changes).
  virtual stencil::StencilView stencil() const = 0;
};

}  // namespace dermaflux::linear
