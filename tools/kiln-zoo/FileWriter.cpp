//===- FileWriter.cpp - Write files through a temporary and a rename ------===//
//
// Each output is written to "<path>.tmp-<pid>" in the same directory, closed,
// checked, and renamed over the final name; on any error the temporary is
// removed. rename() within a directory is atomic on POSIX, so readers see
// either the old file or the complete new one.
//
//===----------------------------------------------------------------------===//
#include "FileWriter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <unistd.h>

namespace kiln::zoo {
namespace {

/// Runs \p fill on a stream to the temporary file, then renames it to
/// \p path. \p fill returns false if serialization itself failed.
bool writeVia(const std::string &path,
              const std::function<bool(std::ostream &)> &fill,
              int64_t &bytesWritten, std::string &err) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      err = "cannot create '" + tmp + "': " + std::strerror(errno);
      return false;
    }
    bool ok = fill(out);
    out.flush();
    if (ok && out.good())
      bytesWritten = static_cast<int64_t>(out.tellp());
    out.close();
    if (!ok || !out) {
      err = "cannot write '" + tmp + "'" +
            (ok ? std::string(": ") + std::strerror(errno)
                : std::string(": serialization failed"));
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    err = "cannot rename '" + tmp + "' to '" + path +
          "': " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace

bool writeFileAtomic(const std::string &path, const std::string &bytes,
                     std::string &err) {
  int64_t written = 0;
  return writeVia(
      path,
      [&](std::ostream &out) {
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return true;
      },
      written, err);
}

bool writeModelAtomic(const std::string &path, const onnx::ModelProto &model,
                      int64_t &bytesWritten, std::string &err) {
  return writeVia(
      path, [&](std::ostream &out) { return model.SerializeToOstream(&out); },
      bytesWritten, err);
}

} // namespace kiln::zoo
