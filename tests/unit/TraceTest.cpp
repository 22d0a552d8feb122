//===- TraceTest.cpp - Chrome trace-event JSON ----------------------------===//
//
// Strings are escaped into valid JSON whatever their bytes, and a trace
// recorded from two threads is JSON that holds every span with its thread.
//
//===----------------------------------------------------------------------===//
#include "kiln/runtime/Trace.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

using namespace kiln;

namespace {

TEST(Trace, QuotesAnyBytesAsJson) {
  EXPECT_EQ(jsonQuote("conv1"), "\"conv1\"");
  EXPECT_EQ(jsonQuote("a\"b\\c\nd\te"), "\"a\\\"b\\\\c\\nd\\te\"");
  EXPECT_EQ(jsonQuote(std::string("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(jsonQuote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
  EXPECT_EQ(jsonQuote("bad\xff"), "\"bad\\ufffd\"");
  EXPECT_EQ(jsonQuote("cut\xc3"), "\"cut\\ufffd\"");
  for (std::string s : {std::string("\x80\x80\xe0", 3), std::string("\0x", 2)})
    EXPECT_TRUE(bool(llvm::json::parse(jsonQuote(s)))) << jsonQuote(s);
}

TEST(Trace, SpansOfTwoThreadsAreOneJsonTrace) {
  TraceRecorder trace;
  trace.nameThread("main");
  auto span = [&](const std::string &name) {
    TraceEvent e;
    e.name = name;
    e.category = "compiled";
    e.startUs = trace.nowUs();
    e.durationUs = 2.5;
    e.text.emplace_back("results", "1x3 f32");
    e.numbers.emplace_back("bytes", 12);
    e.numbers.emplace_back("nan", std::nan(""));
    trace.add(e);
  };
  span("a");
  std::thread other([&] { span("b \"quoted\""); });
  other.join();
  EXPECT_EQ(trace.size(), 2u);

  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("kiln-trace", "json", path));
  ASSERT_TRUE(bool(trace.write(path.str().str(), {{"model", "m.onnx"}})));
  auto file = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(file));
  auto json = llvm::json::parse((*file)->getBuffer());
  llvm::sys::fs::remove(path);
  ASSERT_TRUE(bool(json)) << llvm::toString(json.takeError());
  const llvm::json::Object *root = json->getAsObject();
  ASSERT_TRUE(root);
  EXPECT_EQ(root->getObject("otherData")->getString("model"), "m.onnx");
  const llvm::json::Array *events = root->getArray("traceEvents");
  ASSERT_TRUE(events);
  std::set<int64_t> threads;
  std::set<std::string> names;
  for (const llvm::json::Value &v : *events) {
    const llvm::json::Object *e = v.getAsObject();
    ASSERT_TRUE(e);
    if (e->getString("ph") == "M")
      continue;
    EXPECT_EQ(e->getString("ph"), "X");
    EXPECT_EQ(e->getNumber("dur"), 2.5);
    EXPECT_EQ(e->getObject("args")->getNumber("bytes"), 12);
    threads.insert(*e->getInteger("tid"));
    names.insert(e->getString("name")->str());
  }
  EXPECT_EQ(names, (std::set<std::string>{"a", "b \"quoted\""}));
  EXPECT_EQ(threads.size(), 2u);

  EXPECT_FALSE(bool(trace.write("/nonexistent-dir/t.json", {})));
}

} // namespace
