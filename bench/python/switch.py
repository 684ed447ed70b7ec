"""Scenario 2 (baselines 1b): task switches (one suspend + one resume), N of them.
sleep0: two tasks each `await asyncio.sleep(0)` N/2 times, gathered. queue: N/2 round trips through
two unbounded asyncio.Queues. event: N/2 round trips through two asyncio.Events (set, wait, clear).
One untimed pass of N/10, then one timed pass of N.
Usage: switch.py N sleep0|queue|event"""
import asyncio
import time

from common import arg, report

N = arg(1, 1_000_000)
MODE = arg(2, "sleep0", str)


async def yielder(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def sleep0(n):
    await asyncio.gather(yielder(n // 2), yielder(n - n // 2))


async def pinger(there, back, n):
    for i in range(n):
        await there.put(i)
        await back.get()


async def ponger(there, back, n):
    for _ in range(n):
        await back.put(await there.get())


async def queue(n):
    there, back = asyncio.Queue(), asyncio.Queue()
    await asyncio.gather(pinger(there, back, n // 2), ponger(there, back, n // 2))


async def event_pinger(ping, pong, n):
    for _ in range(n):
        ping.set()
        await pong.wait()
        pong.clear()


async def event_ponger(ping, pong, n):
    for _ in range(n):
        await ping.wait()
        ping.clear()
        pong.set()


async def event(n):
    ping, pong = asyncio.Event(), asyncio.Event()
    await asyncio.gather(event_pinger(ping, pong, n // 2), event_ponger(ping, pong, n // 2))


async def main():
    shape = {"sleep0": sleep0, "queue": queue, "event": event}[MODE]
    await shape(N // 10)
    t0 = time.perf_counter()
    await shape(N)
    return time.perf_counter() - t0


seconds = asyncio.run(main())
report(n=N, **{MODE + "_switch": seconds / N * 1e9})
