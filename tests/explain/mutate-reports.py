#!/usr/bin/env python3
"""Renders damaged copies of a report: the renderers must never crash.

Usage: mutate-reports.py KILN REPORT.json OUT_DIR COUNT SEED

Each of COUNT copies of REPORT.json gets a few random edits anywhere in its
tree (a key deleted; a value made null, 0, negative, huge, a string, an
empty array or object, or a value of another key; an array emptied or
truncated), seeded so a failure reproduces. Each copy goes through `KILN
explain --from-json COPY --html PAGE`, which must exit 0, print a summary
and write a page that ends with </html> and has no <script>. Prints one
line per failure (keeping its copy) and a count; exits 1 on any failure.
"""
import copy
import json
import os
import random
import subprocess
import sys

ODD_VALUES = [None, 0, -1, -1e300, 1e300, 1e-300, "", "text <b>&",
              [], {}, True, [None], {"x": 1}]


def paths(node, prefix=()):
    """Every (container, key) pair in the tree."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((node, k))
            out.extend(paths(v, prefix + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((node, i))
            out.extend(paths(v, prefix + (i,)))
    return out


def mutate(report, rng):
    for _ in range(rng.randint(1, 6)):
        places = paths(report)
        container, key = rng.choice(places)
        if container is report and key == "kiln_explain":
            continue  # a report of another format is refused, not rendered
        action = rng.randrange(4)
        if action == 0 and isinstance(container, dict):
            del container[key]
        elif action == 1 and isinstance(container[key], list):
            del container[key][rng.randint(0, len(container[key])):]
        elif action == 2:
            container[key] = copy.deepcopy(rng.choice(places)[0])
        else:
            container[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        if len(json.dumps(report)) > 2_000_000:
            break
    return report


def main(argv):
    if len(argv) != 6:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    kiln, source, out = argv[1], argv[2], argv[3]
    count, seed = int(argv[4]), int(argv[5])
    os.makedirs(out, exist_ok=True)
    with open(source, encoding="utf-8") as f:
        original = json.load(f)
    rng = random.Random(seed)
    failures = 0
    for i in range(count):
        report = mutate(copy.deepcopy(original), rng)
        name = os.path.join(out, "mutant-%d.json" % i)
        page = os.path.join(out, "mutant-%d.html" % i)
        with open(name, "w", encoding="utf-8") as f:
            json.dump(report, f)
        try:
            run = subprocess.run(
                [kiln, "explain", "--from-json", name, "--html", page],
                capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            failures += 1
            print("FAIL %s: still running after 30 s" % name)
            continue
        problem = None
        if run.returncode != 0:
            problem = "exit code %d: %s" % (run.returncode, run.stderr.strip()[-300:])
        elif "kiln explain:" not in run.stdout:
            problem = "no summary printed"
        else:
            with open(page, encoding="utf-8") as f:
                html = f.read()
            if not html.rstrip().endswith("</html>"):
                problem = "page does not end with </html>"
            elif "<script" in html.lower():
                problem = "page has a <script>"
        if problem:
            failures += 1
            print("FAIL %s: %s" % (name, problem))
        else:
            os.remove(name)
            os.remove(page)
    print("%d of %d damaged reports rendered" % (count - failures, count))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
