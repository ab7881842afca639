#!/usr/bin/env python3
"""Writes cases/validation/database/huskindb_epidermis_water.csv, the database-wide
check's data (cases/validation/database/SOURCE.md), from huskinDB (Stepanov et al., Sci
Data 2020, doi:10.1038/s41597-020-00764-z; data/huskinDB.csv of
github.com/RhDm/huskinDB_publication, commit 3edb807).

The selection is LIPOPHILIC_KP.md's (lipophilic_kp_check.py's constants): human skin,
used layer "epidermis", not neat, an aqueous or unspecified donor; actives that ionise
(acids, bases, salts, by name) left out, since the database gives no pKa. One row per
compound: huskinDB's own (calculated) LogP and molecular weight, the median of its
kp values, how many there are and which studies they come from.

    huskindb_extract.py huskinDB.csv [OUT.csv]
"""
import collections
import csv
import math
import pathlib
import statistics
import sys

from lipophilic_kp_check import AQUEOUS, IONISABLE, STEROID

DEFAULT_OUT = (pathlib.Path(__file__).resolve().parents[2]
               / "cases" / "validation" / "database" / "huskindb_epidermis_water.csv")


def main(path, out=DEFAULT_OUT):
    kp_cm_h, info, studies = collections.defaultdict(list), {}, collections.defaultdict(set)
    for r in csv.DictReader(open(path, newline="")):
        name = r["Compound name"]
        if (r["used layer"] != "epidermis" or r["neat"] != "0"
                or r["donor type"] not in AQUEOUS
                or any(k.lower() in name.lower() for k in IONISABLE)):
            continue
        kp_cm_h[name].append(10 ** (float(r["logkp (cm/s)"]) + math.log10(3600)))
        info[name] = (float(r["LogP"]), float(r["molecular weight"]))
        studies[name].add(r["reference"])
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["compound", "log_p", "molecular_weight_g_mol", "kp_cm_h", "n_values",
                    "steroid", "studies"])
        for name in sorted(kp_cm_h, key=str.lower):
            log_p, mw = info[name]
            w.writerow([name, f"{log_p:.4g}", f"{mw:.5g}",
                        f"{statistics.median(kp_cm_h[name]):.4g}", len(kp_cm_h[name]),
                        int(any(k in name.lower() for k in STEROID)),
                        "; ".join(sorted(studies[name]))])
    print(f"{out}: {len(kp_cm_h)} compounds")


if __name__ == "__main__":
    main(sys.argv[1], *(pathlib.Path(a) for a in sys.argv[2:3]))
