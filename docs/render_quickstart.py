"""Renders the README picture: the quick-start's serum entering through one channel.

What it does: opens RESULT_DIR/quickstart.pvd and channels.vtp, cuts the grid
through the channel's axis (y = the middle of the unit cell), shows the top
500 um coloured by the tissue concentration on a log scale at time T hours, and
draws the channel's outline. Everything comes from a real run's files.

How to run it (headless):

    build/release/dermaflux run cases/quickstart.yaml
    xvfb-run -a pvbatch docs/render_quickstart.py results/quickstart docs/quickstart_channel.png 1
"""

import os
import sys

from paraview.simple import *  # noqa: F401,F403  (the pvbatch idiom)


def main(result_dir, out_png, time_h):
    reader = PVDReader(FileName=os.path.join(result_dir, "quickstart.pvd"))
    reader.UpdatePipeline(time_h)
    x0, x1, y0, y1, z0, z1 = reader.GetDataInformation().GetBounds()
    centre = [(x0 + x1) / 2, (y0 + y1) / 2, 0.0]

    view = CreateView("RenderView")
    view.ViewSize = [1200, 900]
    view.ViewTime = time_h
    view.OrientationAxesVisibility = 0
    view.Background = [1.0, 1.0, 1.0]
    try:  # ParaView 5.10+: the background is a palette choice unless overridden
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass

    # Cut through the channel axis, keep the vehicle film and the top 400 um of skin.
    # A mesh node can lie on the axis: a plane through cell faces cuts the cells on
    # both sides and draws them over each other (stray colours), so it passes
    # 0.01 um beside it, through the cells on one side (equal by symmetry).
    cut = Slice(Input=reader)
    cut.SliceType = "Plane"
    cut.SliceType.Origin = [centre[0], centre[1] + 0.01, centre[2]]
    cut.SliceType.Normal = [0.0, 1.0, 0.0]
    top = Clip(Input=cut)
    top.ClipType = "Plane"
    top.ClipType.Origin = [0.0, 0.0, -400.0]
    top.ClipType.Normal = [0.0, 0.0, 1.0]
    top.Invert = 0  # keep what lies above the plane
    display = Show(top, view)
    ColorBy(display, ("CELLS", "concentration"))
    lut = GetColorTransferFunction("concentration")
    # The range first, then log, then the preset: a preset applied over a range
    # that starts at 0 cannot be mapped to log space, and one table entry (near 5)
    # came out as the NaN colour.
    lut.RescaleTransferFunction(1.0, 10.0)
    lut.UseLogScale = 1
    lut.ApplyPreset("Viridis (matplotlib)", True)
    bar = GetScalarBar(lut, view)
    bar.Title = "caffeine in tissue (mg/mL)"
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0.0, 0.0, 0.0]
    bar.RangeLabelFormat = "%-#.0e"
    display.SetScalarBarVisibility(view, True)

    # The channel's walls, cut by the same plane: its outline in the picture.
    channels = XMLPolyDataReader(FileName=[os.path.join(result_dir, "channels.vtp")])
    walls = Slice(Input=channels)
    walls.SliceType = "Plane"
    walls.SliceType.Origin = centre
    walls.SliceType.Normal = [0.0, 1.0, 0.0]
    outline = Show(walls, view)
    outline.ColorArrayName = ["CELLS", ""]
    outline.AmbientColor = outline.DiffuseColor = [1.0, 1.0, 1.0]
    outline.LineWidth = 3.0

    label = Text(Text="quick-start, t = %g h: caffeine 3 %% through one pen channel "
                 "(300 um cell, cut through the channel axis; z, x in um)" % time_h)
    label_display = Show(label, view)
    label_display.Color = [0.0, 0.0, 0.0]
    label_display.FontSize = 14
    label_display.WindowLocation = "Upper Center"

    display.DataAxesGrid.GridAxesVisibility = 1
    grid = display.DataAxesGrid
    grid.XTitle, grid.YTitle, grid.ZTitle = "x (um)", "", "z (um)"
    grid.XTitleColor = grid.ZTitleColor = grid.XLabelColor = grid.ZLabelColor = [0, 0, 0]
    grid.GridColor = [0.3, 0.3, 0.3]

    view.CameraPosition = [centre[0], centre[1] - 3000.0, -150.0]
    view.CameraFocalPoint = [centre[0], centre[1], -150.0]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    view.CameraParallelProjection = 1
    view.ResetCamera(False)
    view.CameraParallelScale = 330.0
    Render(view)
    SaveScreenshot(out_png, view, ImageResolution=[1200, 900])
    print("render_quickstart: wrote %s" % out_png)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
