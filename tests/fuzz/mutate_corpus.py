#!/usr/bin/env python3
"""Deterministic mutations of the case-reader corpus, for CI's fuzz gate.

    python3 tests/fuzz/mutate_corpus.py --seed 1 --count 100000 CORPUS_DIR OUT_DIR

Writes COUNT inputs derived from the files of CORPUS_DIR into OUT_DIR, drawn from
random.Random(SEED) alone: the same corpus and seed give the same files on every
machine and every run. libFuzzer's own search is coverage-guided, and coverage
feedback made two runs with the same -seed diverge after a few thousand inputs
(its scheduling is not reproducible), so CI replays these instead; the exploratory
mode of fuzz.sh keeps libFuzzer's search.

The mutations (units include the serum film's: uL/cm^2/h, um/h, mm^2, mg/kg/day)
are those that found bugs in the reader before: extreme numbers and
whole-number strings (overflow in casts), odd units, lines removed, repeated or moved
(missing and duplicated keys), values taken from other keys and other files,
truncation, stray bytes and control characters.
"""
import argparse
import pathlib
import random

EXTREME_NUMBERS = [
    "0", "-0", "1e-320", "4.9e-324", "1e308", "-1e308", "1.8e308", "nan", ".nan", "inf",
    "-.inf", "1e200", "1e-200", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "2147483648", "18446744073709551616", "1" * 80, "0x10", "1_000",
    "3.", ".5", "-1", "1e3", "1e+03", "0.0000001", "123456789012345678901234567890",
]
UNITS = ["um", "mm", "cm", "m", "nm", "h", "s", "min", "d", "mg/mL", "ug/cm^2", "uL/cm^2",
         "cm^2/s", "m^2/s", "1/cm^2", "cm^-2", "1/mm^2", "%", "g/mol", "cm^99", "um^-4", "/",
         "^", "mg/mL/h", "1/h", "", "kg", "um um", "uL/cm^2/h", "um/h", "mm^2", "mg/kg/day",
         "day", "g"]
STRAY = ["\t", "\x00", "\x7f", "\r", "\xff", "\u00b5", "{", "}", "[", "]", ":", ",", "&a",
         "*a", "!!str ", "? ", "- ", "#", "'", '"', "|", ">", "%", "@", "`", "\ufeff"]


def numbers_and_units(line, rng):
    words = line.split(" ")
    for i, word in enumerate(words):
        if any(c.isdigit() for c in word) and rng.random() < 0.5:
            words[i] = rng.choice(EXTREME_NUMBERS)
        elif i > 0 and any(c.isdigit() for c in words[i - 1]) and rng.random() < 0.3:
            words[i] = rng.choice(UNITS)
    return " ".join(words)


def mutate(text, others, rng):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        kind = rng.randrange(9)
        if kind == 0:
            lines[i] = numbers_and_units(lines[i], rng)
        elif kind == 1:
            del lines[i]
        elif kind == 2:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif kind == 3:  # a value moved to another key
            j = rng.randrange(len(lines))
            if ":" in lines[i] and ":" in lines[j]:
                key = lines[i].split(":", 1)[0]
                lines[i] = key + ":" + lines[j].split(":", 1)[1]
        elif kind == 4:  # a line from another file, at this indentation
            other = rng.choice(others).split("\n")
            lines.insert(i, rng.choice(other))
        elif kind == 5:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + rng.choice(STRAY) + lines[i][cut:]
        elif kind == 6:  # indentation changed
            lines[i] = " " * rng.choice([0, 1, 2, 3, 4, 6, 8]) + lines[i].lstrip(" ")
        elif kind == 7:
            lines = lines[: rng.randrange(len(lines) + 1)]
        else:
            lines[i] = numbers_and_units(lines[i], rng)
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
    result = "\n".join(lines)
    if rng.random() < 0.05:  # truncated mid-line
        result = result[: rng.randrange(len(result) + 1)]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    arguments = parser.parse_args()
    files = sorted(p for p in arguments.corpus.iterdir() if p.is_file())
    texts = [p.read_bytes().decode("utf-8", "surrogateescape") for p in files]
    rng = random.Random(arguments.seed)
    arguments.out.mkdir(parents=True, exist_ok=True)
    for n in range(arguments.count):
        text = mutate(texts[n % len(texts)], texts, rng)
        data = text.encode("utf-8", "surrogateescape")
        (arguments.out / f"m{n:06d}").write_bytes(data)


if __name__ == "__main__":
    main()
