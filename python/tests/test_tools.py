"""kiln.compile builds the library `kiln compile -o` builds (which `kiln run`
then runs), and kiln.compare returns what `kiln compare --json` prints.
"""

import json
import os

import numpy as np
import pytest

import kiln
from conftest import WORK, random_inputs, tool


def test_compile_builds_a_library_kiln_run_runs(tiny, cache):
    folder = os.path.join(WORK, "compiled")
    library = os.path.join(folder, "libtiny.so")
    built = kiln.compile(tiny, library, cache_dir=cache)
    assert built["library"] == library and os.path.isfile(library)
    assert built["header"] == os.path.join(folder, "tiny.h")
    assert os.path.isfile(built["header"])
    assert built["prefix"] == "tiny" and built["kernels"] > 0
    assert built["weights"] is None

    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=21)
    args = []
    for name, array in inputs.items():
        file = os.path.join(folder, "in-%s.npy" % name)
        np.save(file, array)
        args += ["--input", "%s=%s" % (name, file)]
    out = os.path.join(folder, "out")
    tool("run", library, "--backend", "aot", *args, "--runs", "1",
         "--output-dir", out)
    expected = model.run(inputs)
    loaded = kiln.load(library, backend="aot").run(inputs)
    for name in expected:
        np.testing.assert_allclose(np.load(os.path.join(out, name + ".npy")),
                                   expected[name], rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(loaded[name],
                                      np.load(os.path.join(out, name + ".npy")))


def test_compile_with_a_weights_file(tiny, cache):
    folder = os.path.join(WORK, "compiled-weights")
    built = kiln.compile(tiny, os.path.join(folder, "libtinyw.so"),
                         weights_file=True, threads=1, cache_dir=cache)
    assert built["weights"] == os.path.join(folder, "tinyw.weights")
    assert os.path.getsize(built["weights"]) >= built["weight_bytes"] > 0
    model = kiln.load(tiny, cache_dir=cache)
    inputs = random_inputs(model, seed=22)
    got = kiln.load(built["library"], backend="aot").run(inputs)
    for name, expected in model.run(inputs).items():
        np.testing.assert_allclose(got[name], expected, rtol=1e-5, atol=1e-6)


def test_compile_errors(tiny, cache):
    with pytest.raises(ValueError, match="libNAME.so"):
        kiln.compile(tiny, os.path.join(WORK, "tiny.mlir"))
    with pytest.raises(kiln.Error, match="cannot open"):
        kiln.compile(os.path.join(WORK, "nowhere.onnx"),
                     os.path.join(WORK, "libnowhere.so"))


def test_compare_returns_the_tools_json(tiny, zoo_model, cache):
    result = kiln.compare(tiny, cache_dir=cache, runs=2, seed=3)
    printed = json.loads(tool("compare", tiny, "--json", "--runs", "2",
                              "--seed", "3"))
    assert set(result) == set(printed)
    assert result["ok"] is True and result["model"] == tiny
    assert [o["name"] for o in result["outputs"]] == ["g", "c", "h", "k3"]
    assert [i["source"] for i in result["inputs"]] == [
        i["source"] for i in printed["inputs"]]
    for got, want in zip(result["outputs"], printed["outputs"]):
        assert got["max_abs_err"] == want["max_abs_err"]

    # Given inputs, on a zoo model.
    model = kiln.load(zoo_model, cache_dir=cache)
    (info,) = model.inputs
    x = np.random.default_rng(5).uniform(-1, 1, info.shape).astype(np.float32)
    result = kiln.compare(zoo_model, inputs={info.name: x}, runs=1,
                          cache_dir=cache)
    assert result["ok"] is True
    assert result["inputs"][0]["source"] == "from file"
    assert [b["name"] for b in result["backends"]][:2] == ["interp", "jit"]


def test_compare_errors(cache):
    with pytest.raises(kiln.Error) as e:
        kiln.compare(os.path.join(WORK, "nowhere.onnx"), cache_dir=cache)
    assert "nowhere.onnx" in str(e.value)
