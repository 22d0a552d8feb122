//===- Npy.cpp - numpy .npy file reading and writing ----------------------===//
#include "kiln/runtime/Npy.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiln {
namespace {

/// numpy 'descr' strings for Kiln dtypes (little-endian).
const char *descrOf(DType t) {
  switch (t) {
  case DType::F32:
    return "<f4";
  case DType::F16:
    return "<f2";
  case DType::F64:
    return "<f8";
  case DType::I8:
    return "|i1";
  case DType::U8:
    return "|u1";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  case DType::Bool:
    return "|b1";
  }
  return "?";
}

bool dtypeFromDescr(const std::string &d, DType &out) {
  for (int i = 0; i < kNumDTypes; ++i) {
    DType t = static_cast<DType>(i);
    std::string want = descrOf(t);
    // Accept '=' or '|' byte-order marks as native little-endian too.
    if (d == want ||
        (d.size() == 3 && want.size() == 3 && d.substr(1) == want.substr(1) &&
         (d[0] == '=' || d[0] == '|' || d[0] == '<'))) {
      out = t;
      return true;
    }
  }
  return false;
}

/// Finds `'key':` in the header dict and returns what follows.
bool findKey(const std::string &header, const std::string &key, size_t &pos) {
  for (char q : {'\'', '"'}) {
    std::string k = std::string(1, q) + key + std::string(1, q);
    size_t p = header.find(k);
    if (p == std::string::npos)
      continue;
    p = header.find(':', p + k.size());
    if (p == std::string::npos)
      return false;
    pos = p + 1;
    while (pos < header.size() && header[pos] == ' ')
      ++pos;
    return true;
  }
  return false;
}

} // namespace

Status parseNpy(const std::string &bytes, const std::string &name,
                Tensor &out) {
  auto bad = [&](const std::string &why) {
    return Status::errorf("{}: not a valid .npy file: {}", name, why);
  };
  if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
    return bad("missing the \\x93NUMPY magic");
  uint8_t major = static_cast<uint8_t>(bytes[6]);
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = static_cast<uint8_t>(bytes[8]) |
                (static_cast<size_t>(static_cast<uint8_t>(bytes[9])) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return bad("truncated header");
    headerLen = 0;
    for (int i = 0; i < 4; ++i)
      headerLen |= static_cast<size_t>(static_cast<uint8_t>(bytes[8 + i]))
                   << (8 * i);
    offset = 12;
  } else {
    return bad(fmt::format("unknown format version {}", major));
  }
  if (headerLen > bytes.size() - offset)
    return bad("header longer than the file");
  std::string header = bytes.substr(offset, headerLen);
  size_t pos;
  if (!findKey(header, "descr", pos) || pos >= header.size())
    return bad("header has no 'descr'");
  char q = header[pos];
  size_t end = header.find(q, pos + 1);
  if (end == std::string::npos)
    return bad("unterminated 'descr'");
  std::string descr = header.substr(pos + 1, end - pos - 1);
  DType dtype;
  if (!dtypeFromDescr(descr, dtype))
    return bad(fmt::format("unsupported dtype '{}' (expected one of f4, f2, "
                           "f8, i1, u1, i4, i8, b1, little-endian)",
                           descr));
  if (!findKey(header, "fortran_order", pos))
    return bad("header has no 'fortran_order'");
  if (header.compare(pos, 4, "True") == 0)
    return bad("Fortran-order arrays are not supported");
  if (!findKey(header, "shape", pos) || header[pos] != '(')
    return bad("header has no 'shape' tuple");
  size_t close = header.find(')', pos);
  if (close == std::string::npos)
    return bad("unterminated 'shape'");
  Shape shape;
  std::string dims = header.substr(pos + 1, close - pos - 1);
  std::stringstream ss(dims);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t a = item.find_first_not_of(" L");
    if (a == std::string::npos)
      continue;
    char *endp = nullptr;
    long long v = std::strtoll(item.c_str() + a, &endp, 10);
    if (endp == item.c_str() + a || v < 0 || v > (1LL << 40))
      return bad(fmt::format("bad dimension '{}'", item));
    shape.push_back(v);
  }
  size_t dataOffset = offset + headerLen;
  // Check the data size before allocating anything.
  long double want = static_cast<long double>(dtypeSize(dtype));
  for (int64_t d : shape)
    want *= static_cast<long double>(d);
  long double have = static_cast<long double>(bytes.size() - dataOffset);
  if (want != have)
    return bad(
        fmt::format("shape ({}) needs {:.0f} bytes of data, file has {:.0f}",
                    formatShape(shape), static_cast<double>(want),
                    static_cast<double>(have)));
  Tensor t(dtype, shape);
  if (t.byteSize())
    std::memcpy(t.raw(), bytes.data() + dataOffset, t.byteSize());
  out = std::move(t);
  return Status::ok();
}

Status readNpy(const std::string &path, Tensor &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::errorf("{}: cannot open file", path);
  std::stringstream buf;
  buf << in.rdbuf();
  return parseNpy(buf.str(), path, out);
}

std::string serializeNpy(const Tensor &t) {
  std::string shape = "(";
  for (size_t i = 0; i < t.shape().size(); ++i)
    shape +=
        std::to_string(t.shape()[i]) +
        (t.shape().size() == 1 ? "," : (i + 1 < t.shape().size() ? ", " : ""));
  shape += ")";
  std::string header =
      fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}",
                  descrOf(t.dtype()), shape);
  // Pad so that the data starts on a 64-byte boundary; end with '\n'.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.append(static_cast<const char *>(t.raw()), t.byteSize());
  return out;
}

Status writeNpy(const std::string &path, const Tensor &t) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return Status::errorf("{}: cannot open for writing", path);
    std::string bytes = serializeNpy(t);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
      return Status::errorf("{}: write failed", path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::errorf("{}: cannot rename temporary file into place", path);
  }
  return Status::ok();
}

} // namespace kiln
