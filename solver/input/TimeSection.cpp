#include <cmath>
#include <optional>

#include "input/CaseSections.hpp"

// Output times are resolved here, once: they always start at 0 and end exactly at
// `end`, so the time integrator can hit them without deciding anything itself.

namespace dermaflux::input {
namespace {

// More snapshots than this is a typo (output_every: 1 s over a week), not a wish.
constexpr std::size_t kMaxOutputs = 100000;
// A requested time this close to `end` (relative) is `end`: 0.1 h and 6 min, or
// 24 * (1 h) and 1 d, differ only by rounding.
constexpr double kSameTimeRelative = 1e-9;

const std::string kEndExpected = describe_quantity(Dimension::Time, Sign::Positive);

std::string friendly(double seconds) {
  return format_friendly(seconds, Dimension::Time);
}

std::vector<double> times_from_list(const Located& at, double end_s) {
  const std::vector<Located> elements =
      list_elements(at, "a list of output times such as [0.5 h, 1 h, 4 h]");
  if (elements.empty()) fail(at, "a list of at least one output time");
  if (elements.size() > kMaxOutputs) {
    fail_found(at, "at most " + std::to_string(kMaxOutputs) + " output times",
               std::to_string(elements.size()));
  }
  std::vector<double> times{0.0};
  for (const Located& element : elements) {
    const std::string expected = "a time after 0 and not after time.end (" + friendly(end_s) + ")";
    double time_s = read_quantity(element, Dimension::Time, Sign::Positive, expected);
    if (std::abs(time_s - end_s) <= kSameTimeRelative * end_s) time_s = end_s;
    if (time_s > end_s) fail(element, expected);
    if (!(time_s > times.back())) {
      fail(element, "a time later than the one before it (" + friendly(times.back()) + ")",
           "list output times in increasing order, each once");
    }
    times.push_back(time_s);
  }
  if (times.back() != end_s) times.push_back(end_s);
  return times;
}

std::vector<double> times_every(double every_s, double end_s) {
  std::vector<double> times{0.0};
  // k * every rather than a running sum, so that rounding does not accumulate.
  for (long k = 1;; ++k) {
    const double time_s = static_cast<double>(k) * every_s;
    if (time_s >= end_s - kSameTimeRelative * end_s) break;
    times.push_back(time_s);
  }
  times.push_back(end_s);
  return times;
}

}  // namespace

TimeSettings read_time(const Located& at) {
  const Mapping time(
      at, {"end", "output_every", "outputs", "tolerance", "initial_step", "max_step", "order"},
      "the time settings: a mapping with end and output_every or outputs");
  TimeSettings result;
  result.end_s = read_quantity(time.require("end", kEndExpected), Dimension::Time, Sign::Positive);

  const std::optional<Located> every_at = time.find("output_every");
  const std::optional<Located> list_at = time.find("outputs");
  if (every_at && list_at) {
    fail_found(*list_at, "either output_every or outputs, not both", "both",
               "output_every is on line " + std::to_string(every_at->key_where.line) +
                   "; remove one of them");
  }
  if (list_at) {
    result.output_times_s = times_from_list(*list_at, result.end_s);
  } else if (every_at) {
    const double every_s = read_quantity(*every_at, Dimension::Time, Sign::Positive);
    if (result.end_s / every_s > static_cast<double>(kMaxOutputs) + 0.5) {
      fail(*every_at, "an interval giving at most " + std::to_string(kMaxOutputs) +
                          " outputs up to time.end (" + friendly(result.end_s) + ")");
    }
    result.output_times_s = times_every(every_s, result.end_s);
  } else {
    result.output_times_s = times_every(result.end_s / 24.0, result.end_s);
  }

  if (const auto tolerance_at = time.find("tolerance")) {
    const std::string expected =
        "a number from 1e-10 to 0.1 such as 1e-5 (relative error per step)";
    result.tolerance = read_number(*tolerance_at, expected);
    if (!(result.tolerance >= 1e-10 && result.tolerance <= 0.1)) fail(*tolerance_at, expected);
  }
  if (const auto step_at = time.find("initial_step")) {
    result.initial_step_s = read_quantity(*step_at, Dimension::Time, Sign::Positive);
  }
  if (const auto step_at = time.find("max_step")) {
    result.max_step_s = read_quantity(*step_at, Dimension::Time, Sign::Positive);
  }
  if (const auto order_at = time.find("order")) {
    const std::string expected = "2 (BDF2, the default) or auto (variable order 1-3)";
    const std::string order = read_string(*order_at, expected);
    if (order == "auto") {
      result.variable_order = true;
    } else if (order != "2") {
      fail(*order_at, expected);
    }
  }
  return result;
}

}  // namespace dermaflux::input
