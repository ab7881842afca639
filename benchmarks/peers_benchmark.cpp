// Whole-solve peers on the same grid, steps and tolerance, in one run
// (DESIGN.md, "Performance yardsticks"): dermaflux's MG-preconditioned CG,
// hypre's PFMG-CG (one process, one thread: Debian builds hypre without OpenMP),
// Eigen's ConjugateGradient on the assembled matrix (diagonal, and optionally
// incomplete-Cholesky preconditioning). Prints one JSON document.
//
//   build/release/benchmarks/bench_peers --cells 100000,1000000 --steps 10 --repeat 3
//   build/release/benchmarks/bench_peers --problem homogeneous --export-grid grid.json
//   build/release/benchmarks/bench_peers --problem uniform --cells 655360 --steps 100 --dt 864
//
// Solvers are interleaved within every repeat, so that all of them see the same
// machine load; `summary` gives the median of each and its ratio to dermaflux.

#include <omp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "PeerProblem.hpp"
#include "PeerSolvers.hpp"

namespace {

using dermaflux::bench::PeerRun;
using dermaflux::linear::Vector;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// max |u - reference| / max |reference|: pointwise ratios mean nothing where the
// field is still ~0.
double max_relative_difference(const Vector& u, const Vector& reference) {
  return (u - reference).lpNorm<Eigen::Infinity>() / reference.lpNorm<Eigen::Infinity>();
}

void write_raw(const std::string& path, const Vector& u) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(u.data()),
            static_cast<std::streamsize>(u.size() * sizeof(double)));
}

}  // namespace

int main(int argc, char** argv) {
  namespace bench = dermaflux::bench;
  CLI::App app{"dermaflux linear-solver peers, measured in the same run"};
  std::vector<std::size_t> sizes{100000, 1000000};
  std::string problem_name = "layered";
  std::vector<std::string> solvers{"dermaflux", "dermaflux-1thread", "hypre", "hypre-galerkin",
                                   "eigen"};
  bench::StepPlan plan;
  int repeat = 3;
  int threads = omp_get_max_threads();
  std::string export_grid, write_solution;
  app.add_option("--cells", sizes, "approximate cell counts")->delimiter(',');
  app.add_option("--problem", problem_name, "layered, homogeneous or uniform (a uniform box)")
      ->check(CLI::IsMember({"layered", "homogeneous", "uniform"}));
  app.add_option("--solvers", solvers,
                 "dermaflux, dermaflux-1thread, hypre, hypre-galerkin, eigen, eigen-ic (incomplete "
                 "Cholesky)")
      ->delimiter(',');
  app.add_option("--steps", plan.steps, "implicit steps");
  app.add_option("--dt", plan.dt_s, "step size in s");
  app.add_option("--tolerance", plan.tolerance, "relative residual, every solver");
  app.add_option("--repeat", repeat, "repeats; the summary takes medians");
  app.add_option("--threads", threads, "OpenMP threads of the multithreaded solvers");
  app.add_option("--export-grid", export_grid,
                 "write the grid of the first size as JSON to this file and stop");
  app.add_option("--write-solution", write_solution,
                 "write dermaflux's last field (raw doubles) to this file");
  CLI11_PARSE(app, argc, argv);

  const auto kind = problem_name == "layered"       ? bench::PeerKind::Layered
                    : problem_name == "homogeneous" ? bench::PeerKind::Homogeneous
                                                    : bench::PeerKind::Uniform;
  if (!export_grid.empty()) {
    std::ofstream(export_grid) << bench::grid_json(bench::peer_problem(kind, sizes.front()));
    return 0;
  }

  nlohmann::json report;
  report["plan"] = {{"problem", problem_name},     {"steps", plan.steps}, {"dt_s", plan.dt_s},
                    {"tolerance", plan.tolerance}, {"repeat", repeat},    {"threads", threads}};
  for (const std::size_t size : sizes) {
    const auto problem = bench::peer_problem(kind, size);
    const auto& g = problem.mesh.grid;
    std::map<std::string, std::vector<double>> wall;
    std::map<std::string, nlohmann::json> last;
    for (int r = 0; r < repeat; ++r) {
      Vector reference;
      for (const std::string& name : solvers) {
        PeerRun run;
        if (name == "dermaflux")
          run = bench::run_dermaflux(problem, plan, threads);
        else if (name == "dermaflux-1thread")
          run = bench::run_dermaflux(problem, plan, 1);
        else if (name == "eigen")
          run = bench::run_eigen_cg(problem, plan, threads, false);
        else if (name == "eigen-ic")
          run = bench::run_eigen_cg(problem, plan, threads, true);
#ifdef DERMAFLUX_HAVE_HYPRE
        else if (name == "hypre")
          run = bench::run_hypre(problem, plan, {});
        else if (name == "hypre-galerkin")
          run = bench::run_hypre(problem, plan, {.relax_type = 1, .rap_type = 0});
#endif
        else {
          std::cerr << "bench_peers: unknown or unavailable solver " << name << "\n";
          return 2;
        }
        if (name == "dermaflux" || reference.size() == 0) reference = run.u;
        if (name == "dermaflux" && !write_solution.empty()) write_raw(write_solution, run.u);
        const double total = run.setup_s + run.steps_s;
        wall[name].push_back(total);
        nlohmann::json entry = {
            {"cells", g.cell_count()},
            {"grid", {g.nx(), g.ny(), g.nz()}},
            {"repeat", r},
            {"solver", name},
            {"label", run.solver},
            {"threads", run.threads},
            {"setup_s", run.setup_s},
            {"steps_s", run.steps_s},
            {"wall_s", total},
            {"iterations", run.iterations},
            {"converged", run.converged},
            {"max_rel_diff_to_dermaflux", max_relative_difference(run.u, reference)}};
        report["runs"].push_back(entry);
        last[name] = entry;
        std::cerr << g.cell_count() << " cells, repeat " << r << ": " << name << " " << total
                  << " s, " << run.iterations << " iterations\n";
      }
    }
    const double dermaflux_median = wall.count("dermaflux") ? median(wall["dermaflux"]) : 0.0;
    for (const std::string& name : solvers) {
      const double m = median(wall[name]);
      report["summary"].push_back(
          {{"cells", g.cell_count()},
           {"solver", name},
           {"threads", last[name]["threads"]},
           {"median_wall_s", m},
           {"iterations", last[name]["iterations"]},
           {"max_rel_diff_to_dermaflux", last[name]["max_rel_diff_to_dermaflux"]},
           {"wall_ratio_to_dermaflux", dermaflux_median > 0.0 ? m / dermaflux_median : 0.0}});
    }
  }
  std::cout << report.dump(2) << "\n";
  return 0;
}
