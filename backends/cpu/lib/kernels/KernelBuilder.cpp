//===- KernelBuilder.cpp - Helpers and the GEMM micro-kernel --------------===//
//
// The micro-kernel (MicroKernel::emit) is the inner loop of both GEMM-shaped
// kernels. For one register tile it emits
//
//   acc[r][j] = 0 (or C)                          mr x nv vector registers
//   for k in [0, kc) step U:                      U = 4, 1 for tiles of 16
//                                                 accumulators or more
//     for u in 0..U-1:
//       b[j]      = load B(k+u, j)                nv vector loads
//       acc[r][j] = fma(broadcast A(r, k+u), b[j], acc[r][j])
//   the kc % U last steps                         a loop of one step
//   epilogue: + bias, + residual, activation; store C (masked past validCols)
//
// On AVX2 the 6x16 tile uses 12 accumulators, 2 B vectors and 1 broadcast:
// 15 of the 16 ymm registers, so nothing spills; each k step is 12 FMAs
// against 2 vector loads and 6 broadcast loads.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "kiln/cpu/Codegen.h"
#include "kiln/ir/KilnDialect.h"
#include "kiln/ir/TensorConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace kiln::cpu::kernels {

int64_t hostLanes() { return hostTarget().lanes(); }

int64_t hostVectorRegisters() {
  return hostTarget().vectorBits >= 512 ? 32 : 16;
}

bool fastMaskedLoads() { return hostTarget().vectorBits >= 512; }

int64_t gemmTileRows(int64_t nv) {
  int64_t regs = hostVectorRegisters();
  int64_t rows = (regs - nv - 1) / nv;
  return std::max<int64_t>(1, std::min<int64_t>(rows, regs >= 32 ? 12 : 8));
}

int64_t panelKBlock(int64_t k, int64_t nr, int64_t lanes, int64_t bytes) {
  int64_t target = std::max<int64_t>(lanes, bytes / (nr * 4) / lanes * lanes);
  int64_t blocks = (k + target - 1) / target;
  return ((k + lanes - 1) / lanes + blocks - 1) / blocks * lanes;
}

RowGroups::RowGroups(int64_t m, int64_t k, int64_t mr, int64_t itemsPerGroup,
                     int64_t bBytes)
    : mr(mr), fullTiles(m / mr), tailRows(m % mr) {
  int64_t tiles = (m + mr - 1) / mr;
  // Every group sweeps all of B. When B fits in half of L2 it is read from
  // L2 again by each group, and small groups (96 KB of A) give finer work
  // items; when it does not, each group streams B from L3 or memory, so the
  // groups grow to half of L2 (a 128-row transformer GEMM then reads its
  // weights once or twice instead of six to eleven times). Groups of all of
  // L2 measured faster on a Zen 4 (1 MB L2) for 128x768x3072 (M x N x K),
  // 2-13 % at 1 thread, which the packed GEMM now runs in K blocks
  // (Gemm.cpp); elsewhere a group of all of L2 left no room for the panel
  // and the lines of C: on a Xeon with 2 MB of L2, 1024x3072x768 ran at
  // 72-75 % of the FMA peak against 65-67 % (with Gemm.cpp's prefetch of
  // C), and a BERT-base encoder on 8 sequences took 1246-1296 ms against
  // 1299-1382 at 1 thread, 672-725 against 719-783 at 2 (3 interleaved
  // rounds), ResNet-50 at batch 8 (blocked 1x1 convs with 4 MB of weights),
  // ViT-B/16 and the encoder on one sequence within 1 % either way.
  int64_t l2 = static_cast<int64_t>(hostTarget().l2Bytes);
  int64_t budget =
      bBytes <= l2 / 2 ? std::min<int64_t>(l2 / 2, 96 * 1024) : l2 / 2;
  group = std::min(tiles, std::max<int64_t>(1, budget / (mr * k * 4)));
  groups = (tiles + group - 1) / group;
  while (groups * itemsPerGroup < 8 && group > 1) {
    group = (group + 1) / 2;
    groups = (tiles + group - 1) / group;
  }
  group = (tiles + groups - 1) / groups;
}

SmallVector<Value> transposeLanes(KB &kb, ArrayRef<Value> rows) {
  auto L = static_cast<int64_t>(rows.size());
  SmallVector<int64_t> lo, hi;
  for (int64_t k = 0; k < L / 2; ++k) {
    lo.append({k, L + k});
    hi.append({L / 2 + k, L + L / 2 + k});
  }
  SmallVector<Value> cur(rows.begin(), rows.end());
  for (int64_t round = 1; round < L; round *= 2) {
    SmallVector<Value> next(L);
    for (int64_t i = 0; i < L / 2; ++i) {
      next[2 * i] =
          kb.b.create<vector::ShuffleOp>(kb.loc, cur[i], cur[i + L / 2], lo);
      next[2 * i + 1] =
          kb.b.create<vector::ShuffleOp>(kb.loc, cur[i], cur[i + L / 2], hi);
    }
    cur = std::move(next);
  }
  return cur;
}

void forPanelColumns(KB &kb, Value p, int64_t panels, int64_t nr,
                     int64_t tailCols,
                     const std::function<void(int64_t)> &body) {
  if (tailCols == nr)
    return body(nr);
  kb.ifThen(
      kb.cmp(arith::CmpIPredicate::eq, p, panels - 1), [&] { body(tailCols); },
      [&] { body(nr); });
}

bool setUpPackedTile(MicroKernel &mk, OpBuilder &b, Operation *op,
                     ValueRange operands, ValueRange results, int64_t nr,
                     int64_t k) {
  mk.lanes = hostLanes();
  mk.nv = nr / mk.lanes;
  mk.mr = gemmTileRows(mk.nv);
  mk.kc = k;
  mk.a = operandBuffer(b, op, operands, 0);
  mk.b = operandBuffer(b, op, operands, 1);
  mk.bias = operandBuffer(b, op, operands, 2);
  mk.residual = operandBuffer(b, op, operands, 3);
  mk.c = flatten(b, op->getLoc(), results[0]);
  return mk.a && mk.b &&
         (isa<NoneType>(op->getOperand(2).getType()) || mk.bias);
}

void RowGroups::emit(KB &kb, const MicroKernel &mk, Value g, Value bBase,
                     Value biasBase,
                     const std::function<std::pair<Value, Value>(Value)> &at,
                     Value accumulate, Value finish) const {
  Value t0 = kb.mul(g, group);
  Value t1 =
      kb.b.create<arith::MinUIOp>(kb.loc, kb.add(t0, group), kb.idx(fullTiles));
  // The next panel's lines (or the next K block's: kc is then its static
  // size) are spread over the group's tiles: tile j prefetches lines
  // [j * chunk, (j + 1) * chunk) of it (at least), one line per 2^shift k
  // steps. Every tile prefetching all of it, two lines per k step, kept the
  // first tile of an item waiting wherever weights come from memory (in a
  // model, always): its prefetches miss, each holds one of the core's few
  // L1 miss buffers for the whole trip, and the FMAs' own loads queue
  // behind them (the later tiles' prefetches hit L2 and cost little).
  // Spread, `kiln run` medians of 10-15 runs in interleaved rounds, at 1
  // thread: ViT-B/16 202-205 ms against 222-230, a BERT-base encoder
  // (sequence 128) 137-142 against 150, VGG-16 128-130 against 132-137; at
  // 2 threads: 110-117 against 116-120, 71.5-72.8 against 76.6-78.3,
  // 69.0-69.2 against 70.6-71.7. ResNet-50 (two exports; its blocked 1x1
  // convs prefetch K blocks) ran 1-5 % faster in 8 of 11 rounds at 1
  // thread and 9 of 11 at 2. A batch-8 encoder (43-tile groups amortize
  // the first tile) was unchanged, and SqueezeNet, EfficientNet-B0 and
  // DenseNet-121 at 2 threads within 1-2 % either way.
  int64_t chunk = 0, shift = -1;
  if (mk.bNext && mk.kc > 0) {
    int64_t lines = (mk.kc * mk.bK + 15) / 16;
    chunk = (lines + group - 1) / group;
    shift = 0;
    while ((mk.kc >> (shift + 1)) >= chunk)
      ++shift;
  }
  auto spread = [&](MicroKernel v, Value j) {
    if (shift >= 0) {
      v.bNext = kb.add(mk.bNext, kb.mul(j, chunk * 16));
      v.bNextShift = shift;
    }
    return v;
  };
  kb.forLoop(t0, t1, 1, [&](Value t) {
    auto [a, c] = at(kb.mul(t, mr));
    spread(mk, kb.add(t, kb.mul(t0, -1)))
        .emit(kb, a, bBase, c, biasBase, accumulate, finish);
  });
  if (!tailRows)
    return;
  MicroKernel tail = mk;
  tail.mr = tailRows;
  kb.ifThen(kb.cmp(arith::CmpIPredicate::eq, g, groups - 1), [&] {
    auto [a, c] = at(kb.idx(fullTiles * mr));
    spread(tail, kb.add(t1, kb.mul(t0, -1)))
        .emit(kb, a, bBase, c, biasBase, accumulate, finish);
  });
}

Value rowAccumulate(KB &kb, Value x, Value base, int64_t n, int64_t lanes,
                    float identity,
                    const std::function<Value(Value, Value)> &combine,
                    const RowVectorFn &f, Value lastRow) {
  constexpr int64_t accumulators = 4;
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  VectorType vt = kb.vec(lanes);
  int64_t whole = n / lanes, partial = n % lanes;
  int64_t blocks = whole / accumulators;
  SmallVector<Value> acc(accumulators, kb.splat(lanes, identity));
  if (blocks > 0) {
    int64_t step = accumulators * lanes;
    auto loop = b.create<scf::ForOp>(
        loc, kb.idx(0), kb.idx(blocks * step), kb.idx(step), acc,
        [&](OpBuilder &, Location, Value at, ValueRange carried) {
          SmallVector<Value> next;
          for (int64_t u = 0; u < accumulators; ++u) {
            Value vAt = kb.add(kb.add(base, at), u * lanes);
            Value v = b.create<vector::LoadOp>(loc, vt, x, vAt);
            next.push_back(combine(carried[u], f(v, vAt, lanes)));
          }
          b.create<scf::YieldOp>(loc, next);
        });
    acc.assign(loop.getResults().begin(), loop.getResults().end());
  }
  for (int64_t u = 0; u < whole % accumulators; ++u) {
    Value at = kb.add(base, (blocks * accumulators + u) * lanes);
    acc[u] =
        combine(acc[u], f(b.create<vector::LoadOp>(loc, vt, x, at), at, lanes));
  }
  if (partial) {
    Value at = kb.add(base, whole * lanes);
    auto on = [&](int64_t l) { return l < partial; };
    Value v;
    if (!lastRow) {
      v = kb.loadLanes(x, at, lanes, on, /*blend=*/false);
    } else {
      auto last = b.create<scf::IfOp>(loc, TypeRange{vt}, lastRow,
                                      /*withElseRegion=*/true);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(last.thenBlock());
      b.create<scf::YieldOp>(loc, kb.loadLanes(x, at, lanes, on, false));
      b.setInsertionPointToStart(last.elseBlock());
      b.create<scf::YieldOp>(loc, kb.loadLanes(x, at, lanes, on, true));
      b.setInsertionPointAfter(last);
      v = last.getResult(0);
    }
    Value fv = b.create<arith::SelectOp>(
        loc, kb.mask(lanes, on), f(v, at, partial), kb.splat(lanes, identity));
    acc[0] = combine(acc[0], fv);
  }
  while (acc.size() > 1) {
    for (size_t u = 0; u + 1 < acc.size(); u += 2)
      acc[u / 2] = combine(acc[u], acc[u + 1]);
    acc.resize(acc.size() / 2);
  }
  return acc.front();
}

Value rowReduce(KB &kb, Value x, Value base, int64_t n, int64_t lanes,
                float identity, vector::CombiningKind kind,
                const std::function<Value(Value, Value)> &combine,
                const RowVectorFn &f, Value lastRow) {
  Value acc =
      rowAccumulate(kb, x, base, n, lanes, identity, combine, f, lastRow);
  return kb.b
      .create<vector::ReductionOp>(kb.loc, kind, acc, Value(),
                                   arith::FastMathFlags::reassoc)
      .getResult();
}

void rowMap(KB &kb, Value src, Value dst, Value base, int64_t n, int64_t lanes,
            const RowVectorFn &f) {
  VectorType vt = kb.vec(lanes);
  int64_t whole = n / lanes, partial = n % lanes;
  kb.forLoop(kb.idx(0), kb.idx(whole * lanes), lanes, [&](Value col) {
    Value at = kb.add(base, col);
    Value v = kb.b.create<vector::LoadOp>(kb.loc, vt, src, at);
    kb.store(f(v, col, lanes), dst, at, lanes);
  });
  if (!partial)
    return;
  Value col = kb.idx(whole * lanes), at = kb.add(base, col);
  kb.store(f(kb.load(src, at, lanes, partial), col, partial), dst, at, partial);
}

//===----------------------------------------------------------------------===//
// KB
//===----------------------------------------------------------------------===//

static std::optional<int64_t> constIndex(Value v) {
  if (auto c = v.getDefiningOp<arith::ConstantIndexOp>())
    return c.value();
  return std::nullopt;
}

Value KB::idx(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }

Value KB::add(Value x, Value y) {
  auto cx = constIndex(x), cy = constIndex(y);
  if (cx && cy)
    return idx(*cx + *cy);
  if (cx && *cx == 0)
    return y;
  if (cy && *cy == 0)
    return x;
  return b.create<arith::AddIOp>(loc, x, y);
}

Value KB::mul(Value x, int64_t y) {
  if (y == 0)
    return idx(0);
  if (y == 1)
    return x;
  if (auto cx = constIndex(x))
    return idx(*cx * y);
  return b.create<arith::MulIOp>(loc, x, idx(y));
}

Value KB::mul(Value x, Value y) {
  if (auto cy = constIndex(y))
    return mul(x, *cy);
  if (auto cx = constIndex(x))
    return mul(y, *cx);
  return b.create<arith::MulIOp>(loc, x, y);
}

Value KB::divs(Value x, int64_t y) {
  if (y == 1)
    return x;
  if (auto cx = constIndex(x))
    return idx(*cx / y);
  return b.create<arith::DivUIOp>(loc, x, idx(y));
}

Value KB::rems(Value x, int64_t y) {
  if (y == 1)
    return idx(0);
  if (auto cx = constIndex(x))
    return idx(*cx % y);
  return b.create<arith::RemUIOp>(loc, x, idx(y));
}

Value KB::cmp(arith::CmpIPredicate p, Value x, Value y) {
  return b.create<arith::CmpIOp>(loc, p, x, y);
}

Value KB::f32(float v) {
  return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v));
}

VectorType KB::vec(int64_t lanes) {
  return VectorType::get({lanes}, b.getF32Type());
}

Value KB::splat(int64_t lanes, float v) {
  return b.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(vec(lanes), b.getF32FloatAttr(v)));
}

Value KB::mask(int64_t lanes, const std::function<bool(int64_t)> &on) {
  SmallVector<bool> bits;
  for (int64_t i = 0; i < lanes; ++i)
    bits.push_back(on(i));
  auto type = VectorType::get({lanes}, b.getI1Type());
  return b.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, bits));
}

Value KB::loadLanes(Value base, Value at, int64_t lanes,
                    const std::function<bool(int64_t)> &on, bool blend) {
  int64_t count = 0;
  for (int64_t e = 0; e < lanes; ++e)
    count += on(e);
  if (count == lanes)
    return b.create<vector::LoadOp>(loc, vec(lanes), base, at);
  if (count == 0)
    return splat(lanes, 0.0f);
  Value m = mask(lanes, on);
  if (blend) {
    Value v = b.create<vector::LoadOp>(loc, vec(lanes), base, at);
    return b.create<arith::SelectOp>(loc, m, v, splat(lanes, 0.0f));
  }
  return b.create<vector::MaskedLoadOp>(loc, vec(lanes), base, at, m,
                                        splat(lanes, 0.0f));
}

void KB::forLoop(Value lb, Value ub, int64_t step,
                 const std::function<void(Value)> &body) {
  auto clb = constIndex(lb), cub = constIndex(ub);
  if (clb && cub && *cub <= *clb)
    return;
  if (clb && cub && *cub - *clb <= step) {
    body(lb);
    return;
  }
  auto loop = b.create<scf::ForOp>(loc, lb, ub, idx(step));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(loop.getBody()->getTerminator());
  body(loop.getInductionVar());
}

void KB::ifThen(Value cond, const std::function<void()> &thenBody,
                const std::function<void()> &elseBody) {
  auto op = b.create<scf::IfOp>(loc, cond, /*withElseRegion=*/bool(elseBody));
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(op.thenBlock()->getTerminator());
  thenBody();
  if (elseBody) {
    b.setInsertionPoint(op.elseBlock()->getTerminator());
    elseBody();
  }
}

Value KB::load(Value base, Value at, int64_t lanes, int64_t valid) {
  if (valid >= lanes)
    return b.create<vector::LoadOp>(loc, vec(lanes), base, at);
  if (valid <= 0)
    return splat(lanes, 0.0f);
  Value m = mask(lanes, [&](int64_t i) { return i < valid; });
  return b.create<vector::MaskedLoadOp>(loc, vec(lanes), base, at, m,
                                        splat(lanes, 0.0f));
}

void KB::store(Value v, Value base, Value at, int64_t valid) {
  int64_t lanes = cast<VectorType>(v.getType()).getNumElements();
  if (valid >= lanes) {
    b.create<vector::StoreOp>(loc, v, base, at);
    return;
  }
  if (valid <= 0)
    return;
  Value m = mask(lanes, [&](int64_t i) { return i < valid; });
  b.create<vector::MaskedStoreOp>(loc, base, at, m, v);
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

Value flatten(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  if (type.getRank() == 1)
    return memref;
  if (type.getRank() == 0)
    return b.create<memref::ExpandShapeOp>(
        loc, MemRefType::get({1}, type.getElementType()), memref,
        ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t i = 0; i < type.getRank(); ++i)
    all.push_back(i);
  return b.create<memref::CollapseShapeOp>(loc, memref,
                                           ArrayRef<ReassociationIndices>{all});
}

Value operandBuffer(OpBuilder &b, Operation *op, ValueRange operands,
                    unsigned i) {
  Value v = op->getOperand(i);
  if (isa<NoneType>(v.getType()))
    return {};
  if (operands[i])
    return flatten(b, op->getLoc(), operands[i]);
  auto c = v.getDefiningOp<ConstantOp>();
  assert(c && "a non-buffer operand must be a constant");
  Tensor t;
  if (!tensorFromElementsAttr(c.getValue(), t) || t.dtype() != DType::F32)
    return {};
  return constantBuffer(
      b, op->getLoc(),
      ArrayRef<float>(static_cast<const float *>(t.raw()), t.numElements()));
}

Value constantBuffer(OpBuilder &b, Location loc, ArrayRef<float> values) {
  auto n = static_cast<int64_t>(values.size());
  auto value = DenseElementsAttr::get(
      RankedTensorType::get({n}, b.getF32Type()), values);
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  SymbolTable symbols(module);
  std::string name;
  for (unsigned i = 0;; ++i) {
    name = "kiln_const_" + std::to_string(i);
    if (!symbols.lookup(name))
      break;
  }
  auto memType = MemRefType::get({n}, b.getF32Type());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    b.create<memref::GlobalOp>(loc, name, b.getStringAttr("private"), memType,
                               value, /*constant=*/true,
                               b.getI64IntegerAttr(64));
  }
  return b.create<memref::GetGlobalOp>(loc, memType, name);
}

//===----------------------------------------------------------------------===//
// Epilogue
//===----------------------------------------------------------------------===//

Epilogue Epilogue::of(Operation *op, const EpilogueTail &tail) {
  Epilogue e;
  e.tail = tail;
  auto act = op->getAttrOfType<StringAttr>("activation");
  StringRef name = act ? act.getValue() : "";
  if (name == "relu")
    e.act = Act::Relu;
  else if (name == "clip")
    e.act = Act::Clip;
  else if (name == "leaky_relu")
    e.act = Act::LeakyRelu;
  if (auto lo = op->getAttrOfType<FloatAttr>("clip_min")) {
    e.hasLo = true;
    e.lo = lo.getValueAsDouble();
  }
  if (auto hi = op->getAttrOfType<FloatAttr>("clip_max")) {
    e.hasHi = true;
    e.hi = hi.getValueAsDouble();
  }
  if (auto alpha = op->getAttrOfType<FloatAttr>("alpha"))
    e.alpha = alpha.getValueAsDouble();
  return e;
}

Value Epilogue::apply(KB &kb, Value v) const {
  v = activate(kb, v);
  return tail ? tail(kb.b, kb.loc, v) : v;
}

Value Epilogue::activate(KB &kb, Value v) const {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  // A constant of v's type: a splat for a vector, a scalar for a scalar.
  auto vt = dyn_cast<VectorType>(v.getType());
  auto constant = [&](float x) {
    return vt ? kb.splat(vt.getNumElements(), x) : kb.f32(x);
  };
  auto select = [&](arith::CmpFPredicate p, Value x, Value bound, Value then) {
    Value c = b.create<arith::CmpFOp>(loc, p, x, bound);
    return b.create<arith::SelectOp>(loc, c, then, x).getResult();
  };
  switch (act) {
  case Act::None:
    return v;
  case Act::Relu: {
    Value zero = constant(0.0f);
    return select(arith::CmpFPredicate::OLT, v, zero, zero);
  }
  case Act::Clip:
    if (hasLo) {
      Value lov = constant(lo);
      v = select(arith::CmpFPredicate::OLT, v, lov, lov);
    }
    if (hasHi) {
      Value hiv = constant(hi);
      v = select(arith::CmpFPredicate::OGT, v, hiv, hiv);
    }
    return v;
  case Act::LeakyRelu: {
    Value zero = constant(0.0f);
    Value scaled = b.create<arith::MulFOp>(loc, v, constant(alpha));
    Value neg =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, v, zero);
    return b.create<arith::SelectOp>(loc, neg, v, scaled);
  }
  }
  return v;
}

//===----------------------------------------------------------------------===//
// MicroKernel
//===----------------------------------------------------------------------===//

void forItemPairs(KB &kb, Value begin, Value end, int64_t pairs, int64_t groups,
                  const std::function<void(Value, Value, Value)> &body,
                  bool bandMajor) {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  if (bandMajor || groups <= pairs) {
    Value nb0 = kb.divs(begin, groups);
    Value nb1 = kb.divs(kb.add(end, groups - 1), groups);
    kb.forLoop(nb0, nb1, 1, [&](Value nb) {
      Value first = kb.mul(nb, groups);
      Value g0 = b.create<arith::SubIOp>(
          loc, b.create<arith::MaxSIOp>(loc, begin, first).getResult(), first);
      Value g1 = b.create<arith::SubIOp>(
          loc,
          b.create<arith::MinSIOp>(loc, end, kb.add(first, groups)).getResult(),
          first);
      body(nb, g0, g1);
    });
    return;
  }
  // Group-major: g0 = ceil((begin - nb) / pairs), g1 = ceil((end - nb) /
  // pairs), both at least 0.
  auto firstGroup = [&](Value bound, Value nb) {
    Value rest = b.create<arith::MaxSIOp>(
        loc, b.create<arith::SubIOp>(loc, bound, nb), kb.idx(0));
    return kb.divs(kb.add(rest, pairs - 1), pairs);
  };
  kb.forLoop(kb.idx(0), kb.idx(pairs), 1, [&](Value nb) {
    Value g0 = firstGroup(begin, nb), g1 = firstGroup(end, nb);
    kb.ifThen(kb.cmp(arith::CmpIPredicate::slt, g0, g1),
              [&] { body(nb, g0, g1); });
  });
}

/// An scf.for over [lb, ub), \p by k steps per iteration, carrying \p acc:
/// body(k, i, cur) emits step i of an iteration (k its index) on the
/// carried values cur; acc becomes the loop's results.
static void carriedLoop(
    KB &kb, SmallVector<Value> &acc, Value lb, Value ub, int64_t by,
    const std::function<void(Value, int64_t, SmallVector<Value> &)> &body) {
  OpBuilder &b = kb.b;
  auto loop =
      b.create<scf::ForOp>(kb.loc, lb, ub, kb.idx(by), acc,
                           [](OpBuilder &, Location, Value, ValueRange) {});
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(loop.getBody());
  SmallVector<Value> cur(loop.getRegionIterArgs().begin(),
                         loop.getRegionIterArgs().end());
  for (int64_t i = 0; i < by; ++i)
    body(kb.add(loop.getInductionVar(), i), i, cur);
  b.create<scf::YieldOp>(kb.loc, cur);
  acc.assign(loop.getResults().begin(), loop.getResults().end());
}

void MicroKernel::emit(KB &kb, Value aBase, Value bBase, Value cBase,
                       Value biasBase, Value accumulate, Value finish) const {
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  int64_t nvUsed = std::min<int64_t>(nv, (validCols + lanes - 1) / lanes);
  auto valid = [&](int64_t j) {
    return std::min<int64_t>(lanes, validCols - j * lanes);
  };
  VectorType vt = kb.vec(lanes);
  auto cAt = [&](int64_t r, int64_t j) {
    return kb.add(cBase, r * cRow + j * (cVec > 0 ? cVec : lanes));
  };

  // 1. Accumulators: zero, or C when K is blocked and this is not the
  //    first block.
  auto zeros = [&] {
    SmallVector<Value> v(mr * nvUsed, kb.splat(lanes, 0.0f));
    return v;
  };
  auto loadC = [&] {
    SmallVector<Value> v;
    for (int64_t r = 0; r < mr; ++r)
      for (int64_t j = 0; j < nvUsed; ++j)
        v.push_back(kb.load(c, cAt(r, j), lanes, valid(j)));
    return v;
  };
  // The tile's values from `thenValues` where `cond` holds, else from
  // `elseValues`: an scf.if yielding mr x nvUsed vectors.
  using Values = std::function<SmallVector<Value>()>;
  auto choose = [&](Value cond, const Values &thenValues,
                    const Values &elseValues) {
    SmallVector<Type> types(mr * nvUsed, vt);
    auto ifOp = b.create<scf::IfOp>(loc, types, cond, true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    b.create<scf::YieldOp>(loc, thenValues());
    b.setInsertionPointToStart(ifOp.elseBlock());
    b.create<scf::YieldOp>(loc, elseValues());
    return SmallVector<Value>(ifOp.getResults());
  };
  SmallVector<Value> init =
      accumulate ? choose(accumulate, loadC, zeros) : zeros();

  // 2. The k loop, unrolled u times; the tail of kc % u steps a loop of
  //    one step (straight-line when it is one step).
  // With \p blockCol, A's column for k is given (the block loops below,
  // with aBlockK), not computed from k.
  auto step = [&](Value k, SmallVector<Value> &acc, Value blockCol = {}) {
    SmallVector<Value> bv;
    Value bRow = kb.add(bBase, kb.mul(k, bK));
    for (int64_t j = 0; j < nvUsed; ++j) {
      Value at = kb.add(bRow, j * lanes);
      bv.push_back(maskB && valid(j) < lanes
                       ? kb.load(this->b, at, lanes, valid(j))
                       : b.create<vector::LoadOp>(loc, vt, this->b, at));
    }
    if (bCopy)
      for (int64_t j = 0; j < nvUsed; ++j)
        b.create<vector::StoreOp>(
            loc, bv[j], bCopy,
            ValueRange{kb.add(kb.mul(k, bCopyK), j * lanes)});
    Value aCol = blockCol ? blockCol : kb.add(aBase, kb.mul(k, aK));
    // One prefetch into L2 per 64-byte line of `count` floats from
    // `buffer[at]`.
    auto prefetch = [&](Value buffer, Value at, int64_t count) {
      constexpr int64_t kFloatsPerLine = 16;
      for (int64_t i = 0; i < count; i += kFloatsPerLine)
        b.create<memref::PrefetchOp>(loc, buffer, ValueRange{kb.add(at, i)},
                                     /*isWrite=*/false, /*localityHint=*/2,
                                     /*isDataCache=*/true);
    };
    if (aNext) {
      assert(aRow == 1 && "prefetching needs a k's values contiguous");
      prefetch(a, kb.add(aNext, kb.mul(k, aK)), mr);
    }
    if (bNext && bNextShift >= 0)
      prefetch(this->b,
               kb.add(bNext, kb.mul(b.create<arith::ShRUIOp>(
                                        loc, k, kb.idx(bNextShift)),
                                    16)),
               1);
    else if (bNext)
      prefetch(this->b, kb.add(bNext, kb.mul(k, bK)), nvUsed * lanes);
    if (xNext)
      prefetch(xNext, kb.add(xNextBase, kb.mul(k, xNextK)), 1);
    for (int64_t r = 0; r < mr; ++r) {
      Value s = b.create<memref::LoadOp>(loc, a, kb.add(aCol, r * aRow));
      Value av = b.create<vector::BroadcastOp>(loc, vt, s);
      for (int64_t j = 0; j < nvUsed; ++j)
        acc[r * nvUsed + j] =
            b.create<vector::FMAOp>(loc, av, bv[j], acc[r * nvUsed + j]);
    }
  };
  // A tile of 16 accumulators or more has enough independent FMAs in one
  // step to hide the loop's own instructions: unrolled 4x or 2x it measured
  // no faster (kiln-bench's GEMM and conv cases and ResNet-50, GoogLeNet,
  // BERT-base at 1 and 2 threads, AVX-512 on a Zen 4 host), and the copies
  // (and the tail loop they need) cost a third of those models' compile
  // time.
  int64_t u = std::max<int64_t>(1, unroll);
  if (mr * nvUsed >= 16)
    u = 1;
  SmallVector<Value> acc = init;
  if (prefetchOut) {
    // The lines the epilogue reads and the stores write, into L2 while the
    // k loop runs (see the declaration).
    auto prefetch = [&](Value buffer, int64_t r, int64_t j) {
      b.create<memref::PrefetchOp>(loc, buffer, ValueRange{cAt(r, j)},
                                   /*isWrite=*/false, /*localityHint=*/2,
                                   /*isDataCache=*/true);
    };
    for (int64_t r = 0; r < mr; ++r)
      for (int64_t j = 0; j < nvUsed; ++j) {
        if (residual)
          prefetch(residual, r, j);
        prefetch(c, r, j);
      }
  }
  // A loop over [lb, ub) by `by` k steps per iteration.
  auto loopOver = [&](Value lb, Value ub, int64_t by) {
    carriedLoop(
        kb, acc, lb, ub, by,
        [&](Value k, int64_t, SmallVector<Value> &cur) { step(k, cur); });
  };
  if (aBlockK > 0) {
    assert(aBlockK % u == 0 && (kcValue || kc % aBlockK == 0) &&
           "A's k in whole blocks (kcValue, too, a multiple of aBlockK)");
    // K in whole blocks of A: a loop over the blocks around a loop over a
    // block's aBlockK steps, so that A's column is a base plus the step,
    // and the next block's rows are prefetched once per block, all mr at
    // its start. One loop over k
    // computed the block, the offset in it and the prefetched row at every
    // step: 12 integer instructions (two multiplies) beside 24 FMAs and 17
    // loads. ResNet-50's blocked 1x1 convs (15 steps, kiln-bench --model,
    // 1 thread) took 0.96-0.97x the time nested, in 4 of 5 interleaved
    // rounds (10.26-10.74 -> 9.93-10.38 ms); nested without the block's
    // prefetches they took 1.00-1.06x.
    Value blocks = kcValue ? kb.divs(kcValue, aBlockK) : kb.idx(kc / aBlockK);
    carriedLoop(
        kb, acc, kb.idx(0), blocks, 1,
        [&](Value block, int64_t, SmallVector<Value> &outer) {
          Value blockBase = kb.add(aBase, kb.mul(block, aBlockStride));
          if (prefetchNextABlock)
            for (int64_t r = 0; r < mr; ++r)
              b.create<memref::PrefetchOp>(
                  loc, a,
                  ValueRange{kb.add(kb.add(blockBase, aBlockStride), r * aRow)},
                  /*isWrite=*/false, /*localityHint=*/3,
                  /*isDataCache=*/true);
          Value k0 = kb.mul(block, aBlockK);
          carriedLoop(kb, outer, kb.idx(0), kb.idx(aBlockK), u,
                      [&](Value kk, int64_t, SmallVector<Value> &cur) {
                        step(kb.add(k0, kk), cur,
                             kb.add(blockBase, kb.mul(kk, aK)));
                      });
        });
  } else if (kcValue) {
    Value mainEnd = kb.mul(kb.divs(kcValue, u), u);
    loopOver(kb.idx(0), mainEnd, u);
    if (u > 1)
      loopOver(mainEnd, kcValue, 1);
  } else {
    int64_t mainEnd = kc / u * u;
    if (mainEnd > 0)
      loopOver(kb.idx(0), kb.idx(mainEnd), u);
    if (kc - mainEnd > 1)
      loopOver(kb.idx(mainEnd), kb.idx(kc), 1);
    else if (kc > mainEnd)
      step(kb.idx(mainEnd), acc);
  }

  // 3. Epilogue and store. With K blocked, only the last block applies the
  //    epilogue: an scf.if yields either the finished or the raw sums, and
  //    one set of stores follows (a store set per branch made the tile's
  //    stores twice the code), except with 16 registers (below).
  auto finished = [&] {
    SmallVector<Value> out;
    for (int64_t r = 0; r < mr; ++r) {
      Value rowBias;
      if (bias && biasPerRow) {
        Value s = b.create<memref::LoadOp>(loc, bias, kb.add(biasBase, r));
        rowBias = b.create<vector::BroadcastOp>(loc, vt, s);
      }
      for (int64_t j = 0; j < nvUsed; ++j) {
        Value v = acc[r * nvUsed + j];
        if (rowBias)
          v = b.create<arith::AddFOp>(loc, v, rowBias);
        else if (bias)
          v = b.create<arith::AddFOp>(
              loc, v,
              kb.load(bias, kb.add(biasBase, j * lanes), lanes, valid(j)));
        if (residual)
          v = b.create<arith::AddFOp>(
              loc, v, kb.load(residual, cAt(r, j), lanes, valid(j)));
        out.push_back(epilogue.apply(kb, v));
      }
    }
    return out;
  };
  auto storeAll = [&](const SmallVector<Value> &out) {
    for (int64_t r = 0; r < mr; ++r)
      for (int64_t j = 0; j < nvUsed; ++j)
        kb.store(out[r * nvUsed + j], c, cAt(r, j), valid(j));
  };
  // With 16 vector registers (AVX2) the merged form measured about 1.3 %
  // slower on GoogLeNet (interleaved A/B, 1 thread): there each branch
  // keeps its own stores.
  if (finish && hostVectorRegisters() < 32) {
    kb.ifThen(finish, [&] { storeAll(finished()); }, [&] { storeAll(acc); });
    return;
  }
  SmallVector<Value> out =
      finish ? choose(finish, finished, [&] { return acc; }) : finished();
  storeAll(out);
}

void MicroKernel::emitNarrow(KB &kb, Value aBase, Value bBase, Value cBase,
                             Value biasBase, Value accumulate,
                             Value finish) const {
  assert(narrowFits(validCols) && "a tile emitNarrow does not take");
  OpBuilder &b = kb.b;
  Location loc = kb.loc;
  int64_t cols = validCols;
  VectorType vt = kb.vec(lanes);
  // Independent sums per column: at least four FMAs in flight per k step
  // (one chain per column waited on the FMA's latency).
  int64_t chains = (4 + cols - 1) / cols;
  auto cAt = [&](int64_t r, int64_t j) { return kb.add(cBase, r * cRow + j); };

  // 1. Chain 0 of each column starts from C's column (K blocked, not the
  //    first block) or zero; the other chains from zero.
  Value zero = kb.splat(lanes, 0.0f);
  auto zeros = [&] { return SmallVector<Value>(cols, zero); };
  auto loadC = [&] {
    SmallVector<Value> v;
    for (int64_t j = 0; j < cols; ++j) {
      Value col = zero;
      for (int64_t r = 0; r < mr; ++r)
        col = b.create<vector::InsertOp>(
            loc, b.create<memref::LoadOp>(loc, c, cAt(r, j)), col, r);
      v.push_back(col);
    }
    return v;
  };
  SmallVector<Value> init = zeros();
  if (accumulate) {
    auto ifOp =
        b.create<scf::IfOp>(loc, SmallVector<Type>(cols, vt), accumulate, true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    b.create<scf::YieldOp>(loc, loadC());
    b.setInsertionPointToStart(ifOp.elseBlock());
    b.create<scf::YieldOp>(loc, zeros());
    init.assign(ifOp.getResults().begin(), ifOp.getResults().end());
  }
  SmallVector<Value> acc(cols * chains, zero);
  for (int64_t j = 0; j < cols; ++j)
    acc[j * chains] = init[j];

  // 2. k steps: chain `ch` of each column takes the k of its turn.
  auto step = [&](Value k, int64_t ch, SmallVector<Value> &sums) {
    Value w = kb.load(a, kb.add(aBase, kb.mul(k, aK)), lanes, mr);
    Value bRow = kb.add(bBase, kb.mul(k, bK));
    for (int64_t j = 0; j < cols; ++j) {
      Value s = b.create<memref::LoadOp>(loc, this->b, kb.add(bRow, j));
      Value bv = b.create<vector::BroadcastOp>(loc, vt, s);
      Value &sum = sums[j * chains + ch];
      sum = b.create<vector::FMAOp>(loc, w, bv, sum);
    }
  };
  auto loopOver = [&](Value lb, Value ub, int64_t by) {
    carriedLoop(kb, acc, lb, ub, by,
                [&](Value k, int64_t i, SmallVector<Value> &cur) {
                  step(k, i % chains, cur);
                });
  };
  Value kcEnd = kcValue ? kcValue : kb.idx(kc);
  Value mainEnd = kb.mul(kb.divs(kcEnd, chains), chains);
  loopOver(kb.idx(0), mainEnd, chains);
  if (chains > 1)
    loopOver(mainEnd, kcEnd, 1);

  // 3. Each column's chains summed and stored lane by lane into C.
  for (int64_t j = 0; j < cols; ++j) {
    Value sum = acc[j * chains];
    for (int64_t ch = 1; ch < chains; ++ch)
      sum = b.create<arith::AddFOp>(loc, sum, acc[j * chains + ch]);
    for (int64_t r = 0; r < mr; ++r)
      b.create<memref::StoreOp>(loc, b.create<vector::ExtractOp>(loc, sum, r),
                                c, cAt(r, j));
  }

  // 4. The epilogue, on the last K block: emit with no k step reads the
  //    sums back from C as the tile's accumulators.
  if (!bias && !residual && epilogue.act == Epilogue::Act::None &&
      !epilogue.tail)
    return;
  MicroKernel rest = *this;
  rest.kc = 0;
  rest.kcValue = Value();
  rest.nv = 1;
  Value always = b.create<arith::ConstantIntOp>(loc, 1, 1);
  auto finishTile = [&] {
    rest.emit(kb, aBase, bBase, cBase, biasBase, always, Value());
  };
  if (finish)
    kb.ifThen(finish, finishTile);
  else
    finishTile();
}

} // namespace kiln::cpu::kernels
