#pragma once
// hypre's PFMG-preconditioned CG on the implicit-step operator S = shift * C + A,
// the reference DESIGN.md asks our multigrid to match, as a StepSolver
// (`solver.backend: hypre`) and a benchmark peer.
//
// The operator's arrays become a hypre StructMatrix on one process: a symmetric
// 7-point stencil stored as its centre and the -x, -y, -z entries, periodic in x
// and y when the operator is. PFMG is one V-cycle from a zero guess with
// symmetric red-black Gauss-Seidel and skip-relax for anisotropy (see
// PfmgSettings for why not weighted Jacobi). CG stops at the same
// criterion as ours: ||b - S x|| <= tolerance * ||b||.
//
// Available only in builds with hypre (DERMAFLUX_HAVE_HYPRE).

#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "core/GlobalSum.hpp"
#include "linear/ConjugateGradient.hpp"
#include "linear/StencilOperator.hpp"
#include "linear/StepSolver.hpp"

namespace dermaflux::linear {

struct PfmgSettings {
  // Symmetric red-black Gauss-Seidel with non-Galerkin (ParFlow) coarse operators:
  // with weighted Jacobi and Galerkin coarsening the preconditioner turned
  // indefinite on needled cells (1e5 coefficient contrast, graded lateral mesh)
  // and hypre's PCG broke down after a few iterations ("negative gamma").
  int relax_type = 2;  // hypre: 0 Jacobi, 1 weighted Jacobi, 2 / 3 red-black GS
  int rap_type = 1;    // 0 Galerkin, 1 non-Galerkin (ParFlow)
  int pre_sweeps = 1;
  int post_sweeps = 1;
  bool skip_relax = true;  // relax only where coarsening changed direction
};

// This process's block of a case split over the ranks of MPI_COMM_WORLD
// (parallel/Block.hpp): the operator holds the cells from `offset` on, closed
// where they meet the neighbour blocks, and `faces` are the transmissibilities
// of those faces, laid out as model::BlockProblem's. hypre couples the ranks'
// boxes through them and exchanges the halos itself.
struct StructPiece {
  std::array<int, 3> offset{0, 0, 0};  // global index of the block's first cell
  std::array<int, 3> whole{0, 0, 0};   // the whole grid's cells along x, y, z
  std::array<std::vector<double>, 6> faces;
  core::GlobalSum sum;  // over the ranks, for the norms of b
};

class HypreStructSolver final : public StepSolver {
 public:
  HypreStructSolver(const StencilOperator& system, CgSettings cg, PfmgSettings pfmg = {},
                    std::optional<StructPiece> piece = std::nullopt);
  ~HypreStructSolver() override;
  HypreStructSolver(const HypreStructSolver&) = delete;
  HypreStructSolver& operator=(const HypreStructSolver&) = delete;

  // Copies the operator's current stencil and diagonal (shift included) into the
  // hypre matrix and sets PFMG-CG up anew.
  void update() override;
  // A split run's new faces between the blocks (channel closure), for the next
  // update().
  void set_piece_faces(std::array<std::vector<double>, 6> faces);
  SolveStats solve(const Vector& b, Vector& x) override;

 private:
  struct Hypre;  // the hypre objects, kept out of this header
  template <class Visit>
  void for_each_face_cell(int axis, int side, Visit&& visit) const;
  void add_piece_faces_to_centre();
  void set_piece_faces_below(int axis);
  const StencilOperator& system_;
  CgSettings cg_;
  PfmgSettings pfmg_;
  std::optional<StructPiece> piece_;
  std::unique_ptr<Hypre> hypre_;
  std::vector<double> entry_;  // one stencil entry for every cell, for SetBoxValues
};

}  // namespace dermaflux::linear
