//===- AttrBlob.cpp - Attributes to and from a byte string ----------------===//
#include "kiln/runtime/AttrBlob.h"

#include <cstring>

namespace kiln {

static constexpr char kMagic[4] = {'K', 'A', 'T', '1'};

namespace {
/// Appends plain values to a byte string.
struct Writer {
  std::string &out;
  template <typename T> void pod(T v) {
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
  }
  void bytes(const void *p, size_t n) {
    out.append(static_cast<const char *>(p), n);
  }
  void str(const std::string &s) {
    pod<uint64_t>(s.size());
    bytes(s.data(), s.size());
  }
};

/// Reads plain values from a byte range, failing past its end.
struct Reader {
  const char *p, *end;
  bool ok = true;
  bool take(void *dst, size_t n) {
    if (!ok || static_cast<size_t>(end - p) < n)
      return ok = false;
    if (n)
      std::memcpy(dst, p, n);
    p += n;
    return true;
  }
  template <typename T> T pod() {
    T v{};
    take(&v, sizeof v);
    return v;
  }
  /// A count of \p elemSize-byte items that must fit in what is left.
  uint64_t count(size_t elemSize) {
    uint64_t n = pod<uint64_t>();
    if (ok && elemSize && n > static_cast<uint64_t>(end - p) / elemSize)
      ok = false;
    return ok ? n : 0;
  }
  std::string str() {
    std::string s(count(1), '\0');
    take(s.data(), s.size());
    return s;
  }
};
} // namespace

std::string serializeAttrs(const AttrMap &attrs) {
  std::string out(kMagic, sizeof kMagic);
  Writer w{out};
  w.pod<uint32_t>(attrs.all().size());
  for (const auto &[name, value] : attrs.all()) {
    w.pod<uint32_t>(name.size());
    w.bytes(name.data(), name.size());
    w.pod<uint8_t>(value.index());
    if (auto *i = std::get_if<int64_t>(&value)) {
      w.pod(*i);
    } else if (auto *f = std::get_if<double>(&value)) {
      w.pod(*f);
    } else if (auto *s = std::get_if<std::string>(&value)) {
      w.str(*s);
    } else if (auto *is = std::get_if<std::vector<int64_t>>(&value)) {
      w.pod<uint64_t>(is->size());
      w.bytes(is->data(), is->size() * sizeof(int64_t));
    } else if (auto *fs = std::get_if<std::vector<double>>(&value)) {
      w.pod<uint64_t>(fs->size());
      w.bytes(fs->data(), fs->size() * sizeof(double));
    } else if (auto *ss = std::get_if<std::vector<std::string>>(&value)) {
      w.pod<uint64_t>(ss->size());
      for (const std::string &s : *ss)
        w.str(s);
    } else {
      const Tensor &t = std::get<Tensor>(value);
      w.pod<int32_t>(dtypeToOnnx(t.dtype()));
      w.pod<uint32_t>(t.rank());
      for (int64_t d : t.shape())
        w.pod(d);
      w.pod<uint64_t>(t.byteSize());
      w.bytes(t.raw(), t.byteSize());
    }
  }
  return out;
}

Status parseAttrs(const void *data, size_t size, AttrMap &attrs) {
  attrs = AttrMap();
  auto bad = [](const std::string &why) {
    return Status::error("corrupt attribute blob: " + why);
  };
  const char *begin = static_cast<const char *>(data);
  Reader r{begin, begin + size};
  char magic[4];
  if (!r.take(magic, 4) || std::memcmp(magic, kMagic, 4) != 0)
    return bad("no KAT1 magic");
  uint32_t n = r.pod<uint32_t>();
  for (uint32_t a = 0; a < n && r.ok; ++a) {
    uint32_t len = r.pod<uint32_t>();
    if (!r.ok || len > static_cast<size_t>(r.end - r.p))
      return bad("attribute #" + std::to_string(a) + " is truncated");
    std::string name(r.p, len);
    r.p += len;
    uint8_t kind = r.pod<uint8_t>();
    AttrValue value;
    switch (kind) {
    case 0:
      value = r.pod<int64_t>();
      break;
    case 1:
      value = r.pod<double>();
      break;
    case 2:
      value = r.str();
      break;
    case 3: {
      std::vector<int64_t> v(r.count(sizeof(int64_t)));
      r.take(v.data(), v.size() * sizeof(int64_t));
      value = std::move(v);
      break;
    }
    case 4: {
      std::vector<double> v(r.count(sizeof(double)));
      r.take(v.data(), v.size() * sizeof(double));
      value = std::move(v);
      break;
    }
    case 5: {
      std::vector<std::string> v(r.count(sizeof(uint64_t)));
      for (std::string &s : v)
        s = r.str();
      value = std::move(v);
      break;
    }
    case 6: {
      auto dtype = dtypeFromOnnx(r.pod<int32_t>());
      uint32_t rank = r.pod<uint32_t>();
      if (!r.ok || !dtype || rank > (r.end - r.p) / sizeof(int64_t))
        return bad("tensor attribute '" + name + "' has a bad header");
      Shape shape(rank);
      for (int64_t &d : shape)
        if ((d = r.pod<int64_t>()) < 0)
          return bad("tensor attribute '" + name + "' has a negative dim");
      uint64_t bytes = r.count(1);
      if (!r.ok)
        break;
      // Compare sizes without forming a product that could overflow.
      uint64_t expect = dtypeSize(*dtype);
      for (int64_t d : shape) {
        if (d && expect > bytes / static_cast<uint64_t>(d))
          return bad("tensor attribute '" + name + "' is truncated");
        expect *= static_cast<uint64_t>(d);
      }
      if (expect != bytes)
        return bad("tensor attribute '" + name + "' has " +
                   std::to_string(bytes) + " bytes for shape " +
                   formatShape(shape));
      Tensor t(*dtype, shape);
      r.take(t.raw(), bytes);
      value = std::move(t);
      break;
    }
    default:
      return bad("attribute '" + name + "' has unknown kind " +
                 std::to_string(kind));
    }
    if (!r.ok)
      break;
    attrs.set(std::move(name), std::move(value));
  }
  if (!r.ok)
    return bad("it ends inside an attribute");
  if (r.p != r.end)
    return bad(std::to_string(r.end - r.p) + " bytes after the last attribute");
  return Status::ok();
}

} // namespace kiln
