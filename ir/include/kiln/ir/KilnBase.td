//===- KilnBase.td - The kiln dialect and its op base classes -*- tablegen -*-===//
//
// The `kiln` dialect carries tensor semantics close to ONNX, normalized to
// the newest ONNX version of each op: inputs that older opsets passed as
// attributes (axes, pads, split, scales, min/max...) are always operands here,
// and the importer's version handlers convert. Attributes keep their ONNX
// names and are present only when the model gave them; the reference kernel
// applies the ONNX default otherwise.
//
// Every op gets its reference kernel through ReferenceKernelOpInterface:
// Kiln_Op generates `evaluate()` as a call to `kiln::ref::eval<OnnxName>`,
// so an op without a kernel does not compile.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_BASE_TD
#define KILN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "kiln/ir/KilnInterfaces.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let cppNamespace = "::kiln";
  let summary = "Tensor-level operations imported from ONNX";
  let description = [{
    Ops with ONNX semantics, normalized to the newest ONNX version of each op.
    Absent optional operands are values of `none` type made by `kiln.none`.
  }];
  let usePropertiesForAttributes = 0;
  let useDefaultAttributePrinterParser = 0;
  let hasConstantMaterializer = 1;
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    /// Registers !kiln.seq and !kiln.opt (KilnTypes.cpp).
    void registerTypes();
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// Element types Kiln computes on.
def Kiln_ElementType : AnyTypeOf<[F32, F16, F64, I8, UI8, I32, I64, I1]>;
/// A tensor of a supported element type, ranked or unranked.
def Kiln_Tensor : TensorOf<[F32, F16, F64, I8, UI8, I32, I64, I1]>;
/// A floating-point tensor.
def Kiln_FloatTensor : TensorOf<[F32, F16, F64]>;
/// An integer index tensor (shapes, axes, indices).
def Kiln_IndexTensor : TensorOf<[I32, I64]>;
/// An operand that may be absent (a `none` value from `kiln.none`).
def Kiln_OptTensor : AnyTypeOf<[Kiln_Tensor, NoneType]>;

class Kiln_Type<string name, string typeMnemonic>
    : TypeDef<Kiln_Dialect, name> {
  let mnemonic = typeMnemonic;
}

def Kiln_SequenceType : Kiln_Type<"Sequence", "seq"> {
  let summary = "ONNX sequence: an ordered list of tensors of one element type";
  let description = [{
    `!kiln.seq<tensor<?x4xf32>>`: every element is a tensor of the element
    type given, with the dims given where they are known (`tensor<*xf32>`
    when nothing is). The number of elements is a run-time value.
  }];
  let parameters = (ins "::mlir::TensorType":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
  let genVerifyDecl = 1;
}

def Kiln_OptionalType : Kiln_Type<"Optional", "opt"> {
  let summary = "ONNX optional: a tensor or a sequence, or nothing";
  let description = [{
    `!kiln.opt<tensor<5xf32>>`, `!kiln.opt<!kiln.seq<tensor<*xi64>>>`.
  }];
  let parameters = (ins "::mlir::Type":$valueType);
  let assemblyFormat = "`<` $valueType `>`";
  let genVerifyDecl = 1;
}

/// Any runtime value: a tensor, a sequence or an optional.
def Kiln_Value : AnyTypeOf<[Kiln_Tensor, Kiln_SequenceType, Kiln_OptionalType]>;
/// A tensor or a sequence (what an optional may hold).
def Kiln_TensorOrSequence : AnyTypeOf<[Kiln_Tensor, Kiln_SequenceType]>;

//===----------------------------------------------------------------------===//
// Op base classes
//===----------------------------------------------------------------------===//

/// Base of every kiln op. `onnxName` is the ONNX op type the op models; its
/// reference kernel is `kiln::ref::eval<onnxName>`.
class Kiln_Op<string mnemonic, string onnxName, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic,
         !listconcat(traits, [Pure,
           DeclareOpInterfaceMethods<Kiln_ReferenceKernelOpInterface>])> {
  string kernelName = "eval" # onnxName;
  let extraClassDefinition = [{
    ::kiln::Status $cppClass::evaluate(::kiln::KernelContext &ctx) {
      return ::kiln::ref::}] # kernelName # [{(ctx);
    }
    ::llvm::StringRef $cppClass::getOnnxName() { return "}] # onnxName # [{"; }
  }];
}

/// One tensor in, one tensor out, elementwise.
class Kiln_UnaryOp<string mnemonic, string onnxName, list<Trait> traits = []>
    : Kiln_Op<mnemonic, onnxName,
              !listconcat(traits,
                          [Kiln_Elementwise, Kiln_InferShapesByTrait])> {
  let summary = "elementwise ONNX " # onnxName;
  let arguments = (ins Kiln_Tensor:$input);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

/// Two tensors in with numpy broadcasting, one tensor out.
class Kiln_BinaryOp<string mnemonic, string onnxName, list<Trait> traits = []>
    : Kiln_Op<mnemonic, onnxName,
              !listconcat(traits,
                          [Kiln_Elementwise, Kiln_InferShapesByTrait])> {
  let summary = "elementwise ONNX " # onnxName # " with numpy broadcasting";
  let arguments = (ins Kiln_Tensor:$lhs, Kiln_Tensor:$rhs);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

/// Any number of tensors in with numpy broadcasting (Sum, Mean, Min, Max).
class Kiln_VariadicOp<string mnemonic, string onnxName, list<Trait> traits = []>
    : Kiln_Op<mnemonic, onnxName,
              !listconcat(traits,
                          [Kiln_Elementwise, Kiln_InferShapesByTrait])> {
  let summary = "ONNX " # onnxName # " over any number of broadcast inputs";
  let arguments = (ins Variadic<Kiln_Tensor>:$inputs);
  let results = (outs Kiln_Tensor:$output);
  let assemblyFormat =
      "$inputs attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_BASE_TD
