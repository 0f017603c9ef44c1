"""`make bench` (SQLite) and `make bench-pg` (a throwaway PostgreSQL cluster): national-scale
timings, each beside its floor, measured alternately in one process.

Runs on its own database (var/bench.sqlite3, or BENCH_DATABASE_URL for PostgreSQL) so
the development data are untouched. Each module listed in BENCHMARKS has run(report).

Honest referee: `report.compare(name, operation, floor)` runs the operation and its
floor one after the other, ROUNDS times (BENCH_ROUNDS, default 5), and prints the min
and median of each and the ratio of the minima (and of the medians): a loaded machine
slows both sides of a round alike. Speed goals live here, never in timed tests.

Knobs: BENCH_SCALE (default 1: 20 000 organisations, 200 000 contacts; 0.1 for a quick
run while developing), BENCH_LARGE=1 adds the recap at 200 000 organisations (2 million
contacts: several minutes to generate), BENCH_ROUNDS.
"""

import importlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = [
    "bench.startup",
    "bench.documents",
    "bench.coaching",
    "bench.pages",
    "bench.twinnings",
    "bench.imports",
    "bench.calls",
    "bench.api",
    "bench.load",
]
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LARGE = os.environ.get("BENCH_LARGE", "") not in ("", "0")


def scaled(n):
    return max(1, int(n * SCALE))


def _ms(seconds):
    return f"{seconds * 1000:9.1f} ms"


class Report:
    def __init__(self):
        self.lines = []

    def _print(self, line):
        self.lines.append(line)
        print(line, flush=True)

    def __call__(self, name, seconds, floor=None, goal=None):
        """One figure (already measured), beside its floor when given."""
        if floor:
            ratio = seconds / floor
            self._print(f"{name:60} {_ms(seconds)}   plancher {_ms(floor)}   {ratio:5.2f}×"
                        + self._verdict(ratio, goal))  # fmt: skip
        else:
            self._print(f"{name:60} {_ms(seconds)}")

    @staticmethod
    def _verdict(ratio, goal, unit="×"):
        if goal is None:
            return ""
        return " ✓" if ratio <= goal else f" ✗ (objectif ≤ {goal}{unit})"

    def compare(self, name, operation, floor, *, goal=None, rounds=None, setup=None,
                floor_name="plancher", difference_goal=None, limit=None):  # fmt: skip
        """Alternate operation and floor over rounds; print min/median and the ratio.

        `setup()` (not timed) runs before each side of each round. With difference_goal
        (seconds), the verdict is on min(operation) - min(floor) instead of the ratio.
        """
        times, floors, result = [], [], None
        for _ in range(rounds or ROUNDS):
            for side, out in ((operation, times), (floor, floors)):
                if setup:
                    setup()
                start = time.perf_counter()
                value = side()
                out.append(time.perf_counter() - start)
                if side is operation:
                    result = value
        best, best_floor = min(times), min(floors)
        med, med_floor = statistics.median(times), statistics.median(floors)
        ratio = best / best_floor if best_floor else float("inf")
        if difference_goal is not None:
            difference = best - best_floor
            verdict = (" ✓" if difference <= difference_goal
                       else f" ✗ (objectif ≤ +{difference_goal * 1000:.0f} ms)")  # fmt: skip
            tail = f"écart {difference * 1000:+8.1f} ms{verdict}"
        else:
            tail = f"{ratio:5.2f}× (médianes {med / med_floor if med_floor else 0:5.2f}×)"
            tail += self._verdict(ratio, goal)
        if limit is not None:
            tail += " ✓" if best < limit else f" ✗ (objectif < {limit * 1000:.0f} ms)"
        self._print(f"{name:60} min {_ms(best)} méd {_ms(med)} | {floor_name} min {_ms(best_floor)} "
                    f"méd {_ms(med_floor)} | {tail}")  # fmt: skip
        return result, best, best_floor

    def goal(self, name, seconds, limit):
        """A figure against an absolute goal (page server time)."""
        verdict = " ✓" if seconds <= limit else f" ✗ (objectif < {limit * 1000:.0f} ms)"
        self._print(f"{name:60} {_ms(seconds)}{verdict}")


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
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    print(
        f"== Banc : base {connection.vendor}, échelle {SCALE:g}, {ROUNDS} tours alternés"
        + (", 200 000 structures incluses" if LARGE else " (BENCH_LARGE=1 : 200 000 structures)"),
        flush=True,
    )
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
