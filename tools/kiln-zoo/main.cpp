//===- main.cpp - kiln-zoo driver -----------------------------------------===//
//
// kiln-zoo writes ONNX models with deterministic seeded weights for Kiln's
// tests and benchmarks, and a corpus of malformed models for loader tests.
// It depends only on the ONNX protobuf classes, not on MLIR or LLVM, so it
// can run before the compiler is built.
//
//   kiln-zoo [--seed N] MODEL... -o DIR   writes DIR/<MODEL>.onnx
//   kiln-zoo matmul-MxNxK -o DIR          one MatMul of that shape
//   kiln-zoo all-small -o DIR             every small model
//   kiln-zoo all-full -o DIR              every full-size model
//   kiln-zoo all-shapes -o DIR            the models of the shape tests
//   kiln-zoo malformed -o DIR             the malformed corpus and MANIFEST
//   kiln-zoo mutated -o DIR               models whose declared shapes lie
//   kiln-zoo --list                       names and descriptions
//
//===----------------------------------------------------------------------===//
#include "Zoo.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

using namespace kiln::zoo;

namespace {

/// A model that kiln-zoo can write.
struct ModelEntry {
  const char *name;
  const char *summary;
  /// "small", "full" or "shapes" (models with batch and seq dims, or
  /// exported at batch 1, for the tests of --shape: not run by the zoo
  /// tests, which give no shapes).
  const char *group;
  BuiltModel (*build)(uint64_t seed);
};

const ModelEntry kModels[] = {
    {"resnet-small", "ResNet bottleneck CNN, 1x3x32x32 -> 10, opset 17",
     "small", buildResNetSmall},
    {"resnet50", "ResNet-50 v1, 1x3x224x224 -> 1000, opset 17", "full",
     buildResNet50},
    {"mobilenet-small", "MobileNetV2 width 0.25, 1x3x64x64 -> 10, opset 17",
     "small", buildMobileNetSmall},
    {"mobilenetv2", "MobileNetV2 1.0, 1x3x224x224 -> 1000, opset 17", "full",
     buildMobileNetV2},
    {"bert-small",
     "BERT encoder, 2 layers, hidden 64, 4 heads, seq 16, opset 14", "small",
     buildBertSmall},
    {"bert-base",
     "BERT-base encoder, 12 layers, hidden 768, 12 heads, seq 128, opset 14",
     "full", buildBertBase},
    {"mlp", "MLP 784-128-10 exported at batch 1, opset 17", "shapes", buildMlp},
    {"mlp-dynamic", "MLP 784-128-10, input [batch, 784], opset 17", "shapes",
     buildMlpDynamic},
    {"bert-small-dynamic",
     "bert-small with inputs [batch, seq] (seq up to 64), opset 14", "shapes",
     buildBertSmallDynamic},
};

constexpr const char *kMalformed = "malformed";
constexpr const char *kMutated = "mutated";

void printUsage(std::ostream &os) {
  os << "usage: kiln-zoo [--seed N] TARGET... -o DIR\n"
        "       kiln-zoo --list\n"
        "\n"
        "Writes ONNX models with deterministic pseudo-random weights.\n"
        "\n"
        "targets:\n"
        "  MODEL       write DIR/MODEL.onnx (see --list)\n"
        "  matmul-MxNxK\n"
        "              one MatMul, input A [M, K] times a weight [K, N]\n"
        "              (e.g. matmul-512x512x512; each dimension 1 to 2^20,\n"
        "              K x N at most 2^28)\n"
        "  all-small   every small model\n"
        "  all-full    every full-size model (bert-base is ~440 MB)\n"
        "  all-shapes  the models of the shape tests (batch and seq dims)\n"
        "  malformed   write the malformed-model corpus and DIR/MANIFEST\n"
        "  mutated     write models whose declared shapes contradict their "
        "ops\n"
        "\n"
        "options:\n"
        "  -o DIR      output directory (created if missing)\n"
        "  --seed N    weight seed, an unsigned 64-bit integer (default 1);\n"
        "              the same seed always gives byte-identical files\n"
        "  --list      list the models and exit\n"
        "  -h, --help  show this help and exit\n"
        "\n"
        "Files are written to a temporary name and renamed into place.\n"
        "Prints one line per file written; exits non-zero on any error.\n";
}

void printList() {
  for (const ModelEntry &m : kModels)
    std::cout << m.name << "\t" << m.group << "\t" << m.summary << "\n";
  std::cout << "matmul-MxNxK\tbench\tone MatMul, A [M, K] x W [K, N], "
               "opset 17\n";
  std::cout << "all-small\tgroup\tresnet-small mobilenet-small bert-small\n"
            << "all-full\tgroup\tresnet50 mobilenetv2 bert-base\n"
            << "all-shapes\tgroup\tmlp mlp-dynamic bert-small-dynamic\n"
            << kMalformed << "\tgroup\tthe malformed-model corpus\n"
            << kMutated << "\tgroup\tmodels whose declared shapes lie\n";
}

int fail(const std::string &msg) {
  std::cerr << "kiln-zoo: error: " << msg << "\n";
  return 1;
}

bool parseSeed(const std::string &s, uint64_t &out) {
  if (s.empty() || s[0] < '0' || s[0] > '9')
    return false;
  errno = 0;
  char *end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0')
    return false;
  out = v;
  return true;
}

/// Appends \p name to \p targets unless it is already there.
void addTarget(std::vector<std::string> &targets, const std::string &name) {
  for (const std::string &t : targets)
    if (t == name)
      return;
  targets.push_back(name);
}

const ModelEntry *findModel(const std::string &name) {
  for (const ModelEntry &m : kModels)
    if (name == m.name)
      return &m;
  return nullptr;
}

} // namespace

int main(int argc, char **argv) {
  uint64_t seed = 1;
  std::string outDir;
  std::vector<std::string> targets;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      printUsage(std::cout);
      return 0;
    }
    if (arg == "--list") {
      printList();
      return 0;
    }
    if (arg == "-o" || arg == "--seed") {
      if (i + 1 >= argc)
        return fail("option '" + arg + "' needs a value");
      std::string value = argv[++i];
      if (arg == "-o") {
        outDir = value;
      } else if (!parseSeed(value, seed)) {
        return fail("expected an unsigned 64-bit integer after --seed, got '" +
                    value + "'");
      }
      continue;
    }
    if (!arg.empty() && arg[0] == '-')
      return fail("unknown option '" + arg + "' (see --help)");
    if (arg == "all-small" || arg == "all-full" || arg == "all-shapes") {
      for (const ModelEntry &m : kModels)
        if (arg == std::string("all-") + m.group)
          addTarget(targets, m.name);
    } else if (arg == kMalformed || arg == kMutated || findModel(arg)) {
      addTarget(targets, arg);
    } else if (MatMulShape shape; parseMatMulName(arg, shape)) {
      addTarget(targets, arg);
    } else if (arg.rfind("matmul-", 0) == 0) {
      return fail("bad matmul model '" + arg +
                  "': expected matmul-MxNxK with each dimension 1 to 2^20, "
                  "M x K and M x N within 2^31 and K x N within 2^28, e.g. "
                  "matmul-512x512x512");
    } else {
      return fail("unknown model '" + arg + "' (see --list)");
    }
  }
  if (targets.empty())
    return fail("no model given (see --help)");
  if (outDir.empty())
    return fail("no output directory given; use -o DIR");

  std::error_code ec;
  std::filesystem::create_directories(outDir, ec);
  if (ec)
    return fail("cannot create directory '" + outDir + "': " + ec.message());

  for (const std::string &target : targets) {
    std::string err;
    if (target == kMalformed) {
      if (!writeMalformedCorpus(outDir, seed, err))
        return fail(err);
      std::cout << "wrote " << outDir << "/MANIFEST and the malformed corpus\n";
      continue;
    }
    if (target == kMutated) {
      if (!writeMutatedModels(outDir, seed, err))
        return fail(err);
      std::cout << "wrote the models whose declared shapes lie to " << outDir
                << "\n";
      continue;
    }
    BuiltModel model;
    if (const ModelEntry *entry = findModel(target)) {
      model = entry->build(seed);
    } else {
      MatMulShape shape;
      parseMatMulName(target, shape);
      model = buildMatMul(target, shape, seed);
    }
    std::string path = outDir + "/" + target + ".onnx";
    int64_t bytes = 0;
    if (!writeModelAtomic(path, model.proto, bytes, err))
      return fail(err);
    std::cout << "wrote " << path << ": " << model.numParams << " params, "
              << bytes << " bytes\n";
  }
  return 0;
}
