"""Scenario 4 (baselines 1d): N x `create_task(noop())`, then gather; ROUNDS rounds in one process:
the first (cold) and the median of the others (warm). Usage: fanout.py N ROUNDS"""
import asyncio
import statistics
import time

from common import arg, report

N = arg(1, 1_000_000)
ROUNDS = arg(2, 2)


async def noop():
    return 1


async def main():
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(noop()) for _ in range(N)]
        results = await asyncio.gather(*tasks)
        times.append(time.perf_counter() - t0)
        assert len(results) == N
        del tasks, results
    report(n=N, cold=times[0], warm=statistics.median(times[1:]) if ROUNDS > 1 else 0)


asyncio.run(main())
