//===- GuardedSchemas.h - ONNX schemas safe on untrusted graphs -*- C++ -*-===//
//
// ONNX 1.12's shape inference trusts what it reads: some inference and
// data-propagation functions index dimensions past an input's rank, divide
// by a zero stride, or dereference the type of an input whose own inference
// failed. Fuzzing the loader found each of these as a crash. The registry
// declared here hands ONNX's shape inference copies of the schemas whose
// functions first check what they are about to trust, and skip the node
// (its outputs stay untyped, as after any failed inference) when a check
// fails. Kiln's own verifiers then report the model's actual error.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_FRONTEND_GUARDEDSCHEMAS_H
#define KILN_FRONTEND_GUARDEDSCHEMAS_H

#include <onnx/defs/schema.h>

namespace kiln::frontend {

/// The schema registry to pass to onnx::shape_inference::InferShapes for a
/// model that came from outside: ONNX's own schemas, with every inference
/// function wrapped by the checks above. Thread-safe; lives for the process.
const onnx::ISchemaRegistry &guardedSchemaRegistry();

} // namespace kiln::frontend

#endif // KILN_FRONTEND_GUARDEDSCHEMAS_H
