"""A fit problem made by the model itself, for the tests: from a run of
needled_film.yaml (its folder, the first argument) writes, in the current folder,
needled.csv (the receptor and the stratum corneum at every output after t = 0, two
cells, 2 % Gaussian noise with seed 3) and needled_fit.yaml, which fits the channel
closure half-life and the stratum corneum D (true: 20 min, 6e-11 cm^2/s) from the
middle of their bounds. The second argument is needled_film.yaml's path."""
import csv
import random
import sys

run_folder, base_case = sys.argv[1:3]
random.seed(3)
rows = list(csv.DictReader(open(f"{run_folder}/timeseries.csv")))[1:]
with open("needled.csv", "w") as out:
    out.write("time_h,cell,receptor_ug_cm2,stratum_corneum_ug_cm2\n")
    for cell in "AB":
        for row in rows:
            noisy = lambda column: float(row[column]) * (1 + random.gauss(0, 0.02))
            out.write(f"{float(row['time_h']):.6g},{cell},{noisy('receptor_ug_cm2'):.6g},"
                      f"{noisy('stratum_corneum_ug_cm2'):.6g}\n")
with open("needled_fit.yaml", "w") as out:
    out.write(f"""base: {base_case}
measured: needled.csv
fit:
  needles.closure_half_life: [5 min, 2 h]
  skin.layers.stratum_corneum.diffusivity: [1e-12 cm^2/s, 1e-9 cm^2/s]
output: needled_fit
""")
