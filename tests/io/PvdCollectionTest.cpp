#include "io/PvdCollection.hpp"

#include <gtest/gtest.h>
#include <vtkNew.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "ScratchFolder.hpp"
#include "core/Error.hpp"

namespace dermaflux::io {
namespace {

using testing::read_text;
using testing::ScratchFolder;

TEST(PvdCollection, ListsEveryDataSetInOrderWithExactTimes) {
  ScratchFolder folder;
  PvdCollection collection(folder / "case.pvd");
  const std::vector<double> times_h = {0.0, 0.1, 1.0 / 3.0};

  collection.add(times_h[0], "case_0000.vtr");
  collection.add(times_h[1], "case_0001.vtr");
  collection.add(times_h[2], "case_0002.vtr");

  vtkNew<vtkXMLDataParser> parser;
  parser->SetFileName(collection.file().c_str());
  ASSERT_EQ(parser->Parse(), 1);
  vtkXMLDataElement* root = parser->GetRootElement();
  ASSERT_NE(root, nullptr);
  EXPECT_STREQ(root->GetName(), "VTKFile");
  EXPECT_STREQ(root->GetAttribute("type"), "Collection");
  vtkXMLDataElement* list = root->FindNestedElementWithName("Collection");
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->GetNumberOfNestedElements(), 3);
  for (int n = 0; n < 3; ++n) {
    vtkXMLDataElement* data_set = list->GetNestedElement(n);
    EXPECT_STREQ(data_set->GetName(), "DataSet");
    EXPECT_EQ(std::stod(data_set->GetAttribute("timestep")), times_h[static_cast<std::size_t>(n)]);
    EXPECT_EQ(std::string(data_set->GetAttribute("file")), "case_000" + std::to_string(n) + ".vtr");
    EXPECT_STREQ(data_set->GetAttribute("part"), "0");
  }
}

TEST(PvdCollection, WritesShortestRoundTripTimes) {
  ScratchFolder folder;
  PvdCollection collection(folder / "case.pvd");

  collection.add(0.1, "a.vtr");
  collection.add(24.0, "b.vtr");

  const std::string text = read_text(collection.file());
  EXPECT_NE(text.find("timestep=\"0.1\""), std::string::npos) << text;
  EXPECT_NE(text.find("timestep=\"24\""), std::string::npos) << text;
}

TEST(PvdCollection, IsCompleteAfterEveryAdd) {
  ScratchFolder folder;
  PvdCollection collection(folder / "case.pvd");

  collection.add(0.0, "case_0000.vtr");

  const std::string text = read_text(collection.file());
  EXPECT_NE(text.find("</VTKFile>"), std::string::npos);
  EXPECT_EQ(folder.entries(), std::vector<std::string>{"case.pvd"});
}

TEST(PvdCollection, EscapesXmlInFileNames) {
  ScratchFolder folder;
  PvdCollection collection(folder / "case.pvd");

  collection.add(1.0, "a&b<\"c\">.vtr");

  vtkNew<vtkXMLDataParser> parser;
  parser->SetFileName(collection.file().c_str());
  ASSERT_EQ(parser->Parse(), 1);
  auto* data_set = parser->GetRootElement()->LookupElementWithName("DataSet");
  ASSERT_NE(data_set, nullptr);
  EXPECT_STREQ(data_set->GetAttribute("file"), "a&b<\"c\">.vtr");
}

TEST(PvdCollection, FailedWriteThrowsIoErrorAndForgetsTheEntry) {
  ScratchFolder folder;
  PvdCollection collection(folder / "missing" / "case.pvd");

  EXPECT_THROW(collection.add(0.0, "case_0000.vtr"), IoError);
  std::filesystem::create_directory(folder / "missing");
  collection.add(1.0, "case_0001.vtr");

  const std::string text = read_text(collection.file());
  EXPECT_EQ(text.find("case_0000.vtr"), std::string::npos) << text;
  EXPECT_NE(text.find("case_0001.vtr"), std::string::npos) << text;
}

TEST(PvdCollection, RejectsANonFiniteTime) {
  ScratchFolder folder;
  PvdCollection collection(folder / "case.pvd");

  EXPECT_THROW(collection.add(std::nan(""), "x.vtr"), std::invalid_argument);
}

}  // namespace
}  // namespace dermaflux::io
