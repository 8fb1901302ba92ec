#!/usr/bin/env bash
# The main job on the bundled season, in a scratch database: the 2023-24
# season as it stood on 1 February 2024, its table, gaps, odds and Liverpool's
# four competitions, with Liverpool FC Women's three when the women's data sits
# beside the checkout; then the next result is entered as it happened.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p matchday-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A scratch database, so each command printed is the one to type (yours goes to your own).
export MATCHDAY_DB="$work/demo.db"
# Each command is printed before it runs, quoted so that it can be copied and pasted.
m() {
    local line="+ matchday" arg
    for arg in "$@"; do
        if [[ $arg =~ ^[A-Za-z0-9._/:=,+-]+$ ]]; then
            line+=" $arg"
        else
            line+=" '${arg//\'/\'\\\'\'}'"
        fi
    done
    echo
    echo "$line"
    target/release/matchday "$@"
}

m import data/premier-league-2023-24.season data/fa-cup-2023-24.season data/efl-cup-2023-24.season \
    data/europa-league-2023-24.season --as-of 2024-02-01
m table premier-league --season 2023-24
m gaps premier-league --season 2023-24 --team Liverpool
m odds premier-league --season 2023-24 --sims 100000 --seed 1
m track Liverpool --as-of 2024-02-01
# The women's files are CC BY-SA 4.0, so they stay beside the checkout, not in it:
# with them, the club's two teams, each competition labelled with its team.
women=../shared/data/women
if [[ -d $women ]]; then
    m import "$women/2023-24-wsl.txt" "$women/2023-24-women-facup.txt" \
        "$women/2023-24-women-leaguecup.txt" --as-of 2024-02-01
    m track --club Liverpool --as-of 2024-02-01
    m honours Liverpool --club
fi
m result "Arsenal 3-1 Liverpool" --competition "Premier League" --date 2024-02-04
m table premier-league --season 2023-24 --as-of 2024-02-04
