"""The seed's own program at scale: asyncio.gather of N coroutines that each sleep a second.

Usage: python3 seed_gather.py N   (prints one RESULT line; the driver measures the process)
"""
import asyncio
import sys
import time


async def func(a):
    await asyncio.sleep(1)
    return a + 1


async def main(n):
    return await asyncio.gather(*[func(a) for a in range(n)])


if __name__ == "__main__":
    n = int(sys.argv[1])
    start = time.perf_counter()
    results = asyncio.run(main(n))
    seconds = time.perf_counter() - start
    assert results == [a + 1 for a in range(n)]
    print(f"RESULT mode=asyncio n={n} gatherSeconds={seconds:.3f} python={sys.version.split()[0]}")
