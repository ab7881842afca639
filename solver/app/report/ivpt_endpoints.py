"""The FDA IVPT endpoints of a measured receptor curve and of the model at the same
sampling times: the maximum flux Jmax (with the interval it occurs in) and the total
cumulative amount at the last sampling time, and the model-over-data ratios.

FDA draft guidance "In Vitro Permeation Test Studies for Topical Drug Products
Submitted in ANDAs" (2022), section on the IVPT pivotal study: the flux is the
difference of the cumulative amount between consecutive sampling times over their
interval, Jmax its largest value, and the total cumulative amount is that at the last
sampling time. The cumulative receptor amount is zero at time zero by definition, so
the first interval starts at 0 h when the data do not sample it.
"""
import bisect


def interpolate(times_h, values, at_h):
    """The piecewise linear interpolant of (times_h, values) at at_h; None outside
    [times_h[0], times_h[-1]] (no extrapolation) or where a value is missing."""
    if not times_h or at_h < times_h[0] or at_h > times_h[-1]:
        return None
    right = bisect.bisect_left(times_h, at_h)
    if times_h[right] == at_h:
        return values[right]
    left = right - 1
    if values[left] is None or values[right] is None:
        return None
    weight = (at_h - times_h[left]) / (times_h[right] - times_h[left])
    return values[left] + weight * (values[right] - values[left])


def with_origin(times_h, cumulative):
    """The samples with (0 h, 0) in front when the first is later than 0 h."""
    if times_h and times_h[0] > 0:
        return [0.0] + list(times_h), [0.0] + list(cumulative)
    return list(times_h), list(cumulative)


def jmax(times_h, cumulative):
    """{"value": the largest interval flux, "interval_h": (start, end)} of a cumulative
    amount sampled at increasing times (origin added); None with fewer than one interval."""
    times_h, cumulative = with_origin(times_h, cumulative)
    best = None
    for n in range(len(times_h) - 1):
        flux = (cumulative[n + 1] - cumulative[n]) / (times_h[n + 1] - times_h[n])
        if best is None or flux > best["value"]:
            best = {"value": flux, "interval_h": (times_h[n], times_h[n + 1])}
    return best


def _ratio(model, data):
    return model / data if model is not None and data not in (None, 0) else None


def compare(data_times_h, data_cumulative, model_times_h, model_cumulative):
    """The endpoints of the data and of the model at the data's sampling times.

    data_times_h increasing; data sampled after the model's last output (or where it
    has no value) are left out and listed in "left_out_h". Returns None when no
    sampling time is left."""
    end_h = model_times_h[-1]
    model_at = {t: interpolate(model_times_h, model_cumulative, min(t, end_h))
                for t in data_times_h if t <= end_h + 1e-9}
    kept = [(t, q) for t, q in zip(data_times_h, data_cumulative) if model_at.get(t) is not None]
    left_out = [t for t in data_times_h if model_at.get(t) is None]
    if not kept:
        return None
    times = [t for t, _ in kept]
    data_q = [q for _, q in kept]
    model_q = [model_at[t] for t in times]
    data_jmax, model_jmax = jmax(times, data_q), jmax(times, model_q)
    data_total, model_total = data_q[-1], model_q[-1]
    return {
        "sampling_times_h": times,
        "left_out_h": left_out,
        "last_time_h": times[-1],
        "jmax": {"data": data_jmax and data_jmax["value"], "model": model_jmax and model_jmax["value"],
                 "data_interval_h": data_jmax and data_jmax["interval_h"],
                 "model_interval_h": model_jmax and model_jmax["interval_h"],
                 "ratio": _ratio(model_jmax and model_jmax["value"], data_jmax and data_jmax["value"])},
        "total": {"data": data_total, "model": model_total, "ratio": _ratio(model_total, data_total)},
    }
