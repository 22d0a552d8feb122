#!/usr/bin/env python3
"""Checks that a browser screenshot (PNG) shows a page with content.

Usage: check-screenshot.py SHOT.png     check the screenshot
       check-screenshot.py --self-test  check the checker: its PNG decoder
                                        on every scanline filter, and that a
                                        blank page fails

The PNG is decoded with zlib and struct alone (8-bit RGB or RGBA, every
filter type; no Pillow). The page passes when, against its most common colour
(the background):
  - at least MIN_INK of the pixels are ink: further than INK_DISTANCE from
    the background in some channel (text, lines, bars);
  - at least MIN_COLOURFUL of the pixels are saturated colour (the charts'
    bars and dots: text alone is grey);
  - there are at least MIN_COLOURS distinct colours (16 levels a channel);
  - ink is in at least MIN_BANDS of BANDS horizontal bands (content down
    the page, not one line at the top).
It prints the figures either way and exits 1 with the reason on failure.
"""
import struct
import sys
import zlib
from collections import Counter

MIN_INK = 0.02
INK_DISTANCE = 48
MIN_COLOURFUL = 0.002
MIN_COLOURS = 24
BANDS = 10
MIN_BANDS = 8


def bytewise_add(a, b, mask7, mask8):
    """Adds the bytes of two equal-length integers modulo 256, in parallel."""
    return ((a & mask7) + (b & mask7)) ^ ((a ^ b) & mask8)


def unfilter(filtered, previous, bpp):
    """One scanline: undoes PNG filter filtered[0] given the line above."""
    kind, line = filtered[0], filtered[1:]
    n = len(line)
    if kind == 0:
        return bytes(line)
    if kind in (1, 2):
        # Sub and Up are additions: done on whole lines as integers, bytes
        # in parallel (Sub as a prefix sum by doubling).
        mask7 = int.from_bytes(b"\x7f" * n, "little")
        mask8 = int.from_bytes(b"\x80" * n, "little")
        full = (1 << (8 * n)) - 1
        x = int.from_bytes(line, "little")
        if kind == 2:
            x = bytewise_add(x, int.from_bytes(previous, "little"), mask7, mask8)
        else:
            shift = bpp
            while shift < n:
                x = bytewise_add(x, (x << (8 * shift)) & full, mask7, mask8)
                shift *= 2
        return x.to_bytes(n, "little")
    out = bytearray(line)
    if kind == 3:
        for i in range(n):
            left = out[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + ((left + previous[i]) >> 1)) & 0xFF
        return bytes(out)
    if kind == 4:
        for i in range(n):
            a = out[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out[i] = (out[i] + pred) & 0xFF
        return bytes(out)
    raise ValueError("unknown PNG filter type %d" % kind)


def decode(data):
    """(width, height, bytes per pixel, [scanline bytes]) of a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(
            "unsupported PNG: bit depth %d, colour type %d, interlace %d"
            % (depth, colour, interlace))
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp + 1
    if len(raw) != stride * height:
        raise ValueError("PNG data is %d bytes, expected %d"
                         % (len(raw), stride * height))
    rows, previous = [], bytes(width * bpp)
    for y in range(height):
        previous = unfilter(raw[y * stride : (y + 1) * stride], previous, bpp)
        rows.append(previous)
    return width, height, bpp, rows


def encode(width, rows, bpp, filters):
    """A PNG of \\p rows (RGB or RGBA bytes), line y filtered with
    filters[y % len(filters)]: the decoder's test input."""
    out, previous = [], bytes(width * bpp)
    for y, row in enumerate(rows):
        kind = filters[y % len(filters)]
        line = bytearray([kind])
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line.append((row[i] - pred) & 0xFF)
        out.append(bytes(line))
        previous = row

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    colour = 2 if bpp == 3 else 6
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, len(rows), 8,
                                       colour, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"".join(out))) + chunk(b"IEND", b""))


def measure(width, height, bpp, rows):
    """The figures the checks compare, from every second pixel of every
    second line (a 1280x2000 page is 2.5 million pixels)."""
    counts = Counter()
    for y in range(0, height, 2):
        row = rows[y]
        for x in range(0, width * bpp, 2 * bpp):
            counts[row[x : x + 3]] += 1
    background = counts.most_common(1)[0][0]
    total = sum(counts.values())
    ink = colourful = 0
    colours = set()
    band_ink = [0] * BANDS
    for y in range(0, height, 2):
        row = rows[y]
        band = y * BANDS // height
        for x in range(0, width * bpp, 2 * bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r >> 4, g >> 4, b >> 4))
            if max(abs(r - background[0]), abs(g - background[1]),
                   abs(b - background[2])) > INK_DISTANCE:
                ink += 1
                band_ink[band] += 1
                if max(r, g, b) - min(r, g, b) > 80:
                    colourful += 1
    per_band = total / BANDS
    return {
        "ink": ink / total,
        "colourful": colourful / total,
        "colours": len(colours),
        "bands": sum(1 for n in band_ink if n > 0.002 * per_band),
        "background": "#%02x%02x%02x" % tuple(background),
    }


def check(width, height, bpp, rows):
    """The reasons the screenshot is not a page with content (none: it is)."""
    m = measure(width, height, bpp, rows)
    print("screenshot %dx%d: background %s, ink %.1f%%, colourful %.2f%%, "
          "%d colours, ink in %d of %d bands"
          % (width, height, m["background"], 100 * m["ink"],
             100 * m["colourful"], m["colours"], m["bands"], BANDS))
    problems = []
    if m["ink"] < MIN_INK:
        problems.append("only %.2f%% of the pixels differ from the background "
                        "(need %.0f%%)" % (100 * m["ink"], 100 * MIN_INK))
    if m["colourful"] < MIN_COLOURFUL:
        problems.append("only %.3f%% of the pixels are coloured, no charts "
                        "(need %.1f%%)" % (100 * m["colourful"],
                                           100 * MIN_COLOURFUL))
    if m["colours"] < MIN_COLOURS:
        problems.append("%d distinct colours (need %d)"
                        % (m["colours"], MIN_COLOURS))
    if m["bands"] < MIN_BANDS:
        problems.append("content in %d of %d bands down the page (need %d)"
                        % (m["bands"], BANDS, MIN_BANDS))
    return problems


def self_test():
    """The decoder against the encoder on every filter, RGB and RGBA, and
    the checks on a blank page and on a drawn one."""
    import random
    rng = random.Random(7)
    for bpp in (3, 4):
        width = 37
        rows = [bytes(rng.randrange(256) for _ in range(width * bpp))
                for _ in range(11)]
        png = encode(width, rows, bpp, [0, 1, 2, 3, 4])
        w, h, got_bpp, got = decode(png)
        assert (w, h, got_bpp) == (width, 11, bpp), "PNG header misread"
        assert got == rows, "PNG scanlines misdecoded (bpp %d)" % bpp
    width, height = 200, 300
    white = bytes([255, 255, 255] * width)
    blank = [white] * height
    problems = check(*decode(encode(width, blank, 3, [0, 1, 2])))
    assert len(problems) == 4, "a blank page passed: %s" % problems
    # A drawn page: coloured stripes and grey text-like dots on every band.
    drawn = []
    for y in range(height):
        row = bytearray(white)
        for x in range(width):
            if y % 30 < 8 and x < 40 + (y * 7) % 150:
                row[3 * x : 3 * x + 3] = bytes(
                    [(40 * (y // 30)) % 256, 110, 220 - 20 * (y // 30)])
            elif y % 30 in (12, 14) and x % 3 == 0:
                row[3 * x : 3 * x + 3] = bytes([(5 * x) % 256] * 3)
        drawn.append(bytes(row))
    problems = check(*decode(encode(width, drawn, 3, [4, 1, 2, 3])))
    assert not problems, "a drawn page failed: %s" % problems
    print("self-test passed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        problems = check(*decode(f.read()))
    for p in problems:
        print("error: %s: %s" % (argv[1], p), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
