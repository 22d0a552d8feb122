//===- Bert.cpp - BERT-style encoder builders -----------------------------===//
//
// A BERT encoder (Devlin et al. 2018) in the op patterns that PyTorch's ONNX
// exporter produces for Hugging Face's BertModel at opset 14:
//
//   embeddings  Gather(word, input_ids) + Gather(token_type, zeros)
//               + Gather(position, 0..S-1), then LayerNorm
//   LayerNorm   ReduceMean(axes attr) / Sub / Pow 2 / ReduceMean / Add eps /
//               Sqrt / Div / Mul gamma / Add beta
//   mask        Unsqueeze(attention_mask, axes input [1, 2]) -> Cast float ->
//               Sub from 1 -> Mul -10000, added to every layer's scores
//   attention   MatMul+Add for Q, K, V; Reshape [1,S,H,D]; Transpose to
//               [1,H,S,D] (K to [1,H,D,S]); MatMul; Div sqrt(D); Add mask;
//               Softmax(-1); MatMul V; Transpose; Reshape [1,S,hidden];
//               MatMul+Add; residual Add; LayerNorm
//   FFN         MatMul+Add; GELU as x * 0.5 * (1 + Erf(x / sqrt 2)) with
//               Div, Erf, Add, Mul, Mul; MatMul+Add; residual Add; LayerNorm
//   pooler      Gather(token 0, axis 1), MatMul+Add, Tanh
//
// Outputs: last_hidden_state [1, S, hidden] and pooler_output [1, hidden].
//
// The dynamic variant is the export with dynamic axes: inputs [batch, seq],
// Reshapes to [0, 0, H, D] and [0, 0, hidden] (0 copies the input's dim),
// and position and token type ids sliced to the sequence's length from
// [1, maxPositions] buffers (Shape, Slice), as Hugging Face's model does.
// Linear weights are LeCun-uniform (variance 1 / fan_in) so that attention
// scores are O(1); LayerNorm keeps the residual stream normalized.
//
//===----------------------------------------------------------------------===//
#include "GraphBuilder.h"
#include "Zoo.h"

#include <cmath>

namespace kiln::zoo {
namespace {

struct BertConfig {
  const char *name;
  int64_t layers, hidden, heads, ffn, seqLen, vocab, maxPositions;
  /// Inputs [batch, seq] instead of [1, seqLen] (see the file header).
  bool dynamic = false;
};

constexpr int64_t kTypeVocab = 2;

class BertBuilder {
public:
  BertBuilder(GraphBuilder &b, const BertConfig &cfg) : b(b), cfg(cfg) {
    headDim = cfg.hidden / cfg.heads;
    eps = b.constFloats("ln.eps", {}, {1e-12f});
    two = b.constFloats("const.two", {}, {2.0f});
    one = b.constFloats("const.one", {}, {1.0f});
    half = b.constFloats("const.half", {}, {0.5f});
    sqrt2 = b.constFloats("const.sqrt2", {}, {std::sqrt(2.0f)});
    sqrtHeadDim = b.constFloats("const.sqrt_head_dim", {},
                                {std::sqrt(static_cast<float>(headDim))});
    maskFill = b.constFloats("const.mask_fill", {}, {-10000.0f});
    int64_t batch = cfg.dynamic ? 0 : 1, seq = cfg.dynamic ? 0 : cfg.seqLen;
    headsShape = b.constInt64s("const.heads_shape", {4},
                               {batch, seq, cfg.heads, headDim});
    hiddenShape =
        b.constInt64s("const.hidden_shape", {3}, {batch, seq, cfg.hidden});
  }

  void build() {
    std::string ids =
        b.input("input_ids", onnx::TensorProto::INT64, {1, cfg.seqLen});
    std::string mask =
        b.input("attention_mask", onnx::TensorProto::INT64, {1, cfg.seqLen});
    std::string x = embeddings(ids);
    std::string extMask = extendedMask(mask);
    for (int64_t i = 0; i < cfg.layers; ++i) {
      bool last = i + 1 == cfg.layers;
      x = layer(x, extMask, "encoder.layer." + std::to_string(i),
                last ? "last_hidden_state" : "");
    }
    b.output(x, onnx::TensorProto::FLOAT, {1, cfg.seqLen, cfg.hidden});
    b.output(pooler(x), onnx::TensorProto::FLOAT, {1, cfg.hidden});
    if (!cfg.dynamic)
      return;
    onnx::GraphProto &g = b.graph();
    for (int i = 0; i < g.input_size(); ++i)
      setDimParams(*g.mutable_input(i), {"batch", "seq"});
    setDimParams(*g.mutable_output(0), {"batch", "seq"});
    setDimParams(*g.mutable_output(1), {"batch"});
  }

private:
  /// x @ W + bias with W [in, out] (the exporter's transposed layout).
  std::string linear(const std::string &x, int64_t in, int64_t out,
                     const std::string &name) {
    float bound = std::sqrt(3.0f / static_cast<float>(in));
    std::string w = b.weight(name + ".weight", {in, out}, -bound, bound);
    std::string bias = b.weight(name + ".bias", {out}, -0.02f, 0.02f);
    return b.op("Add", {b.op("MatMul", {x, w}), bias});
  }

  std::string layerNorm(const std::string &x, const std::string &name,
                        const std::string &outName = "") {
    std::string gamma = b.weight(name + ".weight", {cfg.hidden}, 0.9f, 1.1f);
    std::string beta = b.weight(name + ".bias", {cfg.hidden}, -0.1f, 0.1f);
    auto lastAxisMean = [&](const std::string &v) {
      return b.op("ReduceMean", {v},
                  {attrInts("axes", {-1}), attrInt("keepdims", 1)});
    };
    std::string centered = b.op("Sub", {x, lastAxisMean(x)});
    std::string var = lastAxisMean(b.op("Pow", {centered, two}));
    std::string stddev = b.op("Sqrt", {b.op("Add", {var, eps})});
    std::string normed = b.op("Div", {centered, stddev});
    return b.op("Add", {b.op("Mul", {normed, gamma}), beta}, {}, outName);
  }

  std::string embeddings(const std::string &ids) {
    b.setScope("embeddings");
    // The dynamic export slices [1, maxPositions] buffers to the length.
    int64_t n = cfg.dynamic ? cfg.maxPositions : cfg.seqLen;
    std::vector<int64_t> positions(n), zeros(n, 0);
    for (int64_t i = 0; i < n; ++i)
      positions[i] = i;
    std::string posIds =
        b.constInt64s("embeddings.position_ids", {1, n}, positions);
    std::string typeIds =
        b.constInt64s("embeddings.token_type_ids", {1, n}, zeros);
    if (cfg.dynamic) {
      std::string zero = b.constInt64s("embeddings.zero", {1}, {0});
      std::string one = b.constInt64s("embeddings.one", {1}, {1});
      std::string two = b.constInt64s("embeddings.two", {1}, {2});
      std::string seq = b.op("Slice", {b.op("Shape", {ids}), one, two});
      posIds = b.op("Slice", {posIds, zero, seq, one});
      typeIds = b.op("Slice", {typeIds, zero, seq, one});
    }
    std::string word = b.weight("embeddings.word_embeddings.weight",
                                {cfg.vocab, cfg.hidden}, -1.0f, 1.0f);
    std::string type = b.weight("embeddings.token_type_embeddings.weight",
                                {kTypeVocab, cfg.hidden}, -1.0f, 1.0f);
    std::string pos = b.weight("embeddings.position_embeddings.weight",
                               {cfg.maxPositions, cfg.hidden}, -1.0f, 1.0f);
    std::string sum = b.op(
        "Add", {b.op("Gather", {word, ids}), b.op("Gather", {type, typeIds})});
    sum = b.op("Add", {sum, b.op("Gather", {pos, posIds})});
    return layerNorm(sum, "embeddings.LayerNorm");
  }

  /// (1 - mask) * -10000 as [1, 1, 1, S], added to every layer's scores.
  std::string extendedMask(const std::string &mask) {
    b.setScope("mask");
    std::string axes = b.constInt64s("mask.unsqueeze_axes", {2}, {1, 2});
    std::string m = b.op("Unsqueeze", {mask, axes});
    m = b.op("Cast", {m}, {attrInt("to", onnx::TensorProto::FLOAT)});
    m = b.op("Sub", {one, m});
    return b.op("Mul", {m, maskFill});
  }

  /// [1, S, hidden] -> [1, H, S, D] (or [1, H, D, S] for keys).
  std::string splitHeads(const std::string &x, bool transposed) {
    std::string r = b.op("Reshape", {x, headsShape});
    std::vector<int64_t> perm = transposed ? std::vector<int64_t>{0, 2, 3, 1}
                                           : std::vector<int64_t>{0, 2, 1, 3};
    return b.op("Transpose", {r}, {attrInts("perm", perm)});
  }

  std::string attention(const std::string &x, const std::string &extMask,
                        const std::string &name) {
    int64_t h = cfg.hidden;
    std::string q = splitHeads(linear(x, h, h, name + ".self.query"), false);
    std::string k = splitHeads(linear(x, h, h, name + ".self.key"), true);
    std::string v = splitHeads(linear(x, h, h, name + ".self.value"), false);
    std::string scores = b.op("Div", {b.op("MatMul", {q, k}), sqrtHeadDim});
    scores = b.op("Add", {scores, extMask});
    std::string probs = b.op("Softmax", {scores}, {attrInt("axis", -1)});
    std::string ctx = b.op("MatMul", {probs, v});
    ctx = b.op("Transpose", {ctx}, {attrInts("perm", {0, 2, 1, 3})});
    ctx = b.op("Reshape", {ctx, hiddenShape});
    std::string out = linear(ctx, h, h, name + ".output.dense");
    return layerNorm(b.op("Add", {out, x}), name + ".output.LayerNorm");
  }

  std::string gelu(const std::string &x) {
    std::string e = b.op("Erf", {b.op("Div", {x, sqrt2})});
    std::string y = b.op("Mul", {x, b.op("Add", {e, one})});
    return b.op("Mul", {y, half});
  }

  std::string layer(const std::string &x, const std::string &extMask,
                    const std::string &name, const std::string &outName) {
    b.setScope(name);
    std::string a = attention(x, extMask, name + ".attention");
    std::string f =
        gelu(linear(a, cfg.hidden, cfg.ffn, name + ".intermediate.dense"));
    f = linear(f, cfg.ffn, cfg.hidden, name + ".output.dense");
    return layerNorm(b.op("Add", {f, a}), name + ".output.LayerNorm", outName);
  }

  std::string pooler(const std::string &x) {
    b.setScope("pooler");
    std::string index = b.constInt64s("pooler.first_token", {}, {0});
    std::string first = b.op("Gather", {x, index}, {attrInt("axis", 1)});
    std::string dense = linear(first, cfg.hidden, cfg.hidden, "pooler.dense");
    return b.op("Tanh", {dense}, {}, "pooler_output");
  }

  GraphBuilder &b;
  const BertConfig &cfg;
  int64_t headDim;
  std::string eps, two, one, half, sqrt2, sqrtHeadDim, maskFill;
  std::string headsShape, hiddenShape;
};

BuiltModel buildBert(const BertConfig &cfg, uint64_t seed) {
  GraphBuilder b(cfg.name, 14, seed);
  BertBuilder(b, cfg).build();
  int64_t params = b.numParams();
  return {std::move(b.model()), params};
}

} // namespace

BuiltModel buildBertSmall(uint64_t seed) {
  return buildBert({"bert-small", 2, 64, 4, 128, 16, 512, 64}, seed);
}

BuiltModel buildBertSmallDynamic(uint64_t seed) {
  BertConfig cfg{"bert-small-dynamic", 2, 64, 4, 128, 16, 512, 64};
  cfg.dynamic = true;
  return buildBert(cfg, seed);
}

BuiltModel buildBertBase(uint64_t seed) {
  return buildBert({"bert-base", 12, 768, 12, 3072, 128, 30522, 512}, seed);
}

} // namespace kiln::zoo
