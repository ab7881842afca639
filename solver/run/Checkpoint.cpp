#include "run/Checkpoint.hpp"

#include <cstdio>
#include <sstream>

#include "io/BinaryArchive.hpp"

namespace dermaflux::run {
namespace {

constexpr std::uint64_t kMagic = 0x31544b4358464400ull;  // "\0DFXCKT1"
constexpr std::uint32_t kVersion = 1;

void write_vector(io::ArchiveWriter& out, const linear::Vector& v) {
  out.doubles(v.data(), static_cast<std::size_t>(v.size()));
}

linear::Vector read_vector(io::ArchiveReader& in) {
  const auto values = in.doubles();
  return Eigen::Map<const linear::Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

void write_row(io::ArchiveWriter& out, const analysis::InventoryRow& r) {
  for (double v : {r.time_h, r.vehicle_ug_cm2, r.receptor_ug_cm2, r.cleared_ug_cm2,
                   r.in_channels_ug_cm2, r.flux_ug_cm2_h, r.entered_ug_cm2, r.mass_balance_rel})
    out.pod(v);
  out.doubles(r.layer_ug_cm2.data(), r.layer_ug_cm2.size());
}

analysis::InventoryRow read_row(io::ArchiveReader& in) {
  analysis::InventoryRow r;
  for (double* v :
       {&r.time_h, &r.vehicle_ug_cm2, &r.receptor_ug_cm2, &r.cleared_ug_cm2, &r.in_channels_ug_cm2,
        &r.flux_ug_cm2_h, &r.entered_ug_cm2, &r.mass_balance_rel})
    *v = in.pod<double>();
  r.layer_ug_cm2 = in.doubles();
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

}  // namespace

std::string fingerprint(const std::string& text) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(io::fnv1a64(text)));
  return hex;
}

std::filesystem::path checkpoint_file(const std::filesystem::path& output_dir) {
  return output_dir / "checkpoint.bin";
}

std::string serialize(const RunCheckpoint& c, const timestep::IntegratorState& s) {
  io::ArchiveWriter out;
  // The fields dominate: reserve them (and a generous allowance for the rest) so
  // that the buffer is allocated once.
  const auto& fields = s;
  std::size_t field_bytes = (static_cast<std::size_t>(fields.u.size()) + 1) * sizeof(double);
  for (const auto& m : fields.amounts)
    field_bytes += (static_cast<std::size_t>(m.size()) + 1) * sizeof(double);
  out.reserve(field_bytes + c.case_fingerprint.size() + 256 +
              c.rows.size() * (16 + (c.rows.empty() ? 0 : c.rows.front().layer_ug_cm2.size())) *
                  sizeof(double));
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
  return std::move(out).finish();
}

RunCheckpoint deserialize(std::string bytes, const std::string& label) {
  io::ArchiveReader in(std::move(bytes), label);
  if (in.pod<std::uint64_t>() != kMagic) in.fail("it is not a dermaflux checkpoint");
  if (in.pod<std::uint32_t>() != kVersion) in.fail("it was written by another dermaflux version");
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
  if (!in.at_end()) in.fail("it has trailing data");
  return c;
}

namespace {
constexpr const char* kSplitManifestHeading = "dermaflux split checkpoint";
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

}  // namespace dermaflux::run
