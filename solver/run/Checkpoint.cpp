#include "run/Checkpoint.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/Error.hpp"
#include "io/AtomicFile.hpp"
#include "io/BinaryArchive.hpp"

namespace dermaflux::run {
namespace {

constexpr std::uint64_t kMagic = 0x31544b4358464400ull;  // "\0DFXCKT1"
// 2: the history's restart count, a film compartment's state, film columns in rows.
// 3: variable order's state (write_variable_order). Version 2 is still read: its
// runs resume as before, a variable-order one climbing again from BDF2.
constexpr std::uint32_t kVersion = 3;
constexpr std::uint32_t kOldestReadableVersion = 2;

void write_vector(io::ArchiveWriter& out, const linear::Vector& v) {
  out.doubles(v.data(), static_cast<std::size_t>(v.size()));
}

linear::Vector read_vector(io::ArchiveReader& in) {
  linear::Vector values(static_cast<Eigen::Index>(in.array_size()));
  in.array_values(values.data(), static_cast<std::size_t>(values.size()));
  return values;
}

void write_row(io::ArchiveWriter& out, const analysis::InventoryRow& r) {
  for (double v : {r.time_h, r.vehicle_ug_cm2, r.receptor_ug_cm2, r.cleared_ug_cm2,
                   r.in_channels_ug_cm2, r.flux_ug_cm2_h, r.entered_ug_cm2, r.mass_balance_rel})
    out.pod(v);
  out.doubles(r.layer_ug_cm2.data(), r.layer_ug_cm2.size());
  out.pod<std::uint8_t>(r.film ? 1 : 0);
  if (r.film)
    for (double v :
         {r.film->applied_ug_cm2, r.film->solid_ug_cm2, r.film->removed_ug_cm2, r.film->film_um})
      out.pod(v);
}

analysis::InventoryRow read_row(io::ArchiveReader& in) {
  analysis::InventoryRow r;
  for (double* v :
       {&r.time_h, &r.vehicle_ug_cm2, &r.receptor_ug_cm2, &r.cleared_ug_cm2, &r.in_channels_ug_cm2,
        &r.flux_ug_cm2_h, &r.entered_ug_cm2, &r.mass_balance_rel})
    *v = in.pod<double>();
  r.layer_ug_cm2 = in.doubles();
  if (in.pod<std::uint8_t>() != 0) {
    analysis::FilmColumns& f = r.film.emplace();
    for (double* v : {&f.applied_ug_cm2, &f.solid_ug_cm2, &f.removed_ug_cm2, &f.film_um})
      *v = in.pod<double>();
  }
  return r;
}

void write_cumulative(io::ArchiveWriter& out, const timestep::Cumulative& c) {
  out.pod(c.receptor_kg);
  out.pod(c.cleared_kg);
  out.pod(c.entered_kg);
}

timestep::Cumulative read_cumulative(io::ArchiveReader& in) {
  timestep::Cumulative c;
  c.receptor_kg = in.pod<double>();
  c.cleared_kg = in.pod<double>();
  c.entered_kg = in.pod<double>();
  return c;
}

void write_film(io::ArchiveWriter& out, const timestep::FilmState& f) {
  for (double v : {f.reference_time_s, f.volume_m, f.volatile_m, f.applied_kg_m2, f.removed_kg_m2})
    out.pod(v);
  out.pod<std::int32_t>(f.events_done);
}

timestep::FilmState read_film(io::ArchiveReader& in) {
  timestep::FilmState f;
  for (double* v :
       {&f.reference_time_s, &f.volume_m, &f.volatile_m, &f.applied_kg_m2, &f.removed_kg_m2})
    *v = in.pod<double>();
  f.events_done = in.pod<std::int32_t>();
  return f;
}

// `time.order: auto` (timestep/VariableOrder.hpp): without the order, the steps
// taken at it and the fourth history level a resumed run would choose other
// steps. Written for every run (BDF2's are empty and cost a few bytes).
void write_variable_order(io::ArchiveWriter& out, const timestep::IntegratorState& s) {
  out.pod<std::int32_t>(s.order);
  out.pod(s.steps_at_order);
  out.pod(s.oldest_time);
  write_vector(out, s.oldest_amounts);
  write_cumulative(out, s.oldest_cumulative);
  for (long steps : s.stats.steps_at_order) out.pod(steps);
}

void read_variable_order(io::ArchiveReader& in, timestep::IntegratorState& s) {
  s.order = in.pod<std::int32_t>();
  s.steps_at_order = in.pod<long>();
  s.oldest_time = in.pod<double>();
  s.oldest_amounts = read_vector(in);
  s.oldest_cumulative = read_cumulative(in);
  for (long& steps : s.stats.steps_at_order) steps = in.pod<long>();
}

}  // namespace

std::string fingerprint(const std::string& text) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(io::fnv1a64(text)));
  return hex;
}

std::filesystem::path checkpoint_file(const std::filesystem::path& output_dir) {
  return output_dir / "checkpoint.bin";
}

void serialize(const RunCheckpoint& c, const timestep::IntegratorState& s,
               const io::ByteSink& sink) {
  io::ArchiveWriter out(sink);
  out.pod(kMagic);
  out.pod(kVersion);
  out.text(c.case_fingerprint);
  out.pod<std::uint64_t>(c.next_output);
  out.pod(c.wall_s);
  out.pod<std::uint64_t>(c.rows.size());
  for (const auto& row : c.rows) write_row(out, row);

  out.pod(s.time_s);
  out.pod(s.next_step_s);
  for (double t : s.times) out.pod(t);
  write_vector(out, s.u);
  for (const auto& m : s.amounts) write_vector(out, m);
  write_cumulative(out, s.cumulative[0]);
  write_cumulative(out, s.cumulative[1]);
  out.pod(s.stats.steps);
  out.pod(s.stats.rejected_steps);
  out.pod(s.stats.linear_iterations);
  out.pod(s.stats.last_step_s);
  out.pod(s.steps_since_restart);
  write_film(out, s.film);
  out.pod(s.film_potential);
  write_vector(out, s.top_response);
  write_variable_order(out, s);
  out.finish();
}

std::string serialize(const RunCheckpoint& c) {
  std::string bytes;
  serialize(c, c.integrator, [&](std::string_view piece) { bytes.append(piece); });
  return bytes;
}

RunCheckpoint deserialize(std::string bytes, const std::string& label) {
  std::istringstream stream(std::move(bytes));
  return deserialize(stream, label);
}

RunCheckpoint deserialize(std::istream& stream, const std::string& label) {
  io::ArchiveReader in(stream, label);
  if (in.pod<std::uint64_t>() != kMagic) in.fail("it is not a dermaflux checkpoint");
  const auto version = in.pod<std::uint32_t>();
  if (version < kOldestReadableVersion || version > kVersion)
    in.fail("it was written by another dermaflux version");
  RunCheckpoint c;
  c.case_fingerprint = in.text();
  c.next_output = in.pod<std::uint64_t>();
  c.wall_s = in.pod<double>();
  const auto rows = in.pod<std::uint64_t>();
  for (std::uint64_t n = 0; n < rows; ++n) c.rows.push_back(read_row(in));

  auto& s = c.integrator;
  s.time_s = in.pod<double>();
  s.next_step_s = in.pod<double>();
  for (double& t : s.times) t = in.pod<double>();
  s.u = read_vector(in);
  for (auto& m : s.amounts) m = read_vector(in);
  s.cumulative[0] = read_cumulative(in);
  s.cumulative[1] = read_cumulative(in);
  s.stats.steps = in.pod<long>();
  s.stats.rejected_steps = in.pod<long>();
  s.stats.linear_iterations = in.pod<long>();
  s.stats.last_step_s = in.pod<double>();
  s.steps_since_restart = in.pod<long>();
  s.film = read_film(in);
  s.film_potential = in.pod<double>();
  s.top_response = read_vector(in);
  if (version >= 3) read_variable_order(in, s);
  if (!in.at_end()) in.fail("it has trailing data");
  return c;
}

namespace {
constexpr const char* kSplitManifestHeading = "dermaflux split checkpoint";

// The start of checkpoint.bin, enough to tell a manifest (a few lines) from a
// state (field-sized, which deserialize_file() then streams).
std::string read_start(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + file.string());
  std::string start(4096, '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  start.resize(static_cast<std::size_t>(in.gcount()));
  return start;
}

RunCheckpoint deserialize_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + file.string());
  return deserialize(in, file.string());
}
}  // namespace

std::string write_split_manifest(const SplitCheckpoint& m) {
  std::ostringstream text;
  text << kSplitManifestHeading << "\nranks " << m.ranks << "\nparts " << m.parts[0] << " "
       << m.parts[1] << " " << m.parts[2] << "\ngeneration " << m.generation << "\n";
  return text.str();
}

std::optional<SplitCheckpoint> read_split_manifest(const std::string& bytes) {
  std::istringstream in(bytes);
  std::string heading;
  if (!std::getline(in, heading) || heading != kSplitManifestHeading) return std::nullopt;
  SplitCheckpoint m;
  std::string ranks, parts, generation;
  if (!(in >> ranks >> m.ranks >> parts >> m.parts[0] >> m.parts[1] >> m.parts[2] >> generation >>
        m.generation) ||
      ranks != "ranks" || parts != "parts" || generation != "generation")
    return std::nullopt;
  return m;
}

std::filesystem::path split_checkpoint_file(const std::filesystem::path& output_dir, int rank,
                                            int generation) {
  char name[64];
  std::snprintf(name, sizeof name, "checkpoint.rank-%04d.gen-%d.bin", rank, generation);
  return output_dir / name;
}

Checkpoints::Checkpoints(std::filesystem::path output_dir, double interval_s,
                         const parallel::Block& block, const parallel::RankGroup& ranks)
    : output_dir_(std::move(output_dir)), interval_s_(interval_s), block_(block), ranks_(ranks) {}

bool Checkpoints::due(double after_s) const {
  const double since_s = std::chrono::duration<double>(Clock::now() - last_written_).count();
  const bool due = interval_s_ > 0.0 && since_s >= after_s;
  return ranks_.any(ranks_.is_root() && due);
}

void Checkpoints::write(const std::function<void(const io::ByteSink&)>& produce,
                        io::RunFolder* folder) {
  if (!ranks_.split()) {
    folder->write_checkpoint(produce);
  } else {
    // Every rank's part of the other generation, then the manifest naming it:
    // until the manifest is in place the last complete generation stands.
    const int generation = 1 - generation_;
    io::write_file_atomically(split_checkpoint_file(output_dir_, block_.rank, generation), produce);
    ranks_.barrier();  // every part is in place
    if (folder)
      folder->write_checkpoint(write_split_manifest({block_.ranks, block_.parts, generation}));
    generation_ = generation;
  }
  last_written_ = Clock::now();
}

// On one process checkpoint.bin is the state itself; split over ranks, the
// manifest naming the generation of the ranks' own files.
RunCheckpoint Checkpoints::read(const std::string& case_fingerprint) {
  const auto file = checkpoint_file(output_dir_);
  if (!std::filesystem::exists(file))
    throw UsageError("nothing to resume: " + file.string() +
                     " does not exist (run without --resume to start anew)");
  const auto manifest = read_split_manifest(read_start(file));
  check_split_matches(file, manifest);
  RunCheckpoint saved = manifest ? read_own_part(*manifest) : deserialize_file(file);
  if (saved.case_fingerprint != case_fingerprint)
    throw UsageError(file.string() +
                     " belongs to a different case (the case file changed since "
                     "it was written); run without --resume to start anew");
  if (manifest) generation_ = manifest->generation;
  return saved;
}

// A checkpoint is resumed on as many ranks with the same split as wrote it.
void Checkpoints::check_split_matches(const std::filesystem::path& file,
                                      const std::optional<SplitCheckpoint>& manifest) const {
  const auto resume_as = [&] {
    return " MPI ranks as " + parallel::describe_parts(manifest->parts);
  };
  if (!ranks_.split() && manifest)
    throw UsageError(file.string() + " belongs to a run split over " +
                     std::to_string(manifest->ranks) + resume_as() +
                     " blocks: resume it as mpirun -n " + std::to_string(manifest->ranks) +
                     " dermaflux run ... --resume");
  if (ranks_.split() && !manifest)
    throw UsageError(file.string() + " belongs to a run on one process: resume it without mpirun");
  if (ranks_.split() && (manifest->ranks != block_.ranks || manifest->parts != block_.parts))
    throw UsageError(file.string() + " belongs to a run split over " +
                     std::to_string(manifest->ranks) + resume_as() + " blocks, not " +
                     parallel::describe_parts(block_.parts) + ": resume it as mpirun -n " +
                     std::to_string(manifest->ranks) + " ... --resume --decomposition " +
                     std::to_string(manifest->parts[0]) + "x" + std::to_string(manifest->parts[1]) +
                     "x" + std::to_string(manifest->parts[2]));
}

// This rank's file of the manifest's generation. The ranks agree whether all
// could read theirs: one missing or damaged file stops every rank alike.
RunCheckpoint Checkpoints::read_own_part(const SplitCheckpoint& manifest) const {
  const auto file = split_checkpoint_file(output_dir_, block_.rank, manifest.generation);
  std::optional<RunCheckpoint> saved;
  std::string why;
  try {
    saved = deserialize_file(file);
  } catch (const IoError& e) {
    why = e.what();
  }
  if (ranks_.any(!saved))
    throw UsageError("cannot resume: " +
                     (why.empty() ? std::string("another rank's part of the checkpoint is "
                                                "missing or damaged")
                                  : why) +
                     "; run without --resume to start anew");
  return std::move(*saved);
}

void Checkpoints::remove_rank_files() const {
  if (!ranks_.split()) return;
  std::error_code ignored;  // a leftover is harmless: the next run removes it
  for (int generation = 0; generation < 2; ++generation)
    std::filesystem::remove(split_checkpoint_file(output_dir_, block_.rank, generation), ignored);
}

}  // namespace dermaflux::run
