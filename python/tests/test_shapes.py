"""Shapes a user chooses: a model with `batch`/`seq` dims runs with the
shapes of the arrays given, compiled once per set of shapes on the JIT and
AOT (an LRU of max_variants), and equal to the interpreter; a model
exported at batch 1 is re-specialized for another batch with shapes=, or
refused with one line naming the input and the dimension.
"""

import os
import subprocess

import numpy as np
import pytest

import kiln
from conftest import WORK


@pytest.fixture(scope="session")
def shape_models():
    """kiln-zoo's mlp (batch-1 export), mlp-dynamic and bert-small-dynamic,
    and bert-small (batch 1, seq 16), by name."""
    folder = os.path.join(WORK, "shapes")
    os.makedirs(folder, exist_ok=True)
    subprocess.run([os.environ["KILN_ZOO"], "all-shapes", "bert-small", "-o",
                    folder], check=True, stdout=subprocess.DEVNULL)
    return lambda name: os.path.join(folder, name + ".onnx")


def rows(batch, seed):
    return np.random.default_rng(seed).uniform(
        -1, 1, (batch, 784)).astype(np.float32)


def test_dynamic_batch_runs_at_each_batch_given(shape_models, cache):
    path = shape_models("mlp-dynamic")
    model = kiln.load(path, cache_dir=cache)
    reference = kiln.load(path, backend="interp")
    assert model.inputs[0].shape == (None, 784)
    assert model.outputs[0].shape == (None, 10)
    assert reference.variants is None
    for batch in (1, 4, 4, 1):
        x = rows(batch, seed=batch)
        got = model.run(input=x)["logits"]
        assert got.shape == (batch, 10)
        np.testing.assert_allclose(got, reference.run(input=x)["logits"],
                                   rtol=1e-5, atol=1e-5)
    v = model.variants
    assert v["kept"] == ["1x784", "4x784"]
    assert (v["prepared"], v["hits"], v["evicted"]) == (2, 2, 0)


def test_a_model_entry_of_the_dynamic_graph_still_gives_variants(
        shape_models, cache):
    # `kiln run` without a shape prepares the dynamic graph, writes its
    # model entry (every step a reference step) and then stops for want
    # of a shape; a load from the same cache must still compile variants.
    path = shape_models("mlp-dynamic")
    done = subprocess.run([os.environ["KILN_TOOL"], "run", path,
                           "--cache-dir", cache], stderr=subprocess.PIPE,
                          text=True)
    assert done.returncode == 1 and "dynamic dimension" in done.stderr
    model = kiln.load(path, cache_dir=cache)
    assert model.run(input=rows(2, 0))["logits"].shape == (2, 10)
    assert model.variants["kept"] == ["2x784"]


def test_variants_are_an_lru_of_max_variants(shape_models, cache):
    model = kiln.load(shape_models("mlp-dynamic"), cache_dir=cache,
                      max_variants=2)
    for batch in (1, 2, 3, 1):
        assert model.run(input=rows(batch, 0))["logits"].shape == (batch, 10)
    v = model.variants
    assert v["capacity"] == 2
    assert v["kept"] == ["1x784", "3x784"]
    assert (v["prepared"], v["hits"], v["evicted"]) == (4, 0, 2)
    with pytest.raises(ValueError, match="max_variants"):
        kiln.load(shape_models("mlp-dynamic"), max_variants=0)


@pytest.mark.parametrize("backend", ["jit", "aot"])
def test_bert_with_batch_and_seq_dims_matches_the_interpreter(
        shape_models, cache, backend):
    path = shape_models("bert-small-dynamic")
    model = kiln.load(path, backend=backend, cache_dir=cache)
    reference = kiln.load(path, backend="interp")
    assert model.inputs[0].shape == (None, None)
    rng = np.random.default_rng(3)
    for batch, seq in ((2, 8), (1, 16)) if backend == "jit" else ((2, 8),):
        ids = rng.integers(0, 512, (batch, seq)).astype(np.int64)
        mask = np.ones((batch, seq), np.int64)
        mask[:, seq - 2:] = 0
        got = model.run(input_ids=ids, attention_mask=mask)
        want = reference.run(input_ids=ids, attention_mask=mask)
        assert got["last_hidden_state"].shape == (batch, seq, 64)
        assert got["pooler_output"].shape == (batch, 64)
        for name in want:
            np.testing.assert_allclose(got[name], want[name], rtol=1e-4,
                                       atol=1e-4)


@pytest.mark.parametrize("backend", ["jit", "interp", "aot"])
def test_batch_one_export_is_respecialized_with_shapes(shape_models, cache,
                                                       backend):
    # Each row of the batch-4 model's result is the batch-1 model's result
    # on that row: the Reshape to [1, 784] was re-specialized, not folded.
    path = shape_models("mlp")
    one = kiln.load(path, backend="interp")
    four = kiln.load(path, backend=backend, cache_dir=cache,
                     shapes={"input": (4, 784)})
    assert four.inputs[0].shape == (4, 784)
    assert four.outputs[0].shape == (4, 10)
    x = rows(4, seed=11)
    got = four.run(input=x)["logits"]
    assert got.shape == (4, 10)
    for i in range(4):
        np.testing.assert_allclose(got[i:i + 1],
                                   one.run(input=x[i:i + 1])["logits"],
                                   rtol=1e-5, atol=1e-5)


def test_static_batch_without_shapes_is_refused_naming_the_dimension(
        shape_models, cache):
    model = kiln.load(shape_models("mlp"), cache_dir=cache)
    assert model.variants is None
    with pytest.raises(ValueError) as e:
        model.run(input=rows(2, 0))
    message = str(e.value)
    assert "\n" not in message
    assert ("input 'input' expects shape 1x784 but got 2x784 (dimension 0); "
            "to run the model at that shape, load it with "
            "shapes={'input': (2, 784)}") in message


@pytest.mark.parametrize("backend", ["jit", "interp", "aot"])
def test_shape_the_export_cannot_take_is_one_line(shape_models, cache,
                                                  backend):
    # bert-small hard-codes seq 16 in its Reshapes and position ids.
    with pytest.raises(kiln.Error) as e:
        kiln.load(shape_models("bert-small"), backend=backend,
                  cache_dir=cache,
                  shapes={"input_ids": (1, 32), "attention_mask": (1, 32)})
    message = str(e.value)
    assert "\n" not in message
    assert "input 'input_ids' dimension 1 = 32 (declared 16)" in message
    assert "kiln." not in message and "linalg" not in message


@pytest.mark.parametrize("backend", ["jit", "interp"])
def test_shapes_naming_no_input_is_a_value_error(shape_models, cache,
                                                 backend):
    with pytest.raises(ValueError) as e:
        kiln.load(shape_models("mlp"), backend=backend, cache_dir=cache,
                  shapes={"inputx": (4, 784)})
    message = str(e.value)
    assert "shapes names input 'inputx', which the model does not have " \
           "(inputs: 'input')" in message
    assert "--shape" not in message
    with pytest.raises(ValueError) as e:
        kiln.load(shape_models("mlp"), backend=backend, cache_dir=cache,
                  shapes={"input": (4, 784, 1)})
    assert "shapes for input 'input' has rank 3" in str(e.value)
