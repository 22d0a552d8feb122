"""Fixtures of the kiln module's tests: the tiny golden model, a small zoo
model written by kiln-zoo, and helpers that run the `kiln` tool of the same
build. The paths come from ctest (python/tests/CMakeLists.txt); the kernel
cache lives in the test's work folder, so a second run compiles nothing.
"""

import os
import subprocess

import numpy as np
import pytest

WORK = os.environ["KILN_TEST_WORK"]
TOOL = os.environ["KILN_TOOL"]
CACHE = os.path.join(WORK, "cache")


def tool(*args):
    """Runs `kiln ARGS...` and returns its stdout; fails the test on error."""
    done = subprocess.run([TOOL, *args, "--cache-dir", CACHE],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def random_inputs(model, seed):
    """Seeded inputs for every input of model: floats in [-1, 1), integers
    in [0, 10)."""
    rng = np.random.default_rng(seed)
    inputs = {}
    for info in model.inputs:
        if info.dtype.kind == "f":
            values = rng.uniform(-1, 1, info.shape)
        else:
            values = rng.integers(0, 10, info.shape)
        inputs[info.name] = values.astype(info.dtype)
    return inputs


@pytest.fixture(scope="session")
def cache():
    os.makedirs(CACHE, exist_ok=True)
    return CACHE


@pytest.fixture(scope="session")
def tiny():
    return os.environ["KILN_TINY"]


@pytest.fixture(scope="session")
def zoo_model():
    """resnet-small, written once per session."""
    folder = os.path.join(WORK, "zoo")
    os.makedirs(folder, exist_ok=True)
    subprocess.run([os.environ["KILN_ZOO"], "resnet-small", "-o", folder],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(folder, "resnet-small.onnx")
