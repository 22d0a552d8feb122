#!/usr/bin/env python3
"""Checks an explain page (or the DOM a browser made of it) against its report.

Usage: check-html.py REPORT.json PAGE.html

Parses the page with html.parser, the way a browser's DOM sees it, and
checks, with the expectations derived from the report itself:
  - each section's heading is there when the report has the section's data,
    and absent when it has not; a section that is null or missing with a
    note ("<key>_note") shows the note;
  - the roofline SVG has one dot per layer that has a positive intensity and
    GFLOP/s;
  - every layer's node name reads back as the same text (an unescaped "<"
    or "&" in a name would turn into markup and fail this);
  - there is no <script>, and nothing is loaded from elsewhere (no src=,
    no <link>, no url(...) in styles).
Prints one line per check; exits 1 if any fails.
"""
import json
import re
import sys
from html.parser import HTMLParser

# Heading of each section, and when the report has its data.
SECTIONS = [
    ("Findings", lambda r: any(isinstance(f, str) for f in r.get("findings") or [])),
    ("The machine", lambda r: isinstance(r.get("machine"), dict)),
    ("Where the time goes", lambda r: isinstance(r.get("time"), dict)),
    ("Roofline", lambda r: bool(r.get("layers"))),
    ("Top layers", lambda r: bool(r.get("layers"))),
    ("Interpreted vs compiled",
     lambda r: any(isinstance(l, dict) and l.get("interp_ms") is not None
                   and l.get("ms") is not None for l in r.get("layers") or [])),
    ("What each optimization bought", lambda r: isinstance(r.get("ablation"), dict)),
    ("Denormal numbers", lambda r: isinstance(r.get("denormals"), dict)),
    ("Scaling with batch and threads", lambda r: isinstance(r.get("scaling"), dict)),
    ("Training step and int8",
     lambda r: isinstance(r.get("training"), dict) or isinstance(r.get("int8"), dict)),
]
# The key whose "<key>_note" a section shows when the key is null or
# missing (a stage of kiln explain that was skipped or failed).
NOTE_KEYS = {"The machine": "machine", "Where the time goes": "time",
             "Top layers": "profile",
             "What each optimization bought": "ablation",
             "Denormal numbers": "denormals",
             "Scaling with batch and threads": "scaling"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.h2, self.text, self.tags, self.dots = [], [], [], 0
        self.loads, self.styles = [], []
        self.in_h2 = self.in_style = False
        self.svg_classes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "h2":
            self.in_h2 = True
            self.h2.append("")
        if tag == "style":
            self.in_style = True
        if tag == "svg":
            self.svg_classes.append(attrs.get("class") or "")
        if (tag == "circle" and self.svg_classes
                and "roofline" in self.svg_classes[-1]
                and "dot" in (attrs.get("class") or "").split()):
            self.dots += 1
        for name in ("src", "href"):
            if attrs.get(name):
                self.loads.append("%s %s=%s" % (tag, name, attrs[name]))
        if tag in ("link", "iframe", "object", "embed", "img"):
            self.loads.append(tag)

    def handle_endtag(self, tag):
        if tag == "h2":
            self.in_h2 = False
        if tag == "style":
            self.in_style = False
        if tag == "svg" and self.svg_classes:
            self.svg_classes.pop()

    def handle_data(self, data):
        if self.in_h2:
            self.h2[-1] += data
        if self.in_style:
            self.styles.append(data)
        else:
            self.text.append(data)


def main(argv):
    if len(argv) != 3:
        print("usage: check-html.py REPORT.json PAGE.html", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    page = Page()
    with open(argv[2], encoding="utf-8") as f:
        page.feed(f.read())
    text = re.sub(r"\s+", " ", "".join(page.text))
    failures = []

    def expect(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    for title, present in SECTIONS:
        has = any(h.startswith(title) for h in page.h2)
        key = NOTE_KEYS.get(title)
        note = report.get(key + "_note") if key else None
        if present(report):
            expect(has, "section '%s' is there" % title)
        elif key and note and report.get(key) is None:
            expect(has and note in text,
                   "section '%s' is %s: its note '%s' is shown"
                   % (title, "null" if key in report else "not in the report",
                      note))
        else:
            expect(not has, "section '%s' is left out" % title)

    layers = [l for l in report.get("layers") or [] if isinstance(l, dict)]
    plotted = sum(1 for l in layers
                  if (l.get("intensity") or 0) > 0 and (l.get("gflops") or 0) > 0)
    expect(page.dots == plotted,
           "roofline: %d dots for %d layers with FLOPs (%d layers)"
           % (page.dots, plotted, len(layers)))
    for l in layers:
        node = l.get("node") or ""
        expect(node in text, "node name %r reads back as text" % node)
    expect("script" not in page.tags, "no <script>")
    expect(not page.loads, "nothing loaded from elsewhere %s" % page.loads)
    expect(not any("url(" in s for s in page.styles), "no url() in styles")
    if failures:
        print("%d of the checks failed" % len(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
