//===- ElementwiseLowering.h - Shared elementwise lowering -----*- C++ -*-===//
//
// Private to lib/lower/Elementwise*.cpp. An elementwise op is lowered by a
// Rule: which operand element types its reference kernel accepts, an
// optional check of its attributes, and a body that builds one result
// element from the operand elements with a ScalarBuilder. ScalarBuilder's
// helpers pick the float or signed-integer arith op by operand type and
// keep C++ semantics (comparisons false on NaN, wrapping integers,
// saturating float-to-integer stores), so that bodies read like the
// reference kernels' scalar functions. The same bodies build vector code
// for the epilogues of direct kernels (ElementwiseEpilogue.cpp): constants
// become splats there, and a body that needs f64 or a tensor operand does
// not verify and is not fused.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_CPU_LOWER_ELEMENTWISELOWERING_H
#define KILN_CPU_LOWER_ELEMENTWISELOWERING_H

#include "kiln/cpu/Lowering.h"
#include "kiln/ir/KilnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/StringMap.h"

#include <functional>

namespace kiln::cpu::elementwise {

/// Element type classes, as a mask. Only the types the compiled backend
/// handles have a class: f32, f64 (float), i32, i64 (int) and i1 (bool).
enum TypeClass : unsigned {
  kFloat = 1,
  kInt = 2,
  kBool = 4,
  kNumeric = kFloat | kInt,
  kAnyType = kNumeric | kBool,
};

/// The class of \p t, or 0 for a type the backend does not compile.
unsigned typeClass(mlir::Type t);

/// The element type of tensor value \p v.
mlir::Type elementType(mlir::Value v);

/// The float attribute \p name of \p op, or \p dflt when it is absent.
double floatAttr(mlir::Operation *op, llvm::StringRef name, double dflt);
/// The integer attribute \p name of \p op, or \p dflt when it is absent.
int64_t intAttr(mlir::Operation *op, llvm::StringRef name, int64_t dflt);

/// True when scalar (or vector) \p v is a float.
bool isFloat(mlir::Value v);

/// Builds the scalar code of one element. Arithmetic and comparisons take
/// two values of one type and use the float or the signed-integer op.
class ScalarBuilder {
public:
  ScalarBuilder(mlir::OpBuilder &b, mlir::Location loc) : b(b), loc(loc) {}

  /// Any op, returning its single result.
  template <typename OpTy, typename... Args> mlir::Value op(Args &&...args) {
    return b.create<OpTy>(loc, std::forward<Args>(args)...)->getResult(0);
  }

  /// Constant \p v in the type of \p like (integers: \p v truncated).
  mlir::Value c(mlir::Value like, double v);
  /// Integer constant \p v of \p type.
  mlir::Value intConst(mlir::Type type, const llvm::APInt &v);

  /// Integer add, sub, mul and neg wrap.
  mlir::Value add(mlir::Value x, mlir::Value y);
  mlir::Value sub(mlir::Value x, mlir::Value y);
  mlir::Value mul(mlir::Value x, mlir::Value y);
  mlir::Value neg(mlir::Value x);
  /// Float division only.
  mlir::Value div(mlir::Value x, mlir::Value y);

  /// C++ comparisons: false when either float is NaN, except `ne`.
  mlir::Value lt(mlir::Value x, mlir::Value y);
  mlir::Value gt(mlir::Value x, mlir::Value y);
  mlir::Value le(mlir::Value x, mlir::Value y);
  mlir::Value ge(mlir::Value x, mlir::Value y);
  mlir::Value eq(mlir::Value x, mlir::Value y);
  mlir::Value ne(mlir::Value x, mlir::Value y);
  mlir::Value isNaN(mlir::Value x);

  mlir::Value select(mlir::Value cond, mlir::Value x, mlir::Value y);
  /// std::min and std::max: \p x unless \p y is strictly better, so a NaN
  /// \p y yields \p x.
  mlir::Value stdMin(mlir::Value x, mlir::Value y);
  mlir::Value stdMax(mlir::Value x, mlir::Value y);

  /// Any scalar to f64, as static_cast<double>.
  mlir::Value toF64(mlir::Value x);
  /// Float \p x to integer type \p to as the reference kernels store it:
  /// through double, NaN to 0, out-of-range values to the nearest bound;
  /// to i1 as `x != 0`.
  mlir::Value floatToInt(mlir::Value x, mlir::Type to);

  /// e^x - 1 and log(1 + x), accurate near 0 for f32 and f64.
  mlir::Value expm1(mlir::Value x);
  mlir::Value log1p(mlir::Value x);

  mlir::OpBuilder &b;
  mlir::Location loc;

private:
  mlir::Value cmp(mlir::arith::CmpFPredicate f, mlir::arith::CmpIPredicate i,
                  mlir::Value x, mlir::Value y);
};

/// Short for the lambdas of the rules.
using S = ScalarBuilder;

/// Builds one result element of \p op from its operand elements \p args
/// (each in its own element type).
using Body = std::function<mlir::Value(S &s, mlir::ValueRange args,
                                       mlir::Operation *op)>;
/// Why \p op cannot be lowered despite its types (an attribute the
/// reference kernel rejects...), or null when it can.
using Check = std::function<const char *(mlir::Operation *op)>;

/// How to lower one elementwise op.
struct Rule {
  /// Classes of operand 0 the reference kernel accepts.
  unsigned accepts = kAnyType;
  /// Whether every element operand must have operand 0's element type.
  bool sameTypes = true;
  /// How many leading operands are read per element (the rest, such as
  /// Clip's bounds or CastLike's target, are the body's business).
  unsigned numInputs = ~0u;
  Check check;
  Body body;
};

/// The rule of each elementwise op, by op name.
using RuleTable = llvm::StringMap<Rule>;

/// Records \p rule as the lowering of op \p opName.
void addRule(RuleTable &rules, llvm::StringRef opName, Rule rule);

template <typename OpTy> void add(RuleTable &rules, Rule rule) {
  addRule(rules, OpTy::getOperationName(), std::move(rule));
}

/// The common case: operands of one type in \p accepts, any attributes.
template <typename OpTy>
void add(RuleTable &rules, unsigned accepts, Body body) {
  Rule rule;
  rule.accepts = accepts;
  rule.body = std::move(body);
  add<OpTy>(rules, std::move(rule));
}

/// Every rule, built on first use. The single-op patterns, fused kernels
/// and the epilogues of direct kernels all build their scalar (or vector)
/// code from it, so each op's body is written once.
const RuleTable &rules();

/// Why \p op cannot be lowered by \p rule with these operand types, or
/// null when it can.
const char *whyNot(const Rule &rule, mlir::Operation *op);

/// The families, one file each: Elementwise.cpp, ElementwiseActivation.cpp,
/// ElementwiseBinary.cpp and ElementwiseNary.cpp.
void populateUnaryMath(RuleTable &rules);
void populateActivations(RuleTable &rules);
void populateBinary(RuleTable &rules);
void populateNary(RuleTable &rules);

} // namespace kiln::cpu::elementwise

#endif // KILN_CPU_LOWER_ELEMENTWISELOWERING_H
