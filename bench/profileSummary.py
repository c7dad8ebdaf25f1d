#!/usr/bin/python3
"""Sums an ONNX Runtime profile (Chrome trace JSON) by op type over the runs after the first:
time per op type and its share, node counts. Usage: profileSummary.py TRACE.json [--runs-skip 1]"""
import collections, json, sys

trace = json.load(open(sys.argv[1]))
skip = int(sys.argv[3]) if len(sys.argv) > 3 else 1
runs = [e for e in trace if e.get("cat") == "Session" and e["name"] == "model_run"]
start = runs[skip]["ts"] if len(runs) > skip else 0
by_op, count = collections.Counter(), collections.Counter()
for e in trace:
    if e.get("cat") == "Node" and e["name"].endswith("_kernel_time") and e["ts"] >= start:
        op = e["args"]["op_name"]
        by_op[op] += e["dur"]
        count[op] += 1
total = sum(by_op.values())
n = max(1, len(runs) - skip)
print(f"runs counted: {n}; kernel time per run: {total / n / 1e6:.3f} s")
for op, us in by_op.most_common(25):
    print(f"{op:28s} {us / n / 1e3:9.1f} ms/run {100 * us / total:5.1f}%  nodes/run {count[op] // n}")
