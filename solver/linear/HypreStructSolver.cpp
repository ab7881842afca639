#include "linear/HypreStructSolver.hpp"

#include <HYPRE_struct_ls.h>
#include <mpi.h>

#include <array>
#include <cmath>

#include "core/Error.hpp"
#include "linear/HypreRuntime.hpp"
#include "linear/VectorOps.hpp"
#include "parallel/Block.hpp"
#include "stencil/StencilKernels.hpp"

namespace dermaflux::linear {

// Stencil entries: the centre and the three lower neighbours. With a symmetric
// matrix hypre takes each upper coupling from the lower entry of the neighbour.
namespace {
constexpr int kCentre = 0, kWest = 1, kSouth = 2, kBelow = 3;
constexpr std::array<std::array<HYPRE_Int, 3>, 4> kOffsets = {
    {{0, 0, 0}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}};
}  // namespace

struct HypreStructSolver::Hypre {
  // One process solves the whole case: the communicator is the process itself,
  // so that MPI ranks of a task farm each solve their own case.
  MPI_Comm comm = MPI_COMM_SELF;
  std::array<HYPRE_Int, 3> lower{0, 0, 0}, upper{0, 0, 0};
  HYPRE_StructGrid grid = nullptr;
  HYPRE_StructStencil stencil = nullptr;
  HYPRE_StructMatrix matrix = nullptr;
  HYPRE_StructVector b = nullptr, x = nullptr;
  HYPRE_StructSolver pcg = nullptr, pfmg = nullptr;

  void destroy_solvers() {
    if (pcg) HYPRE_StructPCGDestroy(pcg);
    if (pfmg) HYPRE_StructPFMGDestroy(pfmg);
    pcg = pfmg = nullptr;
  }
  ~Hypre() {
    destroy_solvers();
    if (x) HYPRE_StructVectorDestroy(x);
    if (b) HYPRE_StructVectorDestroy(b);
    if (matrix) HYPRE_StructMatrixDestroy(matrix);
    if (stencil) HYPRE_StructStencilDestroy(stencil);
    if (grid) HYPRE_StructGridDestroy(grid);
  }
};

HypreStructSolver::HypreStructSolver(const StencilOperator& system, CgSettings cg,
                                     PfmgSettings pfmg, std::optional<StructPiece> piece)
    : system_(system),
      cg_(cg),
      pfmg_(pfmg),
      piece_(std::move(piece)),
      hypre_(std::make_unique<Hypre>()) {
  ensure_hypre_runtime();
  const stencil::StencilView view = system.stencil();
  const mesh::Grid& g = *view.grid;
  Hypre& h = *hypre_;
  if (piece_) h.comm = MPI_COMM_WORLD;  // every rank holds one box of the one grid
  const std::array<int, 3> first = piece_ ? piece_->offset : std::array<int, 3>{0, 0, 0};
  const std::array<int, 3> whole =
      piece_ ? piece_->whole : std::array<int, 3>{g.nx(), g.ny(), g.nz()};
  h.lower = {first[0], first[1], first[2]};
  h.upper = {first[0] + g.nx() - 1, first[1] + g.ny() - 1, first[2] + g.nz() - 1};
  HYPRE_StructGridCreate(h.comm, 3, &h.grid);
  HYPRE_StructGridSetExtents(h.grid, h.lower.data(), h.upper.data());
  // A direction one cell wide has no lateral face (the operator stores none), so
  // it is left non-periodic rather than coupled to itself.
  std::array<HYPRE_Int, 3> period{0, 0, 0};
  if (view.periodic) {
    if (whole[0] > 1) period[0] = whole[0];
    if (whole[1] > 1) period[1] = whole[1];
  }
  HYPRE_StructGridSetPeriodic(h.grid, period.data());
  HYPRE_StructGridAssemble(h.grid);

  HYPRE_StructStencilCreate(3, static_cast<HYPRE_Int>(kOffsets.size()), &h.stencil);
  for (std::size_t e = 0; e < kOffsets.size(); ++e) {
    std::array<HYPRE_Int, 3> offset = kOffsets[e];
    HYPRE_StructStencilSetElement(h.stencil, static_cast<HYPRE_Int>(e), offset.data());
  }
  HYPRE_StructMatrixCreate(h.comm, h.grid, h.stencil, &h.matrix);
  HYPRE_StructMatrixSetSymmetric(h.matrix, 1);
  HYPRE_StructMatrixInitialize(h.matrix);
  for (HYPRE_StructVector* v : {&h.b, &h.x}) {
    HYPRE_StructVectorCreate(h.comm, h.grid, v);
    HYPRE_StructVectorInitialize(*v);
  }
  entry_.resize(system.size());
  update();
}

HypreStructSolver::~HypreStructSolver() = default;

void HypreStructSolver::update() {
  const stencil::StencilView view = system_.stencil();
  const mesh::Grid& g = *view.grid;
  const int nx = g.nx(), ny = g.ny(), nz = g.nz();
  Hypre& h = *hypre_;
  auto set_entry = [&](int entry) {
    HYPRE_Int index = entry;
    HYPRE_StructMatrixSetBoxValues(h.matrix, h.lower.data(), h.upper.data(), 1, &index,
                                   entry_.data());
  };

  const double shift = view.shift;
  const double* cap = view.capacity;
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const std::size_t c = g.index(i, j, k);
        entry_[c] = shift * cap[c] + view.static_diagonal_at(i, j, k);
      }
  // A block's operator is closed towards its neighbours: their faces join here.
  if (piece_) add_piece_faces_to_centre();
  set_entry(kCentre);

  // The operator stores the face to the +x, +y, +z neighbour; hypre's lower entry
  // of a cell is minus the face its lower neighbour stores. The first cell of a
  // row reads the last one's face: the periodic wrap, or 0 for a closed side.
  const double* tx = view.tx;
  const double* ty = view.ty;
  const double* tz = view.tz;
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        entry_[g.index(i, j, k)] = -tx[g.index(stencil::previous_wrapped(i, nx), j, k)];
  if (piece_) set_piece_faces_below(0);
  set_entry(kWest);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        entry_[g.index(i, j, k)] = -ty[g.index(i, stencil::previous_wrapped(j, ny), k)];
  if (piece_) set_piece_faces_below(1);
  set_entry(kSouth);
#pragma omp parallel for schedule(static)
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        entry_[g.index(i, j, k)] = k > 0 ? -tz[g.index(i, j, k - 1)] : 0.0;
  if (piece_) set_piece_faces_below(2);
  set_entry(kBelow);
  HYPRE_StructMatrixAssemble(h.matrix);

  // PFMG keeps per-setup state (its grid-spacing estimates are coarsened in
  // place) and frees nothing on a second setup: a new matrix needs new solvers.
  h.destroy_solvers();
  HYPRE_StructPFMGCreate(h.comm, &h.pfmg);
  HYPRE_StructPFMGSetMaxIter(h.pfmg, 1);
  HYPRE_StructPFMGSetTol(h.pfmg, 0.0);
  HYPRE_StructPFMGSetZeroGuess(h.pfmg);
  HYPRE_StructPFMGSetRAPType(h.pfmg, pfmg_.rap_type);
  HYPRE_StructPFMGSetRelaxType(h.pfmg, pfmg_.relax_type);
  HYPRE_StructPFMGSetNumPreRelax(h.pfmg, pfmg_.pre_sweeps);
  HYPRE_StructPFMGSetNumPostRelax(h.pfmg, pfmg_.post_sweeps);
  HYPRE_StructPFMGSetSkipRelax(h.pfmg, pfmg_.skip_relax ? 1 : 0);

  HYPRE_StructPCGCreate(h.comm, &h.pcg);
  HYPRE_StructPCGSetTol(h.pcg, cg_.relative_tolerance);
  HYPRE_StructPCGSetMaxIter(h.pcg, cg_.max_iterations);
  HYPRE_StructPCGSetTwoNorm(h.pcg, 1);  // ||r|| / ||b||, as our CG (default: the C-norm)
  HYPRE_StructPCGSetRelChange(h.pcg, 0);
  HYPRE_StructPCGSetPrecond(h.pcg, HYPRE_StructPFMGSolve, HYPRE_StructPFMGSetup, h.pfmg);
  HYPRE_StructPCGSetup(h.pcg, h.matrix, h.b, h.x);
}

void HypreStructSolver::set_piece_faces(std::array<std::vector<double>, 6> faces) {
  if (piece_) piece_->faces = std::move(faces);
}

// Calls visit(cell, face) for every cell of the block's layer along `axis` at
// its lower (side 0) or upper (side 1) end, with its index in the piece's face
// list.
template <class Visit>
void HypreStructSolver::for_each_face_cell(int axis, int side, Visit&& visit) const {
  const mesh::Grid& g = *system_.stencil().grid;
  const std::array<int, 3> cells{g.nx(), g.ny(), g.nz()};
  const int layer = side == 0 ? 0 : cells[static_cast<std::size_t>(axis)] - 1;
  parallel::for_each_face_cell(cells, axis, layer, [&](std::array<int, 3> at, std::size_t face) {
    visit(g.index(at[0], at[1], at[2]), face);
  });
}

void HypreStructSolver::add_piece_faces_to_centre() {
  for (int axis = 0; axis < 3; ++axis)
    for (int side = 0; side < 2; ++side) {
      const auto& faces = piece_->faces[static_cast<std::size_t>(2 * axis + side)];
      if (faces.empty()) continue;
      for_each_face_cell(axis, side,
                         [&](std::size_t cell, std::size_t face) { entry_[cell] += faces[face]; });
    }
}

// The lower entry of the block's first layer along `axis`: minus the face to the
// neighbour below (hypre takes the upper ones from the neighbours' lower entries).
void HypreStructSolver::set_piece_faces_below(int axis) {
  const auto& faces = piece_->faces[static_cast<std::size_t>(2 * axis)];
  if (faces.empty()) return;
  for_each_face_cell(axis, 0,
                     [&](std::size_t cell, std::size_t face) { entry_[cell] = -faces[face]; });
}

SolveStats HypreStructSolver::solve(const Vector& b, Vector& x) {
  if (static_cast<std::size_t>(b.size()) != system_.size() || b.size() != x.size())
    throw NumericalError("HypreStructSolver::solve: b or x has the wrong size");
  Hypre& h = *hypre_;
  SolveStats stats;
  Vector residual;
  if (piece_) {
    // The block's own operator lacks its neighbours' couplings: the norms come
    // from the ranks' sums and the final residual from hypre.
    stats.rhs_norm = std::sqrt(core::sum_over_ranks(piece_->sum, dot(b, b)));
  } else {
    residual.resize(b.size());
    system_.apply(x, residual);
    stats.initial_residual = norm(b - residual);
    stats.rhs_norm = norm(b);
  }

  // hypre takes non-const arrays; it copies them into its own vectors.
  // Solved for x / ||b||: amounts in SI are tiny (1e-12 and below), and hypre's
  // PCG stops with a convergence error when its inner products fall to the
  // subnormal range. The relative criterion does not change.
  const double scale = stats.rhs_norm > 0.0 ? 1.0 / stats.rhs_norm : 1.0;
  Vector rhs = b * scale;
  Vector guess = x * scale;
  HYPRE_StructVectorSetBoxValues(h.b, h.lower.data(), h.upper.data(), rhs.data());
  HYPRE_StructVectorAssemble(h.b);
  HYPRE_StructVectorSetBoxValues(h.x, h.lower.data(), h.upper.data(), guess.data());
  HYPRE_StructVectorAssemble(h.x);

  const HYPRE_Int error = HYPRE_StructPCGSolve(h.pcg, h.matrix, h.b, h.x);
  // Not converging is reported through the stats, as by our CG; hypre's error
  // flag is global and would otherwise stick to the next call.
  HYPRE_ClearAllErrors();
  HYPRE_Int iterations = 0;
  HYPRE_StructPCGGetNumIterations(h.pcg, &iterations);
  HYPRE_StructVectorGetBoxValues(h.x, h.lower.data(), h.upper.data(), guess.data());
  x = guess / scale;

  stats.iterations = static_cast<int>(iterations);
  if (piece_) {
    double relative = 0.0;
    HYPRE_StructPCGGetFinalRelativeResidualNorm(h.pcg, &relative);
    stats.final_residual = relative * stats.rhs_norm;
  } else {
    system_.apply(x, residual);
    stats.final_residual = norm(b - residual);
  }
  stats.converged = !(error & HYPRE_ERROR_CONV) && std::isfinite(stats.final_residual);
  return stats;
}

}  // namespace dermaflux::linear
