"""Checks that ParaView opens a dermaflux result as a time series, and renders it.

What it does: finds the single *.pvd in RESULT_DIR, opens it with ParaView's PVD
reader and checks that ParaView sees one time step per time the collection lists
(at least two; one <DataSet> per time unless a run writes parallel pieces), that
every snapshot file exists, that the cell arrays concentration, potential, material
and channel_fraction are there, and that the last time step's concentration is
finite everywhere (NaN included) with a positive maximum. Then it saves a picture
of the last time step: the grid cut open through its middle, coloured by
concentration, with a colour bar and axes in micrometres.

How to run it (headless, as CI does):

    tests/paraview/with_xvfb.sh pvbatch tests/paraview/check_pvd.py RESULT_DIR OUT_PNG

Exit status 0 when every check passed, 1 with a message naming the failed check.
"""

import glob
import math
import os
import sys
import xml.etree.ElementTree as ElementTree

from paraview.simple import *  # noqa: F401,F403  (the pvbatch idiom)
from vtkmodules.vtkIOXML import vtkXMLGenericDataObjectReader

REQUIRED_CELL_ARRAYS = ("concentration", "potential", "material", "channel_fraction")
IMAGE_SIZE = [1200, 800]


def fail(message):
    print("check_pvd: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def passed(message):
    print("check_pvd: ok: " + message)


def find_collection(result_dir):
    if not os.path.isdir(result_dir):
        fail("result folder %s does not exist" % result_dir)
    found = sorted(glob.glob(os.path.join(result_dir, "*.pvd")))
    if len(found) != 1:
        fail("expected exactly one .pvd in %s, found %d: %s" % (result_dir, len(found), found))
    passed("collection %s" % found[0])
    return found[0]


def read_entries(pvd_file):
    """The (timestep, file) pairs the collection lists, as ParaView will read them."""
    try:
        root = ElementTree.parse(pvd_file).getroot()
    except ElementTree.ParseError as error:
        fail("%s is not well-formed XML: %s" % (pvd_file, error))
    if root.tag != "VTKFile" or root.get("type") != "Collection":
        fail('%s is not a VTKFile of type="Collection"' % pvd_file)
    entries = []
    for data_set in root.iter("DataSet"):
        try:
            entries.append((float(data_set.get("timestep")), data_set.get("file") or ""))
        except (TypeError, ValueError):
            fail("%s has a DataSet without a numeric timestep: %s"
                 % (pvd_file, ElementTree.tostring(data_set, encoding="unicode").strip()))
    times = set(time for time, _ in entries)
    if len(times) < 2:
        fail("%s lists %d time(s); a time series needs at least 2" % (pvd_file, len(times)))
    folder = os.path.dirname(pvd_file)
    missing = [name for _, name in entries if not os.path.isfile(os.path.join(folder, name))]
    if missing:
        fail("snapshot files listed in %s do not exist: %s" % (pvd_file, missing))
    passed("%d data sets listed, every snapshot file exists" % len(entries))
    return entries


def check_time_steps(reader, entries):
    # Several time steps come back as a property to iterate, a single one may be a float.
    try:
        steps = [float(t) for t in reader.TimestepValues]
    except TypeError:
        steps = [float(reader.TimestepValues)]
    # One DataSet per time; parallel pieces would add entries with the same timestep.
    listed = sorted(set(time for time, _ in entries))
    if len(steps) != len(listed):
        fail("ParaView sees %d time steps, the collection lists %d" % (len(steps), len(listed)))
    if sorted(steps) != listed:
        fail("ParaView's time steps %s differ from the collection's %s" % (steps, listed))
    passed("ParaView sees %d time steps: %s h" % (len(steps), ", ".join("%g" % t for t in steps)))
    return steps


def count_non_finite(snapshot_file):
    """NaN and inf values of concentration, read straight from the file.

    ParaView's ranges skip NaN, so a field with a few NaN cells would look fine there.
    """
    reader = vtkXMLGenericDataObjectReader()
    reader.SetFileName(snapshot_file)
    reader.Update()
    values = reader.GetOutput().GetCellData().GetArray("concentration")
    try:
        import numpy
        from vtkmodules.util.numpy_support import vtk_to_numpy
        return int(numpy.count_nonzero(~numpy.isfinite(vtk_to_numpy(values))))
    except ImportError:  # numpy is optional for ParaView; a plain loop is slower, not wrong
        return sum(1 for n in range(values.GetNumberOfValues())
                   if not math.isfinite(values.GetValue(n)))


def check_arrays(reader, last_time, last_files):
    reader.UpdatePipeline(last_time)
    present = set(reader.CellData.keys())
    missing = [name for name in REQUIRED_CELL_ARRAYS if name not in present]
    if missing:
        fail("cell arrays missing: %s (found %s)" % (missing, sorted(present)))
    passed("cell arrays present: %s" % ", ".join(REQUIRED_CELL_ARRAYS))
    low, high = reader.CellData["concentration"].GetRange()
    if not (math.isfinite(low) and math.isfinite(high)):
        fail("concentration at t = %g h has a non-finite range [%g, %g]" % (last_time, low, high))
    if not high > 0:
        fail("concentration at t = %g h has maximum %g; expected > 0" % (last_time, high))
    for snapshot_file in last_files:
        non_finite = count_non_finite(snapshot_file)
        if non_finite:
            fail("concentration at t = %g h has %d NaN or infinite values in %s"
                 % (last_time, non_finite, snapshot_file))
    passed("concentration at t = %g h spans [%g, %g] mg/mL, every value finite"
           % (last_time, low, high))
    return low, high


def cut_open(reader, view, centre):
    """The back half of the grid (y above the middle): its cut face shows the inside."""
    clip = Clip(Input=reader)
    clip.ClipType = "Plane"
    clip.ClipType.Origin = centre
    clip.ClipType.Normal = [0.0, -1.0, 0.0]
    clip.Crinkleclip = 1  # whole cells: the cut shows the grid's own cells
    outline = Show(reader, view)
    outline.SetRepresentationType("Outline")
    outline.AmbientColor = outline.DiffuseColor = [0.2, 0.2, 0.2]
    return Show(clip, view)


def colour_by_concentration(display, view, concentration_range):
    ColorBy(display, ("CELLS", "concentration"))
    lut = GetColorTransferFunction("concentration")
    lut.ApplyPreset("Viridis (matplotlib)", True)
    lut.RescaleTransferFunction(concentration_range[0], concentration_range[1])
    bar = GetScalarBar(lut, view)
    bar.Title = "concentration (mg/mL)"
    bar.ComponentTitle = ""
    bar.RangeLabelFormat = "%-#.3g"
    bar.TitleColor = bar.LabelColor = [0.0, 0.0, 0.0]
    bar.WindowLocation = "Any Location"
    bar.Orientation = "Vertical"
    bar.Position = [0.86, 0.2]
    bar.ScalarBarLength = 0.6
    bar.Visibility = 1


def frame(view, bounds, centre):
    """Skin surface up, seen from the front, a little from above and from the side, so
    the cut face and the top both show. No scaling: a thin column stays thin."""
    diagonal = math.sqrt(sum((bounds[2 * a + 1] - bounds[2 * a]) ** 2 for a in range(3)))
    direction = [-0.5, -1.0, 0.35]
    norm = math.sqrt(sum(d * d for d in direction))
    view.CameraPosition = [c + 3.0 * diagonal * d / norm for c, d in zip(centre, direction)]
    view.CameraFocalPoint = centre
    view.CameraViewUp = [0.0, 0.0, 1.0]
    # Parallel projection keeps depths comparable along the whole column.
    view.CameraParallelProjection = 1
    Render(view)
    view.ResetCamera(False)
    # Room for the axis titles and labels around the box.
    view.GetActiveCamera().Zoom(0.85)


def show_axes_in_micrometres(view):
    # Call only once the camera frames the box: the axes grid places labels by
    # on-screen size, and a render zoomed far in would make millions of them.
    axes = view.AxesGrid
    axes.Visibility = 1
    axes.XTitle, axes.YTitle, axes.ZTitle = "x (µm)", "y (µm)", "z (µm)"
    for colour in ("XTitleColor", "YTitleColor", "ZTitleColor", "XLabelColor", "YLabelColor",
                   "ZLabelColor", "GridColor"):
        setattr(axes, colour, [0.0, 0.0, 0.0])


def render(reader, last_time, concentration_range, out_png):
    """The grid cut open through its middle, coloured by concentration at last_time."""
    view = CreateView("RenderView")
    view.ViewSize = IMAGE_SIZE
    view.ViewTime = last_time
    view.Background = [1.0, 1.0, 1.0]
    if hasattr(view, "UseColorPaletteForBackground"):  # else the palette overrides white
        view.UseColorPaletteForBackground = 0
    view.OrientationAxesVisibility = 1

    bounds = reader.GetDataInformation().GetBounds()
    centre = [0.5 * (bounds[2 * a] + bounds[2 * a + 1]) for a in range(3)]
    colour_by_concentration(cut_open(reader, view, centre), view, concentration_range)
    label = Show(Text(Text="t = %g h" % last_time), view)
    label.Color = [0.0, 0.0, 0.0]
    label.WindowLocation = "Upper Left Corner"
    frame(view, bounds, centre)
    show_axes_in_micrometres(view)

    Render(view)
    SaveScreenshot(out_png, view, ImageResolution=IMAGE_SIZE)
    if not os.path.isfile(out_png) or os.path.getsize(out_png) == 0:
        fail("the picture %s was not written" % out_png)
    passed("picture of t = %g h saved to %s" % (last_time, out_png))


def main(argv):
    if len(argv) != 3:
        fail("usage: pvbatch check_pvd.py RESULT_DIR OUT_PNG")
    result_dir, out_png = argv[1], argv[2]
    pvd_file = find_collection(result_dir)
    entries = read_entries(pvd_file)
    reader = PVDReader(FileName=pvd_file)
    reader.UpdatePipelineInformation()
    steps = check_time_steps(reader, entries)
    last_time = max(steps)
    last_files = [os.path.join(os.path.dirname(pvd_file), name)
                  for time, name in entries if time == last_time]
    concentration_range = check_arrays(reader, last_time, last_files)
    render(reader, last_time, concentration_range, out_png)
    print("check_pvd: all checks passed")


if __name__ == "__main__":
    main(sys.argv)
