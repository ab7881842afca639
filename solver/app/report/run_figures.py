"""The figures of one run's report, each an inline <svg>: amounts and flux over
time, depth profiles, the film's thickness (a serum film), the needle pattern over
the unit cell and depth cuts through a channel coloured by concentration."""
import numpy
from matplotlib.colors import LogNorm
from matplotlib.patches import Rectangle

import measured_report
import report_vtk
from svg_figure import new_figure, to_svg

LAYER_COLOURS = ["#c2855f", "#d9a6a0", "#8fb4d6", "#7c9a6d", "#a487c2", "#c9b458"]


def _mark_events(axes, run):
    """Dotted lines at the film's applications (green) and wipe-offs (grey)."""
    events = run.summary.get("events") or {}
    for time_h in events.get("applications_h") or []:
        axes.axvline(time_h, color="#2a9d4b", linestyle=":", linewidth=1)
    for time_h in events.get("removals_h") or []:
        axes.axvline(time_h, color="#777777", linestyle="--", linewidth=1)


def _label(key):
    return key.replace("_", " ")


def cumulative(run, width_in=4.4, measured=None):
    """Amounts over time; measured points (mean ± sd) over the curve of their column."""
    series = run.series
    figure, axes = new_figure(width_in, 3.2)
    t = series["time_h"]
    colours = {"receptor_ug_cm2": "black"}
    for n, layer in enumerate(run.layers):
        column = layer + "_ug_cm2"
        if column in series:
            colours[column] = LAYER_COLOURS[n % len(LAYER_COLOURS)]
            axes.plot(t, series[column], color=colours[column], label=_label(layer))
    axes.plot(t, series["receptor_ug_cm2"], color="black", linewidth=2, label="receptor (cumulative)")
    measured_report.overlay_all(axes, measured, colours)
    if any(series.get("cleared_ug_cm2") or []):
        axes.plot(t, series["cleared_ug_cm2"], color="black", linestyle=":", label="cleared (cumulative)")
    if "applied_ug_cm2" in series:
        axes.plot(t, series["applied_ug_cm2"], color="#2a9d4b", linestyle="--", label="applied")
    _mark_events(axes, run)
    axes.set_xlabel("time (h)")
    axes.set_ylabel("amount (µg/cm²)")
    axes.legend(fontsize=8)
    return to_svg(figure)


def flux(run, jmax, measured=None):
    figure, axes = new_figure(4.4, 3.2)
    axes.plot(run.series["time_h"], run.series["flux_ug_cm2_h"], color="black", marker="o", markersize=2.5)
    measured_report.overlay_all(axes, measured, {"flux_ug_cm2_h": "#c0392b"})
    if jmax:
        late = jmax["time_h"] > 0.6 * max(run.series["time_h"])
        axes.annotate(f"Jmax {jmax['value']:.3g} µg/cm²/h at {jmax['time_h']:g} h",
                      (jmax["time_h"], jmax["value"]), textcoords="offset points", xytext=(-8 if late else 8, -12),
                      ha="right" if late else "left", fontsize=8)
    steady = run.summary.get("steady_flux_ug_cm2_h")
    if steady is not None:
        axes.axhline(steady, color="#8fb4d6", linestyle="--", label=f"steady flux {steady:.3g}")
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=8)
    _mark_events(axes, run)
    axes.set_xlabel("time (h)")
    axes.set_ylabel("flux into the receptor (µg/cm²/h)")
    return to_svg(figure)


def film(run):
    series = run.series
    figure, axes = new_figure(height_in=2.8)
    axes.plot(series["time_h"], series["film_um"], color="#2a9d4b")
    _mark_events(axes, run)
    axes.set_xlabel("time (h)")
    axes.set_ylabel("film thickness (µm)")
    if "solid_ug_cm2" in series and any(series["solid_ug_cm2"]):
        right = axes.twinx()
        right.grid(False)
        right.plot(series["time_h"], series["solid_ug_cm2"], color="#a487c2", linestyle="--")
        right.set_ylabel("undissolved active (µg/cm²)", color="#a487c2")
    return to_svg(figure)


def profile_times(times, count=3):
    """Up to `count` output times after the start, spread over the run."""
    later = [t for t in times if t > 0] or list(times)
    if len(later) <= count:
        return later
    return [later[round(i * (len(later) - 1) / (count - 1))] for i in range(count)]


def profiles(by_time):
    chosen = profile_times(sorted(by_time))
    figure, axes = new_figure(height_in=4.0)
    columns = [("mean_mg_ml", "-", "mean"), ("channel_axis_mg_ml", "--", "channel axis"),
               ("between_channels_mg_ml", ":", "between channels")]
    for n, time_h in enumerate(chosen):
        rows = by_time[time_h]
        depth = [float(r["depth_um"]) for r in rows]
        for column, style, where in columns:
            if rows[0].get(column):  # empty for intact skin, which has no channel
                axes.plot([float(r[column]) for r in rows], depth, style, color=f"C{n}",
                          label=f"{time_h:g} h, {where}")
    axes.set_xscale("symlog", linthresh=1e-3)
    axes.invert_yaxis()
    axes.set_xlabel("tissue concentration (mg/mL)")
    axes.set_ylabel("depth below the skin surface (µm)")
    axes.legend(fontsize=7, ncol=len(chosen), loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)
    return to_svg(figure), chosen


def _centres(edges):
    return 0.5 * (edges[1:] + edges[:-1])


def needle_pattern(grid, periodic):
    """Top view: the open channel fraction under the surface over the unit cell, and
    faintly its periodic neighbours."""
    fraction = grid.fields["channel_fraction"]
    skin = grid.z_um[1:] <= 1e-9
    footprint = fraction[skin].max(axis=0) if skin.any() else fraction.max(axis=0)
    figure, axes = new_figure(3.4, 3.4)
    width, length = grid.x_um[-1] - grid.x_um[0], grid.y_um[-1] - grid.y_um[0]
    if periodic:
        for i in (-1, 0, 1):
            for j in (-1, 0, 1):
                if i or j:
                    axes.pcolormesh(grid.x_um + i * width, grid.y_um + j * length, footprint, cmap="Greys",
                                    vmin=0, vmax=2.5, rasterized=True)
    image = axes.pcolormesh(grid.x_um, grid.y_um, footprint, cmap="Greys", vmin=0, vmax=1, rasterized=True)
    axes.add_patch(Rectangle((grid.x_um[0], grid.y_um[0]), width, length, fill=False, edgecolor="#2f6f9f",
                             linewidth=1.5))
    margin = 0.8 if periodic else 0.0
    axes.set_xlim(grid.x_um[0] - margin * width, grid.x_um[-1] + margin * width)
    axes.set_ylim(grid.y_um[0] - margin * length, grid.y_um[-1] + margin * length)
    axes.set_aspect("equal")
    axes.set_xlabel("x (µm)")
    axes.set_ylabel("y (µm)")
    axes.grid(False)
    bar = figure.colorbar(image, ax=axes, shrink=0.8)
    bar.set_label("open channel fraction", fontsize=8)
    return to_svg(figure)


def channel_row(grid):
    """The y index of the column through the most open channel volume (the middle
    row for intact skin)."""
    fraction = grid.fields["channel_fraction"]
    per_row = fraction.sum(axis=(0, 2))
    return int(per_row.argmax()) if per_row.max() > 0 else fraction.shape[1] // 2


def depth_cuts(snapshots, max_depth_um):
    """x-z cuts through a channel at two or three times, one shared log colour scale."""
    grids = [(time_h, report_vtk.read_grid(path)) for time_h, path in snapshots]
    row = channel_row(grids[0][1])
    cuts = [(t, g, g.fields["concentration"][:, row, :]) for t, g in grids]
    top = max(c.max() for _, _, c in cuts)
    floor = max(top * 1e-4, 1e-12)
    figure, axes_list = new_figure(2.3 * len(cuts) + 1.0, 3.6, ncols=len(cuts), sharey=True, squeeze=False)
    for axes, (time_h, grid, cut) in zip(axes_list[0], cuts):
        image = axes.pcolormesh(grid.x_um, grid.z_um, numpy.clip(cut, floor, None),
                                norm=LogNorm(floor, top), cmap="viridis", rasterized=True)
        channel = grid.fields["channel_fraction"][:, row, :]
        if channel.max() > 0.5:
            axes.contour(_centres(grid.x_um), _centres(grid.z_um), channel, levels=[0.5], colors="white",
                         linewidths=0.8)
        axes.axhline(0, color="white", linewidth=0.6, linestyle="--")
        axes.set_ylim(max(-max_depth_um, grid.z_um[0]), grid.z_um[-1])
        axes.set_title(f"{time_h:g} h", fontsize=9)
        axes.set_xlabel("x (µm)")
        axes.set_aspect("equal")
        axes.grid(False)
    axes_list[0][0].set_ylabel("height above the skin surface (µm)")
    bar = figure.colorbar(image, ax=axes_list[0].tolist(), shrink=0.9)
    bar.set_label("tissue concentration (mg/mL)")
    return to_svg(figure), grid.y_um[row:row + 2].mean()
