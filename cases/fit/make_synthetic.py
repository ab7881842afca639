#!/usr/bin/env python3
"""Writes franz_caffeine_synthetic.csv: SYNTHETIC data, not a measurement.

No published Franz-cell time course was at hand (cases/validation holds end-point
values only), so the fit example fits data made by dermaflux itself: the receptor
amount of cases/fit/franz_caffeine.yaml run with the quick-start's stratum corneum
(D = 6.0e-11 cm^2/s, K = 0.8; cases/quickstart.yaml), and the stratum corneum's amount
at 24 h (tape stripping), for three cells with 8 % Gaussian noise (seed 19).

    python3 make_synthetic.py TRUTH_RUN/timeseries.csv > franz_caffeine_synthetic.csv
"""
import csv
import random
import sys

TIMES_H = [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24]
rows = {float(r["time_h"]): r for r in csv.DictReader(open(sys.argv[1]))}
random.seed(19)
print("# SYNTHETIC data (cases/fit/make_synthetic.py), not a measurement: dermaflux's own")
print("# cases/fit/franz_caffeine.yaml with stratum corneum D = 6.0e-11 cm^2/s, K = 0.8, three")
print("# cells with 8 % Gaussian noise. sd_* is the 8 % the noise was drawn with.")
print("time_h,cell,receptor_ug_cm2,sd_receptor_ug_cm2,stratum_corneum_ug_cm2,sd_stratum_corneum_ug_cm2")
for cell in ("A", "B", "C"):
    for t in TIMES_H:
        receptor = float(rows[t]["receptor_ug_cm2"])
        line = f"{t},{cell},{receptor * (1 + random.gauss(0, 0.08)):.4g},{0.08 * receptor:.3g}"
        if t == 24:
            sc = float(rows[t]["stratum_corneum_ug_cm2"])
            line += f",{sc * (1 + random.gauss(0, 0.08)):.4g},{0.08 * sc:.3g}"
        else:
            line += ",,"
        print(line)
