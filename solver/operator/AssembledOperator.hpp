#pragma once
// The same operator as an explicit Eigen sparse matrix, assembled face by face
// straight from the Problem. It is the reference the matrix-free stencil is tested
// against and what Eigen's own solvers run on in the peer benchmarks.

#include <Eigen/SparseCore>

#include "model/Problem.hpp"

namespace dermaflux::op {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// shift * diag(capacity) + A, symmetric positive definite.
SparseMatrix assemble_operator(const model::Problem& problem, double shift);

}  // namespace dermaflux::op
