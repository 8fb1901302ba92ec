#!/usr/bin/env python3
"""A vectorised numpy simulation of matchday's season forecast, to compare speeds fairly.

It reads what `MATCHDAY_BENCH_ONLY=numpy cargo bench -p matchday-forecast` writes (see
scripts/bench-numpy.sh): the standings as of the date, each remaining fixture's expected
goals, the Dixon-Coles rho and the most goals a side is modelled to score, with
matchday's own timings and chance of every place. It simulates the same model the same
way, with no Python loop over seasons:

- each fixture's score grid is built as matchday builds it (Poisson probabilities up to
  max_goals a side, Dixon-Coles' correction of the four low scores, normalised), and
  turned into Walker's alias table with 32-bit thresholds, as matchday's;
- a chunk of seasons draws one 64-bit random number per fixture and season (SFC64, the
  fastest of numpy's generators here): the high 32 bits pick a cell, the low 32 keep it or
  take its alias. The table is laid out so that the choice is an index (2 * cell + taken)
  rather than a branch or np.where;
- each score's gains are one packed integer a side (points * 2^22 + goal difference *
  2^11 + goals scored), so a team's ranking key is its starting key plus the sum of its
  matches' gains, added up row by row (fixtures are rows, seasons columns);
- each season is ranked by one argsort of the keys: points, then goal difference, then
  goals scored, as the Premier League ranks. Teams level on all three (about 0.5% of
  seasons from 1 February 2024) are put in a random order here, where matchday goes on
  to head-to-head (the comparison of the two forecasts shows no sign of it);
- the places are counted with one bincount a chunk.

It prints its time (the fastest of --runs), matchday's on one thread and on two, the
ratios, and the largest difference between the two forecasts' chances of a place, with
that difference in standard errors of the difference of two independent estimates.
"""

import argparse
import json
import math
import sys
import time

import numpy as np

# Packed ranking key: points above goal difference above goals scored. A team's goals
# stay under 2^10 and its goal difference within +-2^10 (at most max_goals a match), so
# the fields never reach each other and the sum of packed gains is the packed sum.
POINTS_SHIFT = 22
DIFFERENCE_SHIFT = 11
# Random bits under the key that order teams level on all three criteria.
TIE_BITS = 5


def score_grids(home_goals, away_goals, rho, max_goals):
    """Each fixture's score probabilities, entry h * (max_goals + 1) + a, as matchday's model.rs."""
    size = max_goals + 1
    k = np.arange(size)
    factorial = np.array([math.factorial(i) for i in k], dtype=float)
    ph = np.exp(-home_goals)[:, None] * home_goals[:, None] ** k / factorial
    pa = np.exp(-away_goals)[:, None] * away_goals[:, None] ** k / factorial
    grid = ph[:, :, None] * pa[:, None, :]
    tau = np.ones_like(grid)
    tau[:, 0, 0] = 1 - home_goals * away_goals * rho
    tau[:, 0, 1] = 1 + home_goals * rho
    tau[:, 1, 0] = 1 + away_goals * rho
    tau[:, 1, 1] = 1 - rho
    grid *= np.maximum(tau, 0.0)
    grid = grid.reshape(len(home_goals), size * size)
    return grid / grid.sum(axis=1, keepdims=True)


def alias_table(p):
    """Walker's alias table of one grid: (keep thresholds out of 2^32, aliases), as simulate.rs."""
    cells = len(p)
    scaled = p * cells
    keep = np.full(cells, 2**32 - 1, dtype=np.uint32)
    alias = np.arange(cells)
    small = [i for i in range(cells) if scaled[i] < 1.0]
    large = [i for i in range(cells) if scaled[i] >= 1.0]
    while small and large:
        s, l = small.pop(), large[-1]
        keep[s] = min(int(scaled[s] * 4294967296.0), 2**32 - 1)
        alias[s] = l
        scaled[l] -= 1.0 - scaled[s]
        if scaled[l] < 1.0:
            large.pop()
            small.append(l)
    return keep, alias


class Season:
    """The remaining fixtures as the simulation reads them."""

    def __init__(self, data):
        self.n = len(data["teams"])
        fixtures = data["fixtures"]
        self.home = np.array([f["home"] for f in fixtures])
        self.away = np.array([f["away"] for f in fixtures])
        max_goals = data["max_goals"]
        size = max_goals + 1
        cells = size * size
        grids = score_grids(
            np.array([f["home_goals"] for f in fixtures]),
            np.array([f["away_goals"] for f in fixtures]),
            data["rho"],
            max_goals,
        )
        count = len(fixtures)
        self.fixtures = count
        self.cells = cells
        # Entry 2 * (fixture * cells + cell) holds the cell's threshold; entry + 1 is
        # what a draw above it takes. Gains per entry: the home and away side's, side by side.
        self.keep = np.zeros(2 * count * cells, dtype=np.uint32)
        cell_of = np.empty(2 * count * cells, dtype=np.int64)
        for f in range(count):
            keep, alias = alias_table(grids[f].copy())
            self.keep[2 * f * cells : 2 * (f + 1) * cells : 2] = keep
            cell_of[2 * f * cells : 2 * (f + 1) * cells : 2] = np.arange(cells)
            cell_of[2 * f * cells + 1 : 2 * (f + 1) * cells : 2] = alias
        home_goals, away_goals = np.divmod(np.arange(cells), size)
        self.gains = np.empty((2 * count * cells, 2), dtype=np.int32)
        self.gains[:, 0] = packed(points(home_goals, away_goals), home_goals, away_goals)[cell_of]
        self.gains[:, 1] = packed(points(away_goals, home_goals), away_goals, home_goals)[cell_of]
        # Gathered as one 64-bit integer an entry: numpy's fast path, unlike rows of two.
        self.gains = self.gains.view(np.int64).ravel()
        self.row_start = (np.arange(count, dtype=np.uint64) * np.uint64(2 * cells))[:, None]
        goals_for, goals_against = np.array(data["goals_for"]), np.array(data["goals_against"])
        self.start = packed(np.array(data["points"]), goals_for, goals_against)
        # The packed fields must keep apart and a key must fit 32 bits whatever is drawn.
        left = np.bincount(np.concatenate([self.home, self.away]), minlength=self.n)
        most_goals = goals_for + left * max_goals
        most_points = np.array(data["points"]) + 3 * left
        least_points = np.array(data["points"])
        assert (most_goals < 1 << 10).all() and (goals_against + left * max_goals < 1 << 10).all()
        assert packed(most_points, most_goals, 0).max() < 2**31
        assert packed(least_points, 0, goals_against + left * max_goals).min() >= -(2**31)
        self.hosts = [np.flatnonzero(self.home == t) for t in range(self.n)]
        self.visits = [np.flatnonzero(self.away == t) for t in range(self.n)]

    def simulate(self, sims, chunk, seed):
        """counts[team, place]: the seasons `team` finished in place `place + 1`."""
        n = self.n
        generator = np.random.Generator(np.random.SFC64(seed))
        counts = np.zeros(n * n, dtype=np.int64)
        places = np.arange(n)
        cells, high, cell_bit = np.uint64(self.cells), np.uint64(32), np.uint64(31)
        done = 0
        while done < sims:
            c = min(chunk, sims - done)
            bits = generator.bit_generator.random_raw((self.fixtures, c))
            low = bits.astype(np.uint32)
            # (high 32 bits * cells) >> 32 picks a cell; one bit less shifted, with that
            # bit cleared, is twice the cell: the entry of its threshold.
            bits >>= high
            bits *= cells
            bits >>= cell_bit
            bits &= ~np.uint64(1)
            bits += self.row_start
            entry = bits.view(np.int64)
            np.add(entry, np.greater_equal(low, self.keep[entry]), out=entry)
            pairs = self.gains[entry].view(np.int32).reshape(self.fixtures, c, 2)
            # Contiguous rows add fastest; keys fit 32 bits until the tie bits go under them.
            host_gains, visitor_gains = pairs[:, :, 0].copy(), pairs[:, :, 1].copy()
            keys = np.empty((n, c), dtype=np.int32)
            for team in range(n):
                key = keys[team]
                key.fill(self.start[team])
                for f in self.hosts[team]:
                    key += host_gains[f]
                for f in self.visits[team]:
                    key += visitor_gains[f]
            keys = keys.astype(np.int64)
            keys <<= TIE_BITS
            keys |= generator.integers(0, 1 << TIE_BITS, (n, c))
            order = np.argsort(-keys.T, axis=1)
            counts += np.bincount((order * n + places).ravel(), minlength=n * n)
            done += c
        return counts.reshape(n, n)


def points(scored, conceded):
    """Points for a match: three a win and one a draw, the Premier League's (and the export's) scheme."""
    return np.where(scored > conceded, 3, np.where(scored == conceded, 1, 0))


def packed(pts, scored, conceded):
    """The ranking key (or a match's share of it): higher ranks higher."""
    return (pts << POINTS_SHIFT) + ((scored - conceded) << DIFFERENCE_SHIFT) + scored


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export", help="the JSON file the bench wrote (MATCHDAY_NUMPY_EXPORT)")
    parser.add_argument("--sims", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=8192, help="seasons a chunk (bounds memory)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3, help="report the fastest of this many")
    args = parser.parse_args()
    with open(args.export) as file:
        data = json.load(file)
    season = Season(data)
    times, cpu_times = [], []
    for run in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        counts = season.simulate(args.sims, args.chunk, args.seed + run)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    fastest, least_cpu = min(times), min(cpu_times)
    print(
        f"numpy {np.__version__}: {args.sims:,} simulated seasons of the {data['competition']} "
        f"from {data['from']} ({season.fixtures} fixtures left), fastest of {args.runs}: "
        f"{fastest:.3f} s ({least_cpu:.3f} s CPU) on one thread; all runs: {', '.join(f'{t:.3f}' for t in times)} s"
    )
    ours = data["matchday"]
    one, two = ours["seconds_1_thread"], ours["seconds_2_threads"]
    print(f"matchday, fastest of {ours['runs']}: {one:.3f} s on 1 thread, {two:.3f} s on 2")
    print(f"wall time: matchday is {fastest / one:.1f} times as fast on 1 thread, {fastest / two:.1f} times on 2")
    one_cpu = ours.get("cpu_seconds_1_thread")
    if one_cpu:
        # CPU time says less about a busy machine's other work than wall time does.
        print(f"CPU time: numpy {least_cpu:.3f} s, matchday {one_cpu:.3f} s on 1 thread: {least_cpu / one_cpu:.1f} times")
    theirs = np.array(ours["positions"])
    mine = counts / args.sims
    difference = np.abs(mine - theirs)
    team, place = np.unravel_index(np.argmax(difference), difference.shape)
    # Both are estimates: a two-proportion z-score, over the chances common enough (50
    # seasons or more in each run) for it to be read as a normal deviate.
    n_mine, n_theirs = args.sims, ours["sims"]
    pooled = (mine * n_mine + theirs * n_theirs) / (n_mine + n_theirs)
    common = pooled * min(n_mine, n_theirs) >= 50
    error = np.sqrt(pooled * (1 - pooled) * (1 / n_mine + 1 / n_theirs))
    z = np.where(common, difference / np.where(common, error, 1.0), 0.0)
    worst = np.unravel_index(np.argmax(z), z.shape)
    print(
        f"agreement: largest difference in a chance of a place {difference.max():.5f} "
        f"({data['teams'][team]}, place {place + 1}: numpy {mine[team, place]:.5f}, matchday "
        f"{theirs[team, place]:.5f}); largest in standard errors {z.max():.2f} "
        f"({data['teams'][worst[0]]}, place {worst[1] + 1}) over the {int(common.sum())} chances "
        f"of 50 seasons or more"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
