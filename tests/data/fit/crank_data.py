"""Synthetic Franz-cell data from Crank's membrane Q(t) (membrane.yaml with
D = 1e-13 m^2/s, K = 0.8): two cells, 8 times to 2 h, Gaussian noise of sd 0.3 ug/cm^2
drawn with the seed given (the first argument), as the CSV `dermaflux fit` reads."""
import math
import random
import sys

h, D, K, C0 = 20e-6, 1e-13, 0.8, 30.0


def Q(t):
    s = sum((-1) ** n / n**2 * math.exp(-D * n * n * math.pi**2 * t / h**2) for n in range(1, 400))
    return K * h * C0 * (D * t / h**2 - 1 / 6 - 2 / math.pi**2 * s) * 1e5


random.seed(int(sys.argv[1]))
print("time_h,cell,receptor_ug_cm2,sd_receptor_ug_cm2")
for cell in "AB":
    for t in (0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0):
        print(f"{t},{cell},{Q(t * 3600) + random.gauss(0, 0.3):.5g},0.3")
