//===- AotNames.cpp - The names an AOT library takes from its path --------===//
//
// `kiln compile -o DIR/libNAME.so` names everything after NAME: the C
// prefix of the API (a C identifier however odd NAME is), the header, the
// weights file and the kept driver (a file name that needs no quoting), and
// the SONAME (the library's own file name). checkLibraryPath refuses the
// names that would cause trouble later: none that has no letter or digit,
// none whose prefix would enter the kiln_ namespace of Kiln's own C APIs,
// and none that would shadow a system library: a program linked with
// `-L DIR -lm` beside a libm.so of ours would get it instead of the C
// library's (the runtimes in a fixed list, and any library the dynamic
// linker's folders hold under that name).
//
//===----------------------------------------------------------------------===//
#include "kiln/cpu/Aot.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace kiln::cpu {

std::string libraryBaseName(llvm::StringRef path) {
  llvm::StringRef file = llvm::sys::path::filename(path);
  file.consume_back(".so");
  if (file.size() > 3)
    file.consume_front("lib");
  return file.str();
}

std::string cPrefixFor(llvm::StringRef name) {
  std::string s;
  for (char c : name) {
    if (llvm::isAlnum(c))
      s += c;
    else if (!s.empty() && s.back() != '_')
      s += '_';
  }
  while (!s.empty() && s.back() == '_')
    s.pop_back();
  if (s.empty() || llvm::isDigit(s[0]))
    s = "model" + std::string(s.empty() ? "" : "_") + s;
  return s;
}

std::string libraryFileStem(llvm::StringRef name) {
  name = name.drop_while([](char c) { return !llvm::isAlnum(c) && c != '_'; });
  std::string s;
  for (char c : name)
    s += llvm::isAlnum(c) || c == '_' || c == '-' || c == '.' ? c : '_';
  return s;
}

namespace {
/// The C and C++ runtimes and toolchain libraries, shadowed by name even
/// where this machine lacks them.
const char *const kSystemLibraries[] = {
    "c",      "m",     "pthread", "dl",   "rt",    "util",   "resolv",
    "nsl",    "crypt", "anl",     "mvec", "gcc_s", "stdc++", "c++",
    "atomic", "gomp",  "omp",     "asan", "ubsan", "tsan",   "lsan"};

/// The folders the dynamic linker searches: the defaults and those of
/// /etc/ld.so.conf.d/*.conf (Debian's multiarch folders among them).
std::vector<std::string> linkerFolders() {
  std::vector<std::string> dirs = {"/lib", "/usr/lib", "/lib64", "/usr/lib64",
                                   "/usr/local/lib"};
  // In name order, as ld.so.conf's `include` reads them.
  std::vector<std::string> confs;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it("/etc/ld.so.conf.d", ec), end;
       !ec && it != end; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".conf"))
      confs.push_back(it->path());
  llvm::sort(confs);
  for (const std::string &conf : confs) {
    auto file = llvm::MemoryBuffer::getFile(conf);
    if (!file)
      continue;
    llvm::SmallVector<llvm::StringRef> lines;
    (*file)->getBuffer().split(lines, '\n');
    for (llvm::StringRef line : lines) {
      line = line.trim();
      if (line.starts_with("/"))
        dirs.push_back(line.str());
    }
  }
  return dirs;
}

/// A file of a linker folder that \p fileName ("libm.so") would shadow:
/// the same name, or it with a version ("libm.so.6"); empty if none.
std::string systemLibraryNamed(llvm::StringRef fileName) {
  for (const std::string &dir : linkerFolders()) {
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      llvm::StringRef file = llvm::sys::path::filename(it->path());
      if (file == fileName ||
          (file.size() > fileName.size() + 1 && file.starts_with(fileName) &&
           file[fileName.size()] == '.' &&
           llvm::isDigit(file[fileName.size() + 1])))
        return it->path();
    }
  }
  return "";
}

llvm::Error pathError(llvm::StringRef path, const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "-o '" + path + "': " + why);
}
} // namespace

llvm::Error checkLibraryPath(llvm::StringRef path) {
  llvm::StringRef file = llvm::sys::path::filename(path);
  if (!file.ends_with(".so") || file.size() == 3)
    return pathError(path, "a library's path must end in NAME.so "
                           "(DIR/libNAME.so)");
  std::string name = libraryBaseName(path);
  if (!llvm::any_of(name, llvm::isAlnum))
    return pathError(path, "the library's name '" + name +
                               "' has no letter or digit to name its C API "
                               "after");
  if (file == "libkiln.so" || file == "libkiln-rt.so")
    return pathError(path, "that is the name of Kiln's own library");
  std::string prefix = cPrefixFor(name);
  if (prefix == "kiln" || llvm::StringRef(prefix).starts_with("kiln_"))
    return pathError(path, "its C prefix '" + prefix +
                               "' would share the kiln_ namespace of Kiln's "
                               "own C APIs; choose another name");
  if (file.starts_with("lib")) {
    llvm::StringRef link = file.drop_front(3).drop_back(3);
    std::string found = systemLibraryNamed(file);
    if (!found.empty() || llvm::is_contained(kSystemLibraries, link))
      return pathError(
          path,
          "a library named " + file + " would shadow the system library " +
              (found.empty() ? ("lib" + link).str() : found) +
              " for programs linked with -l" + link + "; choose another name");
  }
  return llvm::Error::success();
}

} // namespace kiln::cpu
