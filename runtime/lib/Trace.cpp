//===- Trace.cpp - Chrome trace-event JSON of runs ------------------------===//
#include "kiln/runtime/Trace.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>

namespace kiln {

TraceRecorder::TraceRecorder() : epoch(std::chrono::steady_clock::now()) {}

double TraceRecorder::nowUs() const {
  return std::chrono::duration<double, std::micro>(
             std::chrono::steady_clock::now() - epoch)
      .count();
}

int TraceRecorder::threadNumber() {
  auto [it, inserted] = threads.try_emplace(
      std::this_thread::get_id(), static_cast<int>(threads.size()) + 1);
  return it->second;
}

void TraceRecorder::add(TraceEvent event) {
  std::lock_guard<std::mutex> lock(mutex);
  events.emplace_back(threadNumber(), std::move(event));
}

void TraceRecorder::nameThread(std::string name) {
  std::lock_guard<std::mutex> lock(mutex);
  threadNames[threadNumber()] = std::move(name);
}

size_t TraceRecorder::size() const {
  std::lock_guard<std::mutex> lock(mutex);
  return events.size();
}

/// Length of the valid UTF-8 sequence at \p s[i], or 0.
static size_t utf8Length(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n;
  if (c < 0x80)
    n = 1;
  else if ((c >> 5) == 6)
    n = 2;
  else if ((c >> 4) == 14)
    n = 3;
  else if ((c >> 3) == 30)
    n = 4;
  else
    return 0;
  if (i + n > s.size())
    return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2)
      return 0;
  return n;
}

std::string jsonQuote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = utf8Length(s, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

/// A JSON number (null for NaN and infinities, which JSON lacks).
static std::string jsonNumber(double v) {
  if (!std::isfinite(v))
    return "null";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  return buf;
}

Status
TraceRecorder::write(const std::string &path,
                     const std::map<std::string, std::string> &about) const {
  std::lock_guard<std::mutex> lock(mutex);
  std::mt19937_64 rng(std::random_device{}());
  std::string tmp = path + ".tmp-" + std::to_string(rng() % 1000000);
  {
    std::ofstream os(tmp, std::ios::binary | std::ios::trunc);
    if (!os)
      return Status::errorf("cannot write trace file '{}'", path);
    os << "{\"traceEvents\": [\n";
    bool first = true;
    auto separator = [&] {
      os << (first ? "  " : ",\n  ");
      first = false;
    };
    for (const auto &[tid, name] : threadNames) {
      separator();
      os << "{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, "
            "\"tid\": "
         << tid << ", \"args\": {\"name\": " << jsonQuote(name) << "}}";
    }
    for (const auto &[tid, e] : events) {
      separator();
      os << "{\"name\": " << jsonQuote(e.name)
         << ", \"cat\": " << jsonQuote(e.category)
         << ", \"ph\": \"X\", \"ts\": " << jsonNumber(e.startUs)
         << ", \"dur\": " << jsonNumber(e.durationUs)
         << ", \"pid\": 1, \"tid\": " << tid << ", \"args\": {";
      const char *sep = "";
      for (const auto &[key, value] : e.text) {
        os << sep << jsonQuote(key) << ": " << jsonQuote(value);
        sep = ", ";
      }
      for (const auto &[key, value] : e.numbers) {
        os << sep << jsonQuote(key) << ": " << jsonNumber(value);
        sep = ", ";
      }
      os << "}}";
    }
    os << "\n],\n\"displayTimeUnit\": \"ms\",\n\"otherData\": {";
    const char *sep = "";
    for (const auto &[key, value] : about) {
      os << sep << jsonQuote(key) << ": " << jsonQuote(value);
      sep = ", ";
    }
    os << "}}\n";
    os.close();
    if (!os) {
      std::remove(tmp.c_str());
      return Status::errorf("cannot write trace file '{}'", path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::errorf("cannot write trace file '{}'", path);
  }
  return Status::ok();
}

} // namespace kiln
