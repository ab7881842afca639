#pragma once
// This rank's numerics of a run: the problem of its block of cells (the whole
// case on one process), the operator, and the step solver the integrator hands
// every step to — our CG with the multigrid, or hypre (solver.backend; split over
// ranks, parallel/Block.hpp: ours, or hypre as run/LinearBackend.hpp says). As channels close it
// re-rasterises the geometry and brings the operator and the solver up to date.

#include <array>
#include <memory>
#include <vector>

#include "input/Case.hpp"
#include "linear/Multigrid.hpp"
#include "linear/StepSolver.hpp"
#include "meshes/LayeredMesh.hpp"
#include "model/ChannelClosure.hpp"
#include "model/Problem.hpp"
#include "operator/DiffusionOperator.hpp"
#include "parallel/Block.hpp"
#include "parallel/RankGroup.hpp"

namespace dermaflux::linear {
class BlockCgSolver;
class HypreStructSolver;
}  // namespace dermaflux::linear

namespace dermaflux::run {

class BlockSystem {
 public:
  // Refuses a case that will not fit in memory (UsageError) before building it;
  // split over ranks, every rank stops when any cannot go on. `whole_mesh`
  // (model::case_mesh), `block` and `ranks` must outlive this.
  BlockSystem(const input::Case& c, const mesh::LayeredMesh& whole_mesh,
              const parallel::Block& block, const parallel::RankGroup& ranks);
  ~BlockSystem();
  BlockSystem(const BlockSystem&) = delete;
  BlockSystem& operator=(const BlockSystem&) = delete;

  const model::Problem& problem() const { return problem_; }
  op::DiffusionOperator& system() { return system_; }
  const op::DiffusionOperator& system() const { return system_; }
  linear::StepSolver& solver() { return *solver_; }
  const std::vector<mesh::Channel>& channels() const { return channels_; }

  // The problem's initial field; forget_initial_field() frees the problem's copy
  // once the integrator holds it.
  linear::Vector initial_field() const;
  void forget_initial_field();

  bool channels_close() const { return closure_.closes(); }
  // The channel geometry of time t (closure): re-rasterised when t falls in
  // another quantum of the radius scale than the geometry in use.
  void set_geometry_for(double t_s);

  // A film compartment's top (timestep/FilmCompartment.hpp): open while film is on
  // the skin, closed (no flux) before the first application and after a wipe-off.
  // Only a block holding the top plane has a top to open.
  void set_top_open(bool open);

 private:
  model::Problem preflight_then_build(const std::vector<mesh::Channel>& open);
  // This rank's block; the faces to its neighbours are kept for the solver.
  model::Problem build_block(const std::vector<mesh::Channel>& open);
  std::unique_ptr<linear::StepSolver> make_solver();
  // The channels' fluid: the serum while the top is open (film on the skin), tissue
  // fluid otherwise when the case gives needles.tissue_fluid_diffusivity.
  void apply_channel_fluid();

  const input::Case& case_;
  const mesh::LayeredMesh& whole_mesh_;
  const parallel::Block& block_;
  const parallel::RankGroup& ranks_;
  std::vector<mesh::Channel> channels_;
  model::ChannelClosure closure_;
  long applied_quantum_ = 0;
  bool top_open_ = true;  // a film compartment's top (set_top_open)
  // Split over ranks: the faces to the neighbour blocks.
  std::array<std::vector<double>, 6> faces_;
  model::Problem problem_;
  op::DiffusionOperator system_;
  std::unique_ptr<linear::MultigridPreconditioner> multigrid_;  // our CG's, when ours
  linear::BlockCgSolver* block_cg_ = nullptr;                   // solver_ of a split run, when ours
#ifdef DERMAFLUX_HAVE_HYPRE
  linear::HypreStructSolver* hypre_piece_ = nullptr;  // solver_ of a run split over ranks
#endif
  std::unique_ptr<linear::StepSolver> solver_;
};

}  // namespace dermaflux::run
