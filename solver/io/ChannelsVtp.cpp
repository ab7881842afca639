#include "io/ChannelsVtp.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include <array>
#include <cmath>
#include <utility>

#include "io/VtkXmlFile.hpp"

namespace dermaflux::io {
namespace {

constexpr double kMicrometresPerMetre = 1e6;
constexpr int kSegments = 32;  // around a cone or cylinder

// The outline of a cross-section of "radius" r around (x, y) at height z, in um.
std::vector<std::array<double, 3>> outline(const mesh::Channel& c, double r, double z) {
  std::vector<std::array<double, 3>> points;
  const double x = c.x_m, y = c.y_m;
  if (c.shape == mesh::ChannelShape::Pyramid) {
    for (auto [sx, sy] : {std::pair{-1, -1}, {1, -1}, {1, 1}, {-1, 1}})
      points.push_back({(x + sx * r) * kMicrometresPerMetre, (y + sy * r) * kMicrometresPerMetre,
                        z * kMicrometresPerMetre});
    return points;
  }
  for (int n = 0; n < kSegments; ++n) {
    const double angle = 2.0 * M_PI * n / kSegments;
    points.push_back({(x + r * std::cos(angle)) * kMicrometresPerMetre,
                      (y + r * std::sin(angle)) * kMicrometresPerMetre, z * kMicrometresPerMetre});
  }
  return points;
}

}  // namespace

void write_channels_vtp(const std::filesystem::path& file,
                        const std::vector<mesh::Channel>& channels, bool periodic, double width_m,
                        double length_m) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> polygons;
  vtkNew<vtkIntArray> ids;
  ids->SetName("channel_id");
  vtkNew<vtkDoubleArray> depths;
  depths->SetName("depth_um");

  for (std::size_t id = 0; id < channels.size(); ++id) {
    const int images = periodic ? 1 : 0;
    for (int mx = -images; mx <= images; ++mx) {
      for (int my = -images; my <= images; ++my) {
        mesh::Channel c = channels[id];
        c.x_m += mx * width_m;
        c.y_m += my * length_m;
        const double reach = std::max(c.surface_radius_m, c.bottom_radius_m);
        if (c.x_m + reach <= 0.0 || c.x_m - reach >= width_m || c.y_m + reach <= 0.0 ||
            c.y_m - reach >= length_m)
          continue;
        const auto top = outline(c, c.surface_radius_m, 0.0);
        const auto bottom = outline(c, c.bottom_radius_m, -c.depth_m);
        const vtkIdType first = points->GetNumberOfPoints();
        for (const auto& p : top) points->InsertNextPoint(p.data());
        for (const auto& p : bottom) points->InsertNextPoint(p.data());
        const auto n = static_cast<vtkIdType>(top.size());
        auto add_cell = [&](std::vector<vtkIdType> corners) {
          polygons->InsertNextCell(static_cast<vtkIdType>(corners.size()), corners.data());
          ids->InsertNextValue(static_cast<int>(id));
          depths->InsertNextValue(c.depth_m * kMicrometresPerMetre);
        };
        for (vtkIdType s = 0; s < n; ++s) {  // the side wall, one quad per segment
          const vtkIdType t = (s + 1) % n;
          add_cell({first + s, first + t, first + n + t, first + n + s});
        }
        std::vector<vtkIdType> floor;  // the bottom, open at the skin surface
        for (vtkIdType s = 0; s < n; ++s) floor.push_back(first + n + s);
        add_cell(floor);
      }
    }
  }
  vtkNew<vtkPolyData> data;
  data->SetPoints(points);
  data->SetPolys(polygons);
  data->GetCellData()->AddArray(ids);
  data->GetCellData()->AddArray(depths);
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_vtk_xml(*writer, *data, file);
}

}  // namespace dermaflux::io
