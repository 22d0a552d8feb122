"""Kiln from Python: load an ONNX model, run it on numpy arrays.

    import kiln, numpy as np
    model = kiln.load("model.onnx")            # JIT; backend="interp" or "aot"
    model.inputs                                # [TensorInfo(name, shape, ...)]
    out = model.run({"input": x})               # {output name: numpy array}
    kiln.compile("model.onnx", "out/libnet.so") # as `kiln compile -o`
    kiln.compare("model.onnx")                  # `kiln compare --json`'s dict

The work is done by the extension kiln._kiln (python/src), which calls Kiln's
C++ libraries in-process: inputs of the model's dtype in C order are given to
the model without a copy, outputs come back as arrays over Kiln's own
buffers, and the GIL is released while a model loads, compiles or runs, so
Python threads can run models at once. kiln.compare runs the `kiln` tool of
the same build (`kiln compare --json`) and returns its JSON as a dict.

Errors are exceptions with Kiln's message: ValueError for a bad argument
(an unknown backend, an input name, shape or dtype the model does not have)
and kiln.Error, a RuntimeError, for everything else (a missing file, a
malformed model, an unsupported op, a failed build).
"""

import collections
import json
import os
import subprocess
import tempfile
import warnings

import numpy as np

from . import _kiln
from ._build import KILN_TOOL

__all__ = ["Error", "Model", "TensorInfo", "load", "compile", "compare"]

Error = _kiln.Error
Error.__doc__ = "A failure inside Kiln (a RuntimeError), with Kiln's message."
Error.__module__ = "kiln"  # tracebacks say kiln.Error

#: A model input or output: its name, its shape as a tuple (None for a
#: dynamic dimension; the whole shape None when even the rank is unknown)
#: and its numpy dtype.
TensorInfo = collections.namedtuple("TensorInfo", ["name", "shape", "dtype"])


def _infos(described):
    infos = []
    for name, dims, dtype in described:
        shape = None
        if dims is not None:
            shape = tuple(None if d < 0 else d for d in dims)
        infos.append(TensorInfo(name, shape, dtype))
    return infos


def _threads(threads):
    if threads is None:
        return 0
    if not isinstance(threads, int) or threads < 1:
        raise ValueError("threads must be a positive integer or None")
    return threads


class Model:
    """A model loaded by kiln.load, ready to run (from several threads)."""

    def __init__(self, session):
        self._session = session
        self.inputs = _infos(session.inputs)
        self.outputs = _infos(session.outputs)

    def __repr__(self):
        return "<kiln.Model %s>" % self._session.description

    @property
    def variants(self):
        """The variants of a model with dynamic inputs compiled per set of
        input shapes (None for any other): a dict with "kept" (the input
        shapes of each, most recently used first, e.g. "4x784"),
        "capacity" (max_variants), and the counts "hits" (runs that found
        their variant), "prepared", "failed" and "evicted"."""
        return self._session.variants

    def run(self, inputs=None, /, **named):
        """Runs the model and returns {output name: numpy array}.

        inputs: a dict {input name: array}, or a list or tuple of arrays in
        input order; or the inputs as keyword arguments (run(input=x)).
        """
        names = [info.name for info in self.inputs]
        if inputs is None:
            inputs = named
        elif named:
            raise ValueError("give the inputs as one dict or list, or as "
                             "keyword arguments, not both")
        if isinstance(inputs, dict):
            unknown = [k for k in inputs if k not in names]
            if unknown:
                raise ValueError("'%s' is not an input of the model (its "
                                 "inputs: %s)" % (unknown[0], ", ".join(names)))
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError("input '%s' is missing" % missing[0])
            ordered = [inputs[n] for n in names]
        elif isinstance(inputs, (list, tuple)):
            ordered = list(inputs)
        else:
            raise ValueError("inputs must be a dict {name: array} or a list "
                             "of arrays, not %s" % type(inputs).__name__)
        arrays = self._session.run(ordered)
        return {info.name: a for info, a in zip(self.outputs, arrays)}


def load(path, backend="jit", threads=None, cache_dir=None, shapes=None,
         max_variants=8):
    """Loads the model at path and prepares it on backend.

    backend: "jit" (compiled in-process; the whole model is cached on disk,
    so a second load of the same model is quick), "interp" (the reference
    interpreter) or "aot" (a library from `kiln compile -o`, or a model built
    into one). threads: worker threads (None: all cores). cache_dir: the
    JIT's cache folder (None: the default, ~/.cache/kiln; False: no cache).
    shapes: {input name: (dims...)} fixing input dimensions, as
    `kiln run --shape`: dynamic ones, or static ones of the export (a model
    exported at batch 1 is re-specialized for another batch, or refused
    with the input and dimension it cannot take).

    A model whose inputs keep dynamic dimensions (`batch`, `seq`) runs with
    the shapes of the arrays given to run(): on "jit" and "aot" it is
    compiled for each new set of input shapes, and the max_variants most
    recently used are kept (Model.variants tells which); the interpreter
    runs any shape as it is.
    """
    if not isinstance(max_variants, int) or max_variants < 1:
        raise ValueError("max_variants must be a positive integer")
    session = _kiln.load(os.fspath(path), backend, _threads(threads),
                         "" if not cache_dir else os.fspath(cache_dir),
                         cache_dir is not False, shapes, max_variants)
    for line in session.warnings:
        warnings.warn(line, stacklevel=2)
    return Model(session)


def compile(path, output, shapes=None, threads=None, weights_file=False,
            cache_dir=None, opt_level=2):
    """Builds the model at path into the library output (DIR/libNAME.so)
    with its C header DIR/NAME.h, as `kiln compile path -o output` does.

    Returns a dict: library, header, runtime (libkiln-rt.so copied beside
    the library, or None), weights (the weights file, or None when they are
    embedded), prefix (of the C API), kernels, reference_steps, weight_bytes
    and scratch_bytes.
    """
    return _kiln.compile(os.fspath(path), os.fspath(output), shapes,
                         _threads(threads), bool(weights_file),
                         "" if not cache_dir else os.fspath(cache_dir),
                         cache_dir is not False, int(opt_level))


def compare(path, inputs=None, shapes=None, seed=0, runs=5, rtol=1e-3,
            atol=1e-4, threads=None, per_layer=False, cache_dir=None):
    """Runs the model on the interpreter and the JIT with the same inputs
    and returns what `kiln compare --json` prints, as a dict (its "ok" is
    False when an output is outside rtol/atol).

    It runs the `kiln` tool of this build in a child process. inputs:
    {name: array} (written to .npy files for the tool), else seeded random
    inputs; shapes: {name: (dims...)}.
    """
    with tempfile.TemporaryDirectory(prefix="kiln-compare-") as tmp:
        command = [KILN_TOOL, "compare", os.fspath(path), "--json",
                   "--seed", str(int(seed)), "--runs", str(int(runs)),
                   "--rtol", repr(float(rtol)), "--atol", repr(float(atol))]
        if threads is not None:
            command += ["--threads", str(_threads(threads))]
        if per_layer:
            command.append("--per-layer")
        if cache_dir is False:
            command.append("--no-cache")
        elif cache_dir:
            command += ["--cache-dir", os.fspath(cache_dir)]
        for name, dims in (shapes or {}).items():
            text = "x".join(str(int(d)) for d in dims)
            command += ["--shape", "%s=%s" % (name, text)]
        for i, (name, array) in enumerate((inputs or {}).items()):
            file = os.path.join(tmp, "input%d.npy" % i)
            np.save(file, np.asarray(array))
            command += ["--input", "%s=%s" % (name, file)]
        done = subprocess.run(command, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        return json.loads(done.stdout)
    except ValueError:
        pass
    prefix = "kiln: error: "
    message = "\n".join(line[len(prefix):] for line in done.stderr.splitlines()
                        if line.startswith(prefix))
    raise Error(message or done.stderr.strip() or
                "kiln compare exited with status %d" % done.returncode)
