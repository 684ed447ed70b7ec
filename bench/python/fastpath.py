"""Scenario 1 (baselines 1a): `await f()` where `async def f(): return 1`, N times; and the plain
call `g()` for reference. One untimed pass of N/10, then one timed pass of N (CPython has no JIT;
the pass lets the specialising interpreter settle). Usage: fastpath.py N"""
import asyncio
import time

from common import arg, report

N = arg(1, 10_000_000)


async def f():
    return 1


def g():
    return 1


async def await_loop(n):
    total = 0
    for _ in range(n):
        total += await f()
    return total


def call_loop(n):
    total = 0
    for _ in range(n):
        total += g()
    return total


async def main():
    await await_loop(N // 10)
    t0 = time.perf_counter()
    await await_loop(N)
    return time.perf_counter() - t0


await_s = asyncio.run(main())
call_loop(N // 10)
t0 = time.perf_counter()
call_loop(N)
call_s = time.perf_counter() - t0
report(n=N, await_f=await_s / N * 1e9, sync_call_g=call_s / N * 1e9)
