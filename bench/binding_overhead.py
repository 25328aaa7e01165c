#!/usr/bin/env python3
"""Per-call cost of humain's Python binding next to the C++ call it wraps.

Times the same work as bench/local_engine_bench.cpp's BM_LocalCachedInstruction: a second
instruction ("the search field below Password") on a 1920x1080 screen the engine has already
parsed (the first such screen of data/dev + data/val in name order), so both sides measure
matching plus the call path, not OCR. Prints medians of N calls for each way of passing the image.

    PYTHONPATH=build/python /usr/bin/python3 bench/binding_overhead.py [--calls 2000]
    build/bench/humain_microbench --benchmark_filter=BM_LocalCachedInstruction \
        --benchmark_repetitions=10 --benchmark_report_aggregates_only=true
"""
import argparse
import pathlib
import statistics
import time

import numpy as np
from PIL import Image

import humain

ROOT = pathlib.Path(__file__).resolve().parents[1]
INSTRUCTION = "the search field below Password"


def first_1080p_screen():
    files = sorted(str(p) for d in ("data/dev/images", "data/val/images") for p in (ROOT / d).iterdir())
    for f in files:
        with Image.open(f) as im:
            if im.size == (1920, 1080):
                return f
    raise SystemExit("no 1920x1080 screenshot in data/dev or data/val")


def median_us(fn, calls):
    """Medians of wall time and of this process's CPU time per call, in microseconds."""
    wall, cpu = [], []
    for _ in range(calls):
        c0, t0 = time.process_time_ns(), time.perf_counter_ns()
        fn()
        wall.append((time.perf_counter_ns() - t0) / 1e3)
        cpu.append((time.process_time_ns() - c0) / 1e3)
    return statistics.median(wall), statistics.median(cpu)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    args = ap.parse_args()
    path = first_1080p_screen()
    g = humain.Grounder()
    shot = humain.Screenshot(path)
    bgr = np.ascontiguousarray(np.asarray(Image.open(path).convert("RGB"))[:, :, ::-1])
    rgb = np.asarray(Image.open(path).convert("RGB"))
    g.find_element(shot, "warm up the parse")
    p = g.find_element(shot, INSTRUCTION)
    inner = statistics.median(g.find_element(shot, INSTRUCTION).timings["total_ms"] * 1e3 for _ in range(200))
    print(f"screen {pathlib.Path(path).name}, answer {p.point}")
    print(f"engine's own total_ms (inside C++ find_element), median: {inner:8.1f} us")
    rows = [
        ("humain.Screenshot (decoded once)", lambda: g.find_element(shot, INSTRUCTION), args.calls),
        ("numpy BGR array (borrowed, hashed per call)", lambda: g.find_element(bgr, INSTRUCTION, color_order="bgr"),
         max(50, args.calls // 10)),
        ("numpy RGB array (converted + hashed per call)", lambda: g.find_element(rgb, INSTRUCTION),
         max(50, args.calls // 10)),
        ("file path (read + PNG decode per call)", lambda: g.find_element(path, INSTRUCTION), 30),
    ]
    for name, fn, calls in rows:
        wall, cpu = median_us(fn, calls)
        print(f"{name:48s} median wall {wall:9.1f} us  cpu {cpu:9.1f} us  ({calls} calls)")


if __name__ == "__main__":
    main()
