#!/usr/bin/env bash
# outage_chart.sh — turns lgs_bench_outage --csv output into an SVG chart:
# one panel per scenario, the requests reaching the authority per second
# over the run, one line per strategy, so that a reader sees at a glance who
# hammers the authority while it is in trouble and who recovers first.
#
#   bash tests/bench/outage_chart.sh requests.csv chart.svg
#
# Needs gnuplot (Debian: gnuplot-nox). The CSV's columns are scenario,
# strategy, second, requests; scenarios and strategies are taken in the order
# they first appear.
set -euo pipefail
csv=${1:?usage: outage_chart.sh requests.csv chart.svg}
svg=${2:?usage: outage_chart.sh requests.csv chart.svg}
command -v gnuplot >/dev/null || { echo "outage_chart.sh: gnuplot is not installed" >&2; exit 2; }
scenarios=$(tail -n +2 "$csv" | cut -d, -f1 | awk '!seen[$0]++')
strategies=$(tail -n +2 "$csv" | cut -d, -f2 | awk '!seen[$0]++')
count=$(printf '%s\n' "$scenarios" | wc -l)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# gnuplot reads one data file per line drawn: scenario_strategy.dat.
tail -n +2 "$csv" | awk -F, -v dir="$work" '{ print $3, $4 > (dir "/" $1 "_" $2 ".dat") }'
{
    echo "set terminal svg size 1000,$((320 * count)) dynamic font 'sans,11'"
    echo "set output '$svg'"
    echo "set multiplot layout $count,1"
    echo "set xlabel 'second of the run'"
    echo "set ylabel 'requests reaching the authority / s'"
    echo "set termoption noenhanced"
    echo "set key outside right top vertical"
    echo "set grid"
    for sc in $scenarios; do
        echo "set title '$sc'"
        plot="plot"
        sep=" "
        for st in $strategies; do
            plot+="$sep'$work/${sc}_${st}.dat' using 1:2 with lines lw 1.5 title '$st'"
            sep=", "
        done
        echo "$plot"
    done
    echo "unset multiplot"
} | gnuplot
