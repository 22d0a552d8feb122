//===- FileWriter.h - Write files through a temporary and a rename -*- C++ -*-//
//
// Writers shared by kiln-zoo and kiln-fuzz-graphs: a failed or interrupted
// write never leaves a partial file under its final name.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TOOLS_ZOO_FILEWRITER_H
#define KILN_TOOLS_ZOO_FILEWRITER_H

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>

namespace kiln::zoo {

/// Writes \p bytes to \p path via "<path>.tmp-<pid>" and rename.
bool writeFileAtomic(const std::string &path, const std::string &bytes,
                     std::string &err);
/// Serializes \p model to \p path the same way, streaming the bytes so that a
/// large model is not held in memory twice. Sets \p bytesWritten.
bool writeModelAtomic(const std::string &path, const onnx::ModelProto &model,
                      int64_t &bytesWritten, std::string &err);

} // namespace kiln::zoo

#endif // KILN_TOOLS_ZOO_FILEWRITER_H
