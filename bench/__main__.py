"""`make bench`: national-scale timings, each printed beside its floor.

Runs on its own database (var/bench.sqlite3, or BENCH_DATABASE_URL for
PostgreSQL) so the development data are untouched. Each module listed in
BENCHMARKS has run(report); report(name, seconds, floor_seconds, goal_ratio)
prints one line. Speed goals live here, never in timed tests.
"""

import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["bench.coaching", "bench.twinnings", "bench.load"]


class Report:
    def __init__(self):
        self.lines = []

    def __call__(self, name, seconds, floor=None, goal=None):
        if floor:
            ratio = seconds / floor
            verdict = (
                "" if goal is None else (" ✓" if ratio <= goal else f" ✗ (objectif ≤ {goal}×)")
            )
            line = f"{name:58} {seconds * 1000:9.1f} ms   plancher {floor * 1000:9.1f} ms   {ratio:5.2f}×{verdict}"
        else:
            line = f"{name:58} {seconds * 1000:9.1f} ms"
        self.lines.append(line)
        print(line, flush=True)


def timed(function, *args, repeat=3, **kwargs):
    """Best of `repeat` runs, in seconds, and the last result."""
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DATABASE_URL"] = (
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    report = Report()
    selected = sys.argv[1:] or BENCHMARKS
    for name in selected:
        module_name = name if name.startswith("bench.") else f"bench.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        print(
            f"== {module.__doc__.strip().splitlines()[0] if module.__doc__ else module_name}",
            flush=True,
        )
        module.run(report)


if __name__ == "__main__":
    main()
