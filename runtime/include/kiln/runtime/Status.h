//===- Status.h - Success or a user-facing error message --------*- C++ -*-===//
//
// The runtime has no LLVM dependency, so it reports recoverable errors (bad
// inputs, shapes that do not fit an op) with this small type. Messages follow
// the LLVM diagnostic style: lower case, no trailing period, saying what was
// expected and what was found.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_STATUS_H
#define KILN_RUNTIME_STATUS_H

#include <fmt/format.h>

#include <string>
#include <utility>

namespace kiln {

/// Either success or an error with a message.
class [[nodiscard]] Status {
public:
  /// Success.
  static Status ok() { return Status(); }
  /// An error with the given message.
  static Status error(std::string message) {
    Status s;
    s.failed = true;
    s.msg = std::move(message);
    return s;
  }
  /// An error whose message is formatted with fmt.
  template <typename... Args>
  static Status errorf(fmt::format_string<Args...> format, Args &&...args) {
    return error(fmt::format(format, std::forward<Args>(args)...));
  }

  bool isOk() const { return !failed; }
  bool isError() const { return failed; }
  explicit operator bool() const { return !failed; }
  const std::string &message() const { return msg; }

private:
  bool failed = false;
  std::string msg;
};

/// Returns early from the enclosing function if \p expr is an error.
#define KILN_RETURN_IF_ERROR(expr)                                             \
  do {                                                                         \
    ::kiln::Status kilnStatus_ = (expr);                                       \
    if (kilnStatus_.isError())                                                 \
      return kilnStatus_;                                                      \
  } while (false)

} // namespace kiln

#endif // KILN_RUNTIME_STATUS_H
