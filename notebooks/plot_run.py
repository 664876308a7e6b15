#!/usr/bin/env python3
"""Plot one jobsim run from its --out directory: a pod timeline and pods by phase.

Reads only events.jsonl and timeseries.csv (what the report layer writes); needs matplotlib.
    python3 notebooks/plot_run.py OUT_DIR [--save run.png] [--max-pods 200]
"""
import argparse
import csv
import json
from datetime import datetime
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

PHASE_COLORS = {"Pending": "#f2c14e", "Running": "#4c9be8", "Succeeded": "#5cb85c", "Failed": "#d9534f"}


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def pod_segments(events_path, max_pods, run_end):
    """Per pod, [(start, end, phase)]: Pending until Running, Running until it ends, then the
    terminal phase (retained) until Deleted or the end of the run."""
    pods, order = {}, []
    with open(events_path) as lines:
        for line in lines:
            if '"kind":"Pod"' not in line:  # cheap filter: most lines are Events or other kinds
                continue
            event = json.loads(line)
            when = parse_time(event["time"])
            key = (event["namespace"], event["name"])
            if event["event"] == "Created":
                if len(order) < max_pods:
                    pods[key] = {"phase": "Pending", "since": when, "segments": []}
                    order.append(key)
                continue
            pod = pods.get(key)
            new_phase = {"Running": "Running", "Succeeded": "Succeeded", "Failed": "Failed"}.get(event["event"])
            if pod is None or pod["phase"] is None or (new_phase is None and event["event"] != "Deleted"):
                continue
            pod["segments"].append((pod["since"], when, pod["phase"]))
            pod["phase"], pod["since"] = (new_phase, when) if new_phase else (None, None)
    for pod in pods.values():
        if pod["phase"] is not None:
            pod["segments"].append((pod["since"], run_end, pod["phase"]))
    return [(name, pods[(namespace, name)]["segments"]) for namespace, name in order]


def read_timeseries(csv_path):
    with open(csv_path) as rows:
        return list(csv.DictReader(rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--save", type=Path, help="write an image instead of opening a window")
    parser.add_argument("--max-pods", type=int, default=200, help="pods shown in the timeline (first created)")
    args = parser.parse_args()

    rows = read_timeseries(args.out_dir / "timeseries.csv")  # its last row is the end of the run
    segments = pod_segments(args.out_dir / "events.jsonl", args.max_pods, parse_time(rows[-1]["time"]))

    fig, (timeline, phases) = plt.subplots(2, 1, figsize=(12, 8), sharex=True,
                                           gridspec_kw={"height_ratios": [2, 1]})
    for y, (_, pod_segments_) in enumerate(segments):
        # One broken bar per pod; matplotlib dates are days, hence the division.
        spans = [(mdates.date2num(start), (end - start).total_seconds() / 86400.0) for start, end, _ in pod_segments_]
        timeline.broken_barh(spans, (y - 0.4, 0.8), facecolors=[PHASE_COLORS[phase] for *_, phase in pod_segments_])
    timeline.set_yticks(range(len(segments)))
    timeline.set_yticklabels([name for name, _ in segments], fontsize=6 if len(segments) > 30 else 8)
    timeline.invert_yaxis()
    timeline.set_title("Pod timeline (retained pods keep their final phase until deleted)")
    timeline.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=c) for c in PHASE_COLORS.values()],
                    labels=list(PHASE_COLORS), loc="upper right", fontsize=8)

    times = [parse_time(row["time"]) for row in rows]
    for column in ("pending", "running", "succeeded", "failed"):
        # Each row is the state after its instant: draw steps that hold until the next row.
        phases.step(times, [int(row[column]) for row in rows], where="post", label=column,
                    color=PHASE_COLORS[column.capitalize()])
    phases.set_xlim(times[0], times[-1])  # shared with the timeline: the whole run
    phases.set_ylabel("pods")
    phases.set_title("Pods by phase")
    phases.legend(loc="upper right", fontsize=8)
    phases.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M"))
    fig.autofmt_xdate()
    fig.tight_layout()

    if args.save:
        fig.savefig(args.save, dpi=120)
    else:
        plt.show()


if __name__ == "__main__":
    main()
