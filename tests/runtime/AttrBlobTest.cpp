//===- AttrBlobTest.cpp - Attribute blobs round-trip and reject damage ----===//
#include "kiln/runtime/AttrBlob.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kiln;

/// One attribute of every kind.
static AttrMap everyKind() {
  AttrMap attrs;
  attrs.set("axis", int64_t(-3));
  attrs.set("alpha", 0.125);
  attrs.set("mode", std::string("nearest"));
  attrs.set("empty", std::string());
  attrs.set("pads", std::vector<int64_t>{0, 1, 2, 3});
  attrs.set("scales", std::vector<double>{1.5, -2.0});
  attrs.set("activations", std::vector<std::string>{"Sigmoid", "", "Tanh"});
  attrs.set("value", Tensor::fromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6}));
  attrs.set("scalar", Tensor::scalar<int64_t>(7));
  attrs.set("nothing", Tensor(DType::F16, {0, 4}));
  return attrs;
}

TEST(AttrBlob, RoundTripsEveryKind) {
  AttrMap in = everyKind();
  std::string blob = serializeAttrs(in);
  AttrMap out;
  ASSERT_TRUE(parseAttrs(blob.data(), blob.size(), out).isOk());
  EXPECT_EQ(out.all().size(), in.all().size());
  EXPECT_EQ(out.getInt("axis", 0), -3);
  EXPECT_EQ(out.getFloat("alpha", 0), 0.125);
  EXPECT_EQ(out.getString("mode"), "nearest");
  EXPECT_TRUE(out.has("empty"));
  EXPECT_EQ(out.getString("empty", "x"), "");
  EXPECT_EQ(out.getInts("pads"), (std::vector<int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(out.getFloats("scales"), (std::vector<double>{1.5, -2.0}));
  EXPECT_EQ(out.getStrings("activations"),
            (std::vector<std::string>{"Sigmoid", "", "Tanh"}));
  const Tensor *value = out.getTensor("value");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->dtype(), DType::F32);
  EXPECT_EQ(value->shape(), (Shape{2, 3}));
  EXPECT_EQ(value->data<float>()[5], 6.0f);
  ASSERT_NE(out.getTensor("scalar"), nullptr);
  EXPECT_EQ(out.getTensor("scalar")->rank(), 0);
  EXPECT_EQ(out.getTensor("scalar")->data<int64_t>()[0], 7);
  ASSERT_NE(out.getTensor("nothing"), nullptr);
  EXPECT_EQ(out.getTensor("nothing")->shape(), (Shape{0, 4}));
  // Serializing the parsed map gives the same bytes.
  EXPECT_EQ(serializeAttrs(out), blob);
}

TEST(AttrBlob, EmptyMap) {
  std::string blob = serializeAttrs(AttrMap());
  AttrMap out;
  out.set("stale", int64_t(1));
  ASSERT_TRUE(parseAttrs(blob.data(), blob.size(), out).isOk());
  EXPECT_TRUE(out.all().empty());
}

TEST(AttrBlob, RejectsEveryTruncationAndTrailingBytes) {
  std::string blob = serializeAttrs(everyKind());
  for (size_t n = 0; n < blob.size(); ++n) {
    AttrMap out;
    Status s = parseAttrs(blob.data(), n, out);
    EXPECT_TRUE(s.isError()) << "prefix of " << n << " bytes parsed";
    if (s.isError()) {
      EXPECT_NE(s.message().find("corrupt attribute blob"), std::string::npos)
          << s.message();
    }
  }
  std::string longer = blob + "x";
  AttrMap out;
  EXPECT_TRUE(parseAttrs(longer.data(), longer.size(), out).isError());
}

TEST(AttrBlob, RejectsBadMagicKindAndHugeCounts) {
  AttrMap one;
  one.set("pads", std::vector<int64_t>{1, 2});
  std::string blob = serializeAttrs(one);
  AttrMap out;
  std::string bad = blob;
  bad[0] = 'X';
  EXPECT_TRUE(parseAttrs(bad.data(), bad.size(), out).isError());
  // magic(4) count(4) name length(4) "pads"(4), then the kind byte.
  bad = blob;
  bad[16] = 42;
  Status s = parseAttrs(bad.data(), bad.size(), out);
  ASSERT_TRUE(s.isError());
  EXPECT_NE(s.message().find("unknown kind 42"), std::string::npos);
  // The element count says 2^62: must fail, not allocate.
  bad = blob;
  uint64_t huge = uint64_t(1) << 62;
  std::memcpy(&bad[17], &huge, 8);
  EXPECT_TRUE(parseAttrs(bad.data(), bad.size(), out).isError());
}
