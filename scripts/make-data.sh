#!/usr/bin/env bash
# Rebuilds the season files in data/ from the public data beside the checkout
# (../shared/data, or the folder given), using matchday's own import and export.
# Point deductions are not in the source files; they are entered here with the
# dates the decisions took effect.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared/data}/openfootball
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q --release -p matchday-cli
m() { target/release/matchday --db "$work/make-data.db" "$@"; }

m import "$shared/england/2023-24/1-premierleague.txt" --name "Premier League"
pl=(--competition premier-league --season 2023-24)
m deduct Everton 10 "${pl[@]}" --date 2023-11-17 --reason "breach of the profit and sustainability rules (2021-22)"
m deduct Everton -4 "${pl[@]}" --date 2024-02-26 --reason "reduced to six points on appeal"
m deduct Everton 2 "${pl[@]}" --date 2024-04-08 --reason "breach of the profit and sustainability rules (2022-23)"
m deduct "Nottingham Forest" 4 "${pl[@]}" --date 2024-03-18 --reason "breach of the profit and sustainability rules (2022-23)"
m import "$shared/england/2023-24/facup.txt" --name "FA Cup"
m import "$shared/england/2023-24/eflcup.txt" --name "EFL Cup"
m import "$shared/champions-league/2023-24/cl.txt" --name "Champions League"
m import "$shared/champions-league/2023-24/el.txt" --name "Europa League"
m import "$shared/champions-league/2023-24/conf.txt" --name "Conference League"
m import "$shared/england/2025-26/1-premierleague.txt" --name "Premier League"

m export premier-league --season 2023-24 --output data/premier-league-2023-24.season
m export fa-cup --season 2023-24 --output data/fa-cup-2023-24.season
m export efl-cup --season 2023-24 --output data/efl-cup-2023-24.season
m export champions-league --season 2023-24 --output data/champions-league-2023-24.season
m export europa-league --season 2023-24 --output data/europa-league-2023-24.season
m export conference-league --season 2023-24 --output data/conference-league-2023-24.season
m export premier-league --season 2025-26 --output data/premier-league-2025-26.season
