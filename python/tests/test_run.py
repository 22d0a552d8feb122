"""kiln.load and Model.run: inputs and outputs described, results equal to
the `kiln` tool's and the interpreter's, inputs borrowed or converted once,
runs from two Python threads at once with the GIL released.
"""

import os
import threading
import time

import numpy as np
import pytest

import kiln
from conftest import WORK, random_inputs, tool


def test_inputs_and_outputs_are_described(tiny, cache):
    model = kiln.load(tiny, cache_dir=cache)
    assert [tuple(i) for i in model.inputs] == [
        ("x", (1, 8, 16, 16), np.dtype("float32")),
        ("y", (1, 8, 16, 16), np.dtype("float32")),
        ("k", (3, 5), np.dtype("int64")),
    ]
    assert [o.name for o in model.outputs] == ["g", "c", "h", "k3"]
    assert model.outputs[3].dtype == np.dtype("int64")
    assert model.outputs[0].shape == (1, 8, 16, 16)
    assert "jit" in repr(model)


def test_tiny_matches_kiln_run_and_the_interpreter(tiny, cache):
    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=1)
    folder = os.path.join(WORK, "tiny-run")
    args = []
    for name, array in inputs.items():
        file = "%s-%s.npy" % (folder, name)
        np.save(file, array)
        args += ["--input", "%s=%s" % (name, file)]
    tool("run", tiny, *args, "--runs", "1", "--output-dir", folder)
    outputs = model.run(inputs)
    assert list(outputs) == ["g", "c", "h", "k3"]
    reference = kiln.load(tiny, backend="interp").run(inputs)
    for name, got in outputs.items():
        expected = np.load(os.path.join(folder, name + ".npy"))
        assert got.dtype == expected.dtype and got.shape == expected.shape
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_allclose(got, reference[name], rtol=1e-5, atol=1e-6)


def test_zoo_model_matches_kiln_run_and_the_interpreter(zoo_model, cache):
    model = kiln.load(zoo_model, cache_dir=cache)
    (info,) = model.inputs
    x = np.random.default_rng(7).uniform(-1, 1, info.shape).astype(np.float32)
    folder = os.path.join(WORK, "zoo-run")
    np.save(folder + "-input.npy", x)
    tool("run", zoo_model, "--input", "%s=%s-input.npy" % (info.name, folder),
         "--runs", "1", "--output-dir", folder)
    got = model.run({info.name: x})
    reference = kiln.load(zoo_model, backend="interp").run({info.name: x})
    for out in model.outputs:
        expected = np.load(os.path.join(folder, out.name + ".npy"))
        np.testing.assert_array_equal(got[out.name], expected)
        np.testing.assert_allclose(got[out.name], reference[out.name],
                                   rtol=1e-3, atol=1e-4)


def test_inputs_as_a_list_or_keywords(tiny, cache):
    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=2)
    by_name = model.run(inputs)
    by_order = model.run([inputs["x"], inputs["y"], inputs["k"]])
    by_keyword = model.run(**inputs)
    for name in by_name:
        np.testing.assert_array_equal(by_name[name], by_order[name])
        np.testing.assert_array_equal(by_name[name], by_keyword[name])


def test_contiguous_inputs_are_borrowed_others_converted(tiny, cache):
    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=3)
    expected = model.run(inputs)
    x = inputs["x"]
    assert kiln._kiln._borrows(x, "f32")
    # The same values in memory the model cannot read as it is: every
    # other element of a wider array, Fortran order, big-endian bytes.
    wide = np.zeros((1, 8, 16, 32), np.float32)
    wide[..., ::2] = x
    strided = wide[..., ::2]
    fortran = np.asfortranarray(x)
    swapped = x.astype(">f4")
    for odd in (strided, fortran, swapped):
        assert not kiln._kiln._borrows(odd, "f32")
        got = model.run({"x": odd, "y": inputs["y"], "k": inputs["k"]})
        for name in expected:
            np.testing.assert_array_equal(got[name], expected[name])
    # A borrowed input is read, never written.
    before = x.copy()
    model.run(inputs)
    np.testing.assert_array_equal(x, before)


def test_outputs_own_their_buffers(tiny, cache):
    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=4)
    first = model.run(inputs)
    kept = {name: a.copy() for name, a in first.items()}
    del model  # outputs outlive the model and the next runs
    again = kiln.load(tiny, cache_dir=cache)
    again.run(random_inputs(again, seed=5))
    for name, a in first.items():
        assert a.flags.writeable and a.flags.c_contiguous
        np.testing.assert_array_equal(a, kept[name])
        a += 0  # writable in place


@pytest.mark.parametrize("backend", ["jit", "interp"])
def test_two_threads_run_at_once(zoo_model, cache, backend):
    # The JIT runs both at once; the interpreter takes one at a time.
    model = kiln.load(zoo_model, backend=backend, cache_dir=cache)
    (info,) = model.inputs
    rng = np.random.default_rng(11)
    xs = [rng.uniform(-1, 1, info.shape).astype(np.float32) for _ in range(2)]
    expected = [model.run({info.name: x}) for x in xs]
    errors = []

    def worker(i):
        try:
            for _ in range(20):
                got = model.run({info.name: xs[i]})
                for name in got:
                    np.testing.assert_array_equal(got[name], expected[i][name])
        except Exception as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def longest_stall(model, x):
    """Runs model on x in a thread while this thread notes the time on every
    turn of a loop; returns the run's duration and the longest gap between
    two notes (or a note and the run's start or end) within it."""
    span = {}

    def run():
        span["start"] = time.perf_counter()
        model.run([x])
        span["end"] = time.perf_counter()

    thread = threading.Thread(target=run)
    ticks = []
    thread.start()
    while thread.is_alive():
        ticks.append(time.perf_counter())
    thread.join()
    inside = [span["start"]]
    inside += [t for t in ticks if span["start"] < t < span["end"]]
    inside.append(span["end"])
    longest = max(b - a for a, b in zip(inside, inside[1:]))
    return span["end"] - span["start"], longest


def test_the_gil_is_released_while_a_model_runs(zoo_model, cache):
    # The interpreter at 128x128 is slow enough that a run spans many of
    # Python's switch intervals (5 ms). With the GIL held through the run,
    # this thread's loop would stop for the whole run, leaving one gap
    # nearly as long as the run: no attempt could pass. Released, the gaps
    # are short; three attempts leave room for the OS stalling this thread
    # on a loaded machine.
    name = kiln.load(zoo_model, backend="interp").inputs[0].name
    model = kiln.load(zoo_model, backend="interp",
                      shapes={name: (1, 3, 128, 128)})
    assert model.inputs[0].shape == (1, 3, 128, 128)
    x = np.ones((1, 3, 128, 128), np.float32)
    attempts = []
    for _ in range(3):
        duration, longest = longest_stall(model, x)
        assert duration > 0.02, "the run is too short to tell (%.3f s)" % (
            duration)
        attempts.append("%.3f s of %.3f s" % (longest, duration))
        if longest < duration / 2:
            return
    raise AssertionError("this thread stood still for most of each run: "
                         + ", ".join(attempts))


def test_threads_option_and_the_aot_backend(tiny, cache):
    model = kiln.load(tiny, threads=1, cache_dir=cache)
    assert "1 thread" in repr(model)
    inputs = random_inputs(model, seed=6)
    expected = model.run(inputs)
    aot = kiln.load(tiny, backend="aot", cache_dir=cache)
    got = aot.run(inputs)
    for name in expected:
        np.testing.assert_array_equal(got[name], expected[name])
