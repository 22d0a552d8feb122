//===- IndexRangeTest.cpp - checkIndexRange's ranges and messages ---------===//
#include "kiln/runtime/IndexRange.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

using namespace kiln;

namespace {

Tensor i64s(std::vector<int64_t> v) {
  Tensor t(DType::I64, Shape{static_cast<int64_t>(v.size())});
  std::copy(v.begin(), v.end(), t.data<int64_t>());
  return t;
}

IndexRange indexRange(std::vector<int64_t> sizes, int64_t firstDim = 0) {
  IndexRange r;
  r.sizes = std::move(sizes);
  r.firstDim = firstDim;
  return r;
}

std::string message(const IndexRange &r, const Tensor &t) {
  Status s = checkIndexRange(r, t, "op");
  return s ? "" : s.message();
}

} // namespace

TEST(IndexRange, IndicesCountFromTheEndAndStopAtTheFirstOutOfRange) {
  IndexRange r = indexRange({4}, 1);
  EXPECT_EQ(message(r, i64s({0, 3, -1, -4})), "");
  EXPECT_EQ(message(r, i64s({0, 4, -5})),
            "op: index 4 is out of range for dimension 1 of size 4");
  EXPECT_EQ(message(r, i64s({0, -5, 4})),
            "op: index -5 is out of range for dimension 1 of size 4");
  // Values far out do not wrap into range.
  for (int64_t x : {std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max(), int64_t(1) << 62})
    EXPECT_NE(message(r, i64s({x})), "") << x;
  Tensor i32(DType::I32, Shape{2});
  i32.data<int32_t>()[0] = -4;
  i32.data<int32_t>()[1] = 7;
  EXPECT_EQ(message(r, i32),
            "op: index 7 is out of range for dimension 1 of size 4");
  EXPECT_EQ(message(r, i64s({})), "");
}

TEST(IndexRange, TuplesAddressOneDimensionEach) {
  // GatherND with batch_dims 1 into 2x3x5: tuples address dims 1 and 2.
  IndexRange r = indexRange({3, 5}, 1);
  EXPECT_EQ(message(r, i64s({2, 4, -3, -5})), "");
  EXPECT_EQ(message(r, i64s({2, 4, 1, 5})),
            "op: index 5 is out of range for dimension 2 of size 5");
  EXPECT_EQ(message(r, i64s({2, 4, 3, 0})),
            "op: index 3 is out of range for dimension 1 of size 3");
}

TEST(IndexRange, LabelsAreNonNegativeUnlessIgnored) {
  IndexRange r = indexRange({5});
  r.kind = IndexRange::Kind::Target;
  EXPECT_EQ(message(r, i64s({0, 4})), "");
  EXPECT_EQ(message(r, i64s({0, -1})),
            "op: expected target values in [0, 5) or ignore_index, found -1 "
            "at element 1");
  r.hasIgnore = true;
  r.ignore = -1;
  EXPECT_EQ(message(r, i64s({0, -1, 4})), "");
  EXPECT_EQ(message(r, i64s({-1, 5})),
            "op: expected target values in [0, 5) or ignore_index, found 5 at "
            "element 1");
  r.ignore = 7; // an ignored value out of range is still accepted
  EXPECT_EQ(message(r, i64s({7, 0})), "");
}

TEST(IndexRange, OtherElementTypesAreAnError) {
  Tensor f(DType::F32, Shape{1});
  EXPECT_EQ(message(indexRange({2}), f),
            "op: expected int32 or int64 indices, found f32");
}
