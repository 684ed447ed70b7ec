"""Scenario 3 (baselines 1c): `asyncio.gather(*[sleeper() for _ in range(N)])`, `sleeper` =
`await asyncio.sleep(S); return 1`. Prints suspended (all tasks at their sleep), run_wall, and when
the first and last woke against their deadlines, as the asyncj program does.
Usage: sleepers.py N SECONDS [nogc]"""
import asyncio
import gc
import sys
import time

from common import arg, report

N = arg(1, 100_000)
SECONDS = arg(2, 1.0, float)
if "nogc" in sys.argv[3:]:
    gc.disable()

started = woken = 0
first_start = last_start = first_wake = last_wake = 0.0


async def sleeper():
    global started, woken, first_start, last_start, first_wake, last_wake
    now = time.perf_counter()
    if started == 0:
        first_start = now
    started += 1
    last_start = now
    await asyncio.sleep(SECONDS)
    now = time.perf_counter()
    if woken == 0:
        first_wake = now
    woken += 1
    last_wake = now
    return 1


async def main():
    t0 = time.perf_counter()
    results = await asyncio.gather(*[sleeper() for _ in range(N)])
    t1 = time.perf_counter()
    figures = dict(n=N, sum=sum(results), run_wall=t1 - t0)
    if N:
        figures.update(
            suspended=last_start - t0,
            first_wake_late=first_wake - (first_start + SECONDS),
            last_wake_late=last_wake - (last_start + SECONDS),
            wake_span=last_wake - (first_start + SECONDS))
    report(**figures)


asyncio.run(main())
