"""Every error kind is a Python exception with Kiln's message, never a crash:
kiln.Error (a RuntimeError) for a file or model Kiln cannot use, ValueError
for an argument the model or the API does not take.
"""

import os
import subprocess

import numpy as np
import pytest

import kiln
from conftest import WORK, random_inputs


def test_error_is_a_runtime_error():
    assert issubclass(kiln.Error, RuntimeError)


def test_a_missing_file(cache):
    with pytest.raises(kiln.Error, match="cannot open '.*nowhere.onnx'"):
        kiln.load(os.path.join(WORK, "nowhere.onnx"), cache_dir=cache)


@pytest.mark.parametrize("backend", ["jit", "interp"])
def test_a_malformed_model(tiny, cache, backend):
    os.makedirs(WORK, exist_ok=True)
    garbage = os.path.join(WORK, "garbage.onnx")
    with open(garbage, "wb") as f:
        f.write(b"\x08\x07this is not a protobuf \xff\xff\xff")
    with pytest.raises(kiln.Error) as e:
        kiln.load(garbage, backend=backend, cache_dir=cache)
    assert "garbage.onnx" in str(e.value)
    truncated = os.path.join(WORK, "truncated.onnx")
    with open(tiny, "rb") as f, open(truncated, "wb") as out:
        out.write(f.read()[:300])
    with pytest.raises(kiln.Error):
        kiln.load(truncated, backend=backend, cache_dir=cache)


def test_bad_load_arguments(tiny, cache):
    with pytest.raises(ValueError, match="unknown backend 'gpu'"):
        kiln.load(tiny, backend="gpu")
    with pytest.raises(ValueError, match="threads"):
        kiln.load(tiny, threads=0)
    with pytest.raises(ValueError, match="is a library"):
        kiln.load(os.path.join(WORK, "libnone.so"))
    # Kiln's loader checks the names, in words of this argument.
    with pytest.raises(ValueError,
                       match="shapes names input 'nope', which the model "
                             "does not"):
        kiln.load(tiny, shapes={"nope": (1, 2)}, cache_dir=cache)
    with pytest.raises(ValueError, match="negative"):
        kiln.load(tiny, shapes={"x": (1, -8, 16, 16)}, cache_dir=cache)


@pytest.mark.parametrize("backend", ["jit", "interp"])
def test_wrong_inputs(tiny, cache, backend):
    model = kiln.load(tiny, backend=backend, cache_dir=cache)
    good = random_inputs(model, seed=9)
    with pytest.raises(ValueError, match="'z' is not an input of the model"):
        model.run({**good, "z": good["x"]})
    with pytest.raises(ValueError, match="input 'k' is missing"):
        model.run({"x": good["x"], "y": good["y"]})
    with pytest.raises(ValueError,
                       match="expects shape 1x8x16x16 but got 1x8x16x15"):
        model.run({**good, "y": good["y"][..., :15]})
    with pytest.raises(ValueError, match="expects shape 3x5 but got 15"):
        model.run({**good, "k": good["k"].reshape(15)})
    with pytest.raises(ValueError,
                       match="'x' expects f32 .* got numpy float64"):
        model.run({**good, "x": good["x"].astype(np.float64)})
    with pytest.raises(ValueError, match="'k' expects i64 .* got numpy int32"):
        model.run({**good, "k": good["k"].astype(np.int32)})
    with pytest.raises(ValueError, match="has 3 inputs but got 2"):
        model.run([good["x"], good["y"]])
    with pytest.raises(ValueError, match="dict"):
        model.run(good["x"])
    with pytest.raises(ValueError, match="not both"):
        model.run(good, x=good["x"])
    # The model still runs after all that.
    assert set(model.run(good)) == {"g", "c", "h", "k3"}


def test_warnings_become_python_warnings(cache):
    # A model whose declared shapes lie: Kiln warns and uses the computed
    # ones (kiln-zoo's "mutated" group).
    folder = os.path.join(WORK, "mutated")
    os.makedirs(folder, exist_ok=True)
    subprocess.run([os.environ["KILN_ZOO"], "mutated", "-o", folder],
                   check=True, stdout=subprocess.DEVNULL)
    path = os.path.join(folder, "avgpool_pads.onnx")
    with pytest.warns(UserWarning, match="declared 1x3x30x30 but computes"):
        model = kiln.load(path, backend="interp")
    assert model.outputs[0].shape[-1] == 31
