#!/usr/bin/env bash
# matchday's simulation against a vectorised numpy simulation of the same model: a
# million seasons of the 2023-24 Premier League from 1 February 2024 (engsoccerdata in
# ../shared/data, as the forecast bench reads it). The bench (a release build) fits the
# model, times matchday on one thread and on two (the fastest of MATCHDAY_BENCH_RUNS,
# 5 unless given) and writes the model and its forecast to a JSON file; then
# scripts/numpy_simulate.py simulates the same fixtures (one thread: BLAS is not used,
# but its threads are held to one all the same), prints both times, the ratios, and how
# far apart the two forecasts are. Arguments go to the numpy script (e.g. --runs 5).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(uptime)"
MATCHDAY_BENCH_ONLY=numpy MATCHDAY_NUMPY_EXPORT="$work/model.json" \
    cargo bench -q -p matchday-forecast --bench forecast
[[ -f $work/model.json ]] || { echo "no model written (is ../shared/data beside the checkout?)" >&2; exit 1; }
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    python3 scripts/numpy_simulate.py "$work/model.json" "$@"
echo "load after: $(uptime)"
