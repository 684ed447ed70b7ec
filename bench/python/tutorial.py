"""Scenario 5 (baselines 1e): the tutorial's async download example, as a whole process."""
import asyncio
import time

from common import report


async def download_file():
    print("开始下载...")
    await asyncio.sleep(5)
    print("下载完成!")


async def print_numbers():
    for i in range(1, 6):
        print(i)
        await asyncio.sleep(1)


async def main():
    await asyncio.gather(download_file(), print_numbers())


t0 = time.perf_counter()
asyncio.run(main())
report(run_wall=time.perf_counter() - t0)
