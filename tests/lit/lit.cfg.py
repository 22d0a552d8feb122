# lit configuration of Kiln's FileCheck tests.
import os
import lit.formats

config.name = "Kiln"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.kiln_obj_root
config.excludes = ["lit.cfg.py", "lit.site.cfg.py.in", "Inputs"]
config.environment["PATH"] = os.pathsep.join(
    [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%onnxdata", "/usr/share/libonnx-testdata/data"))

# The JIT's kernel cache goes under the build tree, not the user's home.
config.environment["XDG_CACHE_HOME"] = os.path.join(config.kiln_obj_root, "cache")
