"""The run's own VTK arrays, read without VTK: dermaflux writes rectilinear grids
(.vtr) as raw appended binary with UInt64 block headers, and a run split over MPI
ranks a .pvtr listing one .vtr piece per rank. numpy reads them in milliseconds,
where importing VTK's Python modules takes seconds."""
import os
import re
import xml.etree.ElementTree as ElementTree

import numpy

_TYPES = {"Float64": "<f8", "Float32": "<f4", "Int32": "<i4", "Int64": "<i8", "UInt8": "u1",
          "Int8": "i1", "UInt32": "<u4", "UInt64": "<u8"}


def snapshots(run_folder):
    """[(time_h, path)] from the run's .pvd, in time order; [] without one."""
    for name in sorted(os.listdir(run_folder)):
        if name.endswith(".pvd"):
            root = ElementTree.parse(os.path.join(run_folder, name)).getroot()
            found = [(float(d.get("timestep")), os.path.join(run_folder, d.get("file")))
                     for d in root.iter("DataSet")]
            return sorted(found)
    return []


def _read_vtr(path):
    with open(path, "rb") as f:
        data = f.read()
    marker = data.find(b"<AppendedData")
    start = data.find(b"_", marker) + 1
    header = data[:marker].decode("utf-8", "replace")
    if 'header_type="UInt64"' not in header or 'encoding="raw"' not in data[marker:marker + 80].decode(
            "ascii", "replace"):
        raise ValueError(f"{path}: not a raw-appended VTK file with UInt64 headers")
    arrays = {}
    for match in re.finditer(r"<DataArray([^>]*)>", header):
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if attributes.get("format") != "appended":
            continue
        offset = start + int(attributes["offset"])
        size = int.from_bytes(data[offset:offset + 8], "little")
        arrays[attributes["Name"]] = numpy.frombuffer(data, _TYPES[attributes["type"]], size
                                                      // numpy.dtype(_TYPES[attributes["type"]]).itemsize,
                                                      offset + 8)
    extent = [int(v) for v in re.search(r'<Piece Extent="([^"]*)"', header).group(1).split()]
    return extent, arrays


class Grid:
    """Cell arrays on a rectilinear grid: field[name][k, j, i], edges x_um, y_um, z_um."""

    def __init__(self, x_um, y_um, z_um, fields):
        self.x_um, self.y_um, self.z_um, self.fields = x_um, y_um, z_um, fields


def read_grid(path, names=("concentration", "material", "channel_fraction")):
    """One snapshot (.vtr or .pvtr) as a Grid holding the named cell arrays."""
    if path.endswith(".pvtr"):
        root = ElementTree.parse(path).getroot()
        pieces = [_read_vtr(os.path.join(os.path.dirname(path), p.get("Source")))
                  for p in root.iter("Piece")]
        whole = [int(v) for v in root.find("PRectilinearGrid").get("WholeExtent").split()]
    else:
        pieces = [_read_vtr(path)]
        whole = pieces[0][0]
    shape = (whole[5] - whole[4], whole[3] - whole[2], whole[1] - whole[0])
    coordinates = [numpy.zeros(n + 1) for n in (shape[2], shape[1], shape[0])]
    fields = {name: numpy.zeros(shape) for name in names}
    for extent, arrays in pieces:
        axes = [key for key in arrays if key.endswith("_um")]
        for axis, key in enumerate(sorted(axes)):  # x_um, y_um, z_um
            coordinates[axis][extent[2 * axis] - whole[2 * axis]:extent[2 * axis + 1] - whole[2 * axis] + 1] = \
                arrays[key]
        piece_shape = (extent[5] - extent[4], extent[3] - extent[2], extent[1] - extent[0])
        window = tuple(slice(extent[2 * a] - whole[2 * a], extent[2 * a + 1] - whole[2 * a]) for a in (2, 1, 0))
        for name in names:
            if name in arrays:
                fields[name][window] = arrays[name].reshape(piece_shape)
    return Grid(coordinates[0], coordinates[1], coordinates[2], fields)
