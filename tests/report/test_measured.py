#!/usr/bin/python3
"""Unit tests of the report's measured data: the FDA IVPT endpoints against numbers
computed by hand, mean ± sd per sampling time, and a located error (file:line, what
was expected) for each way a measured.csv can be malformed.

    test_measured.py    (exit 0 when every test passes)
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "solver", "app", "report"))

import ivpt_endpoints  # noqa: E402
import measured_data  # noqa: E402

TIMESERIES = ["time_h", "vehicle_ug_cm2", "dermis_ug_cm2", "receptor_ug_cm2", "flux_ug_cm2_h"]


class Endpoints(unittest.TestCase):
    def test_interpolation_is_linear_and_never_extrapolates(self):
        self.assertEqual(ivpt_endpoints.interpolate([0, 1, 2], [0, 10, 30], 1.5), 20)
        self.assertEqual(ivpt_endpoints.interpolate([0, 1, 2], [0, 10, 30], 1), 10)
        self.assertIsNone(ivpt_endpoints.interpolate([0, 1, 2], [0, 10, 30], 2.5))

    def test_jmax_is_the_largest_interval_flux_from_time_zero(self):
        # Intervals 0-1 h: 10/1 = 10; 1-2 h: 20/1 = 20; 2-4 h: 10/2 = 5.
        result = ivpt_endpoints.jmax([1, 2, 4], [10, 30, 40])
        self.assertEqual(result, {"value": 20, "interval_h": (1, 2)})

    def test_jmax_of_data_sampled_at_zero_adds_no_second_origin(self):
        self.assertEqual(ivpt_endpoints.jmax([0, 1], [0, 5]), {"value": 5, "interval_h": (0, 1)})

    def test_model_read_at_the_data_times(self):
        # Model at 1 h: 5, at 3 h: 20. Data fluxes 4/1 = 4, 16/2 = 8; model 5/1 = 5, 15/2 = 7.5.
        result = ivpt_endpoints.compare([1, 3], [4, 20], [0, 2, 4], [0, 10, 30])
        self.assertEqual(result["jmax"]["data"], 8)
        self.assertEqual(result["jmax"]["model"], 7.5)
        self.assertEqual(result["jmax"]["data_interval_h"], (1, 3))
        self.assertAlmostEqual(result["jmax"]["ratio"], 0.9375, places=15)
        self.assertEqual((result["total"]["data"], result["total"]["model"], result["total"]["ratio"]), (20, 20, 1))

    def test_times_after_the_run_are_left_out(self):
        # The run ends at 3 h: the 4 h sample is left out. Data Jmax 20 (1-2 h), model
        # 12 (1-2 h: 20 - 8); totals at 2 h: data 30, model 20.
        result = ivpt_endpoints.compare([1, 2, 4], [10, 30, 40], [0, 1, 2, 3], [0, 8, 20, 38])
        self.assertEqual(result["left_out_h"], [4])
        self.assertEqual((result["jmax"]["data"], result["jmax"]["model"]), (20, 12))
        self.assertAlmostEqual(result["jmax"]["ratio"], 0.6, places=15)
        self.assertAlmostEqual(result["total"]["ratio"], 20 / 30, places=15)
        self.assertIsNone(ivpt_endpoints.compare([5], [1], [0, 1], [0, 1]))


class Files(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "measured.csv")

    def tearDown(self):
        self.folder.cleanup()

    def read(self, text, serums=None):
        with open(self.path, "w") as f:
            f.write(text)
        return measured_data.read(self.path, TIMESERIES, serums)

    def fails(self, text, located, serums=None):
        with self.assertRaises(measured_data.MeasuredDataError) as caught:
            self.read(text, serums)
        self.assertIn(f"{self.path}:{located}", str(caught.exception))
        return str(caught.exception)

    def test_mean_and_spread_over_cells(self):
        measured = self.read("time_h,cell,receptor_ug_cm2\n1,A,150\n1,B,170\n1,C,160\n2,A,7\n")
        self.assertEqual(measured.points("receptor_ug_cm2"), [(1, 160, 10, 3), (2, 7, None, 1)])
        self.assertEqual(measured.legend("receptor_ug_cm2"), "measured (3 cells)")

    def test_a_spreadsheets_byte_order_mark_is_no_part_of_the_header(self):
        self.assertEqual(self.read("\ufefftime_h,receptor_ug_cm2\n1,2\n").points("receptor_ug_cm2"), [(1, 2, None, 1)])

    def test_comment_lines_are_skipped_and_lines_keep_the_files_numbers(self):
        # As input/MeasuredData.cpp reads it: a note on the data's origin above the header.
        text = "# SYNTHETIC: made by make_synthetic.py\ntime_h,receptor_ug_cm2\n# cell A\n1,2\n"
        self.assertEqual(self.read(text).points("receptor_ug_cm2"), [(1, 2, None, 1)])
        self.assertIn("no time_h column", self.fails("# note\nhours,receptor_ug_cm2\n1,2\n", "2:"))
        self.assertIn("expected a number", self.fails("# note\ntime_h,receptor_ug_cm2\n1,x\n", "3:"))

    def test_given_sds_are_pooled(self):
        measured = self.read("time_h,receptor_ug_cm2,sd_receptor_ug_cm2\n1,10,3\n1,12,4\n")
        self.assertAlmostEqual(measured.points("receptor_ug_cm2")[0][2], (12.5) ** 0.5, places=14)

    def test_rows_without_a_serum_apply_to_every_serum(self):
        measured = self.read("time_h,serum,receptor_ug_cm2\n1,a,1\n1,b,2\n2,,3\n", serums=["a", "b"])
        self.assertEqual([p[1] for p in measured.for_serum("a").points("receptor_ug_cm2")], [1, 3])

    def test_malformed_files_get_located_errors(self):
        self.assertIn("expected a header", self.fails("", "1:"))
        self.assertIn("no time_h column", self.fails("hours,receptor_ug_cm2\n1,2\n", "1:"))
        self.assertIn("expected commas", self.fails("time_h;receptor_ug_cm2\n1;2\n", "1:"))
        self.assertIn("not one of timeseries.csv's columns", self.fails("time_h,receptor\n1,2\n", "1:"))
        self.assertIn("no measured column", self.fails("time_h,cell\n1,A\n", "1:"))
        self.assertIn("appears twice", self.fails("time_h,time_h\n1,1\n", "1:"))
        self.assertIn("not a column of this file", self.fails("time_h,dermis_ug_cm2,sd_receptor_ug_cm2\n1,2,3\n", "1:"))
        self.assertIn("expected a number", self.fails("time_h,receptor_ug_cm2\n1,2\n2,abc\n", "3:"))
        self.assertIn("3 fields, but the header has 2", self.fails("time_h,receptor_ug_cm2\n1,2,3\n", "2:"))
        self.assertIn("time_h is empty", self.fails("time_h,receptor_ug_cm2\n,2\n", "2:"))
        self.assertIn(">= 0", self.fails("time_h,receptor_ug_cm2\n-1,2\n", "2:"))
        self.assertIn("standard deviation", self.fails("time_h,receptor_ug_cm2,sd_receptor_ug_cm2\n1,2,-1\n", "2:"))
        self.assertIn("no data rows", self.fails("time_h,receptor_ug_cm2\n", "2:"))
        self.assertIn("no value", self.fails("time_h,receptor_ug_cm2\n1,\n", "2:"))
        self.assertIn("finite", self.fails("time_h,receptor_ug_cm2\n1,nan\n", "2:"))
        self.assertIn("one run", self.fails("time_h,serum,receptor_ug_cm2\n1,a,2\n", "1:"))
        self.assertIn("not one of the comparison's serums",
                      self.fails("time_h,serum,receptor_ug_cm2\n1,c,2\n", "2:", serums=["a", "b"]))


if __name__ == "__main__":
    unittest.main()
