#include "run/BlockSystem.hpp"

#include <string>

#include "core/Error.hpp"
#include "linear/BlockCgSolver.hpp"
#include "linear/CgStepSolver.hpp"
#include "model/ProblemBuilder.hpp"
#include "parallel/FaceExchange.hpp"
#include "parallel/PieceTransfer.hpp"
#include "parallel/Session.hpp"
#include "run/LinearBackend.hpp"
#include "run/MemoryCheck.hpp"
#ifdef DERMAFLUX_HAVE_HYPRE
#include "linear/HypreStructSolver.hpp"
#endif

namespace dermaflux::run {

BlockSystem::BlockSystem(const input::Case& c, const mesh::LayeredMesh& whole_mesh,
                         const parallel::Block& block, const parallel::RankGroup& ranks)
    : case_(c),
      whole_mesh_(whole_mesh),
      block_(block),
      ranks_(ranks),
      channels_(model::case_channels(c)),
      closure_(channels_, c.needles ? c.needles->closure_half_life_s : std::optional<double>()),
      applied_quantum_(closure_.quantum_at(0.0)),
      problem_(preflight_then_build(closure_.open_channels(applied_quantum_))),
      system_(problem_),
      solver_(make_solver()) {}

BlockSystem::~BlockSystem() = default;

model::Problem BlockSystem::preflight_then_build(const std::vector<mesh::Channel>& open) {
  if (!ranks_.split()) {
    check_memory(whole_mesh_.grid.cell_count());
    return model::build_problem(case_, open);
  }
  // Every rank must know when one of them cannot go on, or the others would
  // wait for it in the first sum.
  const auto shortfall = split_memory_shortfall(block_.cell_count(), parallel::ranks_on_my_node());
  if (ranks_.any(shortfall.has_value()))
    throw UsageError("the case split over " + std::to_string(block_.ranks) +
                     " MPI ranks does not fit in memory" +
                     (shortfall ? ": " + *shortfall : std::string(" on some node")) +
                     "; use more nodes, fewer ranks per node, or a coarser mesh");
  return build_block(open);
}

model::Problem BlockSystem::build_block(const std::vector<mesh::Channel>& open) {
  model::BlockProblem part = model::build_block_problem(case_, whole_mesh_, open, block_);
  faces_ = std::move(part.faces);
  return std::move(part.problem);
}

// Split over ranks our CG with our multigrid split over the blocks
// (linear/BlockCgSolver.hpp), or hypre's PFMG-CG over the ranks' boxes
// (split_runs_use_ours); on one process
// solver.backend, or our CG with our multigrid, whose hierarchy (about a third of a
// run's memory) another backend does not need.
std::unique_ptr<linear::StepSolver> BlockSystem::make_solver() {
  const linear::CgSettings cg = cg_settings(case_.solver);
  if (ranks_.split()) {
    // Every rank must choose the same solver, or each would wait for the other's
    // messages in a different one (a hang): the choice reads the environment, which
    // mpirun need not give every rank alike (-x passes a variable on).
    const bool ours_here = split_runs_use_ours(case_.solver);
    const double ranks_choosing_ours =
        core::sum_over_ranks(ranks_.global_sum(), ours_here ? 1.0 : 0.0);
    if (ranks_choosing_ours != 0.0 && ranks_choosing_ours != static_cast<double>(ranks_.size()))
      throw UsageError(
          "DERMAFLUX_SPLIT_SOLVER=hypre is set on " +
          std::to_string(ranks_.size() - static_cast<int>(ranks_choosing_ours)) + " of " +
          std::to_string(ranks_.size()) +
          " ranks: set it on every rank (mpirun -x DERMAFLUX_SPLIT_SOLVER) or on none");
    if (ours_here) {
      linear::BlockPlace place{block_, {}, {}};
      const mesh::Grid& whole = whole_mesh_.grid;
      for (int i = 0; i < whole.nx(); ++i) place.whole_dx_m.push_back(whole.dx(i));
      for (int j = 0; j < whole.ny(); ++j) place.whole_dy_m.push_back(whole.dy(j));
      auto solver = std::make_unique<linear::BlockCgSolver>(
          system_, cg, ranks_.global_sum(), parallel::world_pieces(), faces_,
          parallel::make_face_exchange(block_), std::move(place), parallel::make_piece_transfer());
      block_cg_ = solver.get();
      return solver;
    }
#ifdef DERMAFLUX_HAVE_HYPRE
    auto solver = std::make_unique<linear::HypreStructSolver>(
        system_, cg, linear::PfmgSettings{},
        linear::StructPiece{block_.first_cell(), block_.whole, faces_, ranks_.global_sum()});
    hypre_piece_ = solver.get();
    return solver;
#else
    // The case reader refuses the key in such a build; a Case made in code may not.
    throw UsageError(
        "solver.backend: hypre, but this build of dermaflux has no hypre (install libhypre-dev "
        "and rebuild with -DDERMAFLUX_WITH_HYPRE=ON)");
#endif
  }
  if (auto backend = make_linear_backend(case_.solver, system_)) return backend;
  multigrid_ = std::make_unique<linear::MultigridPreconditioner>(system_);
  return std::make_unique<linear::CgStepSolver>(system_, *multigrid_, cg);
}

linear::Vector BlockSystem::initial_field() const {
  return Eigen::Map<const linear::Vector>(problem_.initial_potential_kg_m3.data(),
                                          static_cast<Eigen::Index>(problem_.cell_count()));
}

void BlockSystem::forget_initial_field() {
  std::vector<double>().swap(problem_.initial_potential_kg_m3);
}

void BlockSystem::set_geometry_for(double t_s) {
  const long quantum = closure_.quantum_at(t_s);
  if (quantum == applied_quantum_) return;
  applied_quantum_ = quantum;
  if (ranks_.split()) {
    problem_ = build_block(closure_.open_channels(quantum));
    forget_initial_field();
    if (!top_open_) problem_.top = model::TopBoundary::NoFlux;
    if (!top_open_) apply_channel_fluid();
#ifdef DERMAFLUX_HAVE_HYPRE
    if (hypre_piece_) hypre_piece_->set_piece_faces(faces_);
#endif
  } else {
    model::set_channels(problem_, closure_.open_channels(quantum));
  }
  system_.reassemble(problem_);
  if (multigrid_) multigrid_->rebuild();
  if (block_cg_) block_cg_->rebuild(faces_);
}

void BlockSystem::apply_channel_fluid() {
  if (!case_.needles || !case_.needles->tissue_fluid_diffusivity_m2_s) return;
  // Material 0 is the vehicle; with a film compartment only open channels hold it.
  problem_.materials[0].diffusivity_m2_s =
      top_open_ ? case_.serum.diffusivity_m2_s : *case_.needles->tissue_fluid_diffusivity_m2_s;
}

void BlockSystem::set_top_open(bool open) {
  if (open == top_open_) return;
  top_open_ = open;
  // What the block's problem had from the case: the domain's top, if it holds it.
  const bool has_top = block_.has_top() && !case_.serum.infinite_dose;
  problem_.top = open && has_top ? model::TopBoundary::FixedPotential : model::TopBoundary::NoFlux;
  apply_channel_fluid();
  system_.reassemble(problem_);
  if (multigrid_) multigrid_->rebuild();
  if (block_cg_) block_cg_->rebuild(faces_);
}

}  // namespace dermaflux::run
