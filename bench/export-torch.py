#!/usr/bin/python3
"""Exports the benchmark zoo's real architectures to ONNX with PyTorch.

    export-torch.py OUTDIR [NAME...]      (no NAME: every model; --list)

Each model is built by torchvision (or, for the BERT-style encoder, by the
small module below) with seeded random weights: torch.manual_seed(0), and
BatchNorm running statistics drawn at random too so that folding them is
not an identity; layers torchvision zero-initializes (ViT's head) get
random weights, so that no output is constant. It is exported with torch.onnx.export at opset 14 (so
LayerNorm and GELU reach Kiln decomposed, as most exports in the wild do)
in eval mode to OUTDIR/NAME.onnx; a model already there is kept.

Needs Debian's python3-torch, python3-torchvision and python3-onnx (a
benchmark dependency: bench/ort-compare.sh installs them, CI does not).
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torchvision.models as tvm

OPSET = 14


class BertLayer(nn.Module):
    """One post-norm encoder layer written as BERT's exports spell it."""

    def __init__(self, hidden, heads, ffn):
        super().__init__()
        self.heads = heads
        self.qkv = nn.ModuleList(nn.Linear(hidden, hidden) for _ in range(3))
        self.out = nn.Linear(hidden, hidden)
        self.norm1 = nn.LayerNorm(hidden, eps=1e-12)
        self.up = nn.Linear(hidden, ffn)
        self.down = nn.Linear(ffn, hidden)
        self.norm2 = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x, mask):
        b, s, h = x.shape
        d = h // self.heads

        def split(t):
            return t.view(b, s, self.heads, d).permute(0, 2, 1, 3)

        q, k, v = (split(lin(x)) for lin in self.qkv)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + mask
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
        ctx = ctx.permute(0, 2, 1, 3).reshape(b, s, h)
        x = self.norm1(x + self.out(ctx))
        y = self.down(nn.functional.gelu(self.up(x)))
        return self.norm2(x + y)


class Bert(nn.Module):
    """Embeddings, an extended attention mask and N encoder layers."""

    def __init__(self, vocab=30522, hidden=768, layers=12, heads=12,
                 ffn=3072, positions=512):
        super().__init__()
        self.words = nn.Embedding(vocab, hidden)
        self.positions = nn.Embedding(positions, hidden)
        self.types = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.ModuleList(
            BertLayer(hidden, heads, ffn) for _ in range(layers))

    def forward(self, input_ids, attention_mask, token_type_ids):
        s = input_ids.shape[1]
        pos = torch.arange(s, device=input_ids.device).unsqueeze(0)
        x = self.norm(self.words(input_ids) + self.positions(pos) +
                      self.types(token_type_ids))
        mask = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, mask)
        return x


def image(batch, size=224):
    return (torch.rand(batch, 3, size, size) * 2 - 1,), ["input"]


def tokens(batch, seq=128):
    ids = torch.randint(0, 30522, (batch, seq))
    ones = torch.ones(batch, seq, dtype=torch.int64)
    zeros = torch.zeros(batch, seq, dtype=torch.int64)
    return (ids, ones, zeros), ["input_ids", "attention_mask", "token_type_ids"]


def vision(fn, **kw):
    return lambda: fn(weights=None, **kw)


# name -> (constructor, example inputs for a batch size, batch sizes)
ARCHS = {
    "resnet50": (vision(tvm.resnet50), image, [1, 8]),
    "mobilenetv2": (vision(tvm.mobilenet_v2), image, [1, 8]),
    "mobilenetv3": (vision(tvm.mobilenet_v3_large), image, [1, 8]),
    "efficientnet-b0": (vision(tvm.efficientnet_b0), image, [1, 8]),
    "densenet121": (vision(tvm.densenet121), image, [1]),
    "googlenet": (vision(tvm.googlenet, aux_logits=False, init_weights=True),
                  image, [1]),
    "squeezenet": (vision(tvm.squeezenet1_1), image, [1, 8]),
    "vgg16": (vision(tvm.vgg16), image, [1]),
    "vit-b16": (vision(tvm.vit_b_16), image, [1]),
    "bert-base-enc": (lambda: Bert(), tokens, [1, 8]),
}


def models():
    """Every NAME-bN the zoo has, with its architecture and batch size."""
    out = {}
    for arch, (_, _, batches) in ARCHS.items():
        for b in batches:
            out[f"{arch}-b{b}"] = (arch, b)
    return out


def randomize(model):
    """BatchNorm statistics at random, and weights torchvision initializes to
    zero (ViT's head) too, so that no output is constant."""
    gen = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
            n = m.running_mean.numel()
            m.running_mean.copy_(torch.randn(n, generator=gen) * 0.1)
            m.running_var.copy_(torch.rand(n, generator=gen) * 0.5 + 0.75)
        if isinstance(m, nn.Linear) and not m.weight.any():
            m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * 0.02)


def export(name, arch, batch, path):
    ctor, example, _ = ARCHS[arch]
    torch.manual_seed(0)
    model = ctor().eval()
    with torch.no_grad():
        randomize(model)
    inputs, names = example(batch)
    # With gradients on, nn.MultiheadAttention keeps its decomposed path
    # (its fused inference kernel has no ONNX export).
    torch.onnx.export(model, inputs, path, opset_version=OPSET,
                      input_names=names, output_names=["output"],
                      do_constant_folding=True)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    zoo = models()
    if argv[1] == "--list":
        print("\n".join(zoo))
        return 0
    outdir, names = argv[1], argv[2:] or list(zoo)
    unknown = [n for n in names if n not in zoo]
    if unknown:
        print(f"export-torch: unknown model(s) {', '.join(unknown)}; "
              f"known: {', '.join(zoo)}", file=sys.stderr)
        return 2
    os.makedirs(outdir, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    for name in names:
        path = os.path.join(outdir, name + ".onnx")
        if os.path.exists(path):
            continue
        print(f"exporting {name} -> {path}", file=sys.stderr)
        arch, batch = zoo[name]
        tmp = path + ".tmp"
        export(name, arch, batch, tmp)
        os.replace(tmp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
