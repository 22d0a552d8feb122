//===- Conformance.cpp - kiln conformance: ONNX backend test cases --------===//
//
// Runs ONNX backend test cases: folders holding model.onnx and
// test_data_set_*/{input,output}_*.pb. Each case runs in a forked child with
// a time and memory limit (ChildPool.h), so a crash or hang fails that case
// only. A case is `unsupported` when Kiln reports an unsupported op, type or
// attribute; it fails when anything else goes wrong or an output differs beyond
// rtol 1e-3 / atol 1e-7 (the ONNX backend test defaults).
//
// --backend picks the interpreter, the JIT, or AOT (each case built into a
// shared library in a temporary folder, loaded and run; a model with inputs
// of dynamic shape is built for the shapes of its first data set's inputs,
// as a user gives them with `kiln compile --shape`).
//
// With --expect FILE, every case the file lists as passing in the column of
// that backend must still pass; a regression makes the command fail.
// --write-expect FILE rewrites that column only. --every N runs a sample:
// every N-th case in listing order (folders as given, cases sorted).
//
//===----------------------------------------------------------------------===//
#include "ChildPool.h"
#include "Common.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace kiln::tool {
namespace {

constexpr const char *kDefaultRoot = "/usr/share/libonnx-testdata/data";
constexpr const char *kDefaultCategories[] = {"node", "pytorch-converted",
                                              "pytorch-operator", "simple"};

enum class Outcome { Pass, Fail, Unsupported };

struct Case {
  std::string category, name, dir;
  Outcome outcome = Outcome::Fail;
  std::string reason;
};

const char *outcomeName(Outcome o) {
  switch (o) {
  case Outcome::Pass:
    return "PASS";
  case Outcome::Fail:
    return "FAIL";
  case Outcome::Unsupported:
    return "UNSUPPORTED";
  }
  return "?";
}

/// Cases under \p dir: the folder itself if it holds model.onnx, else each
/// subfolder that does.
void collectCases(const std::string &dir, std::vector<Case> &out) {
  namespace fs = llvm::sys::fs;
  std::string category = llvm::sys::path::filename(dir).str();
  if (fs::exists(dir + "/model.onnx")) {
    std::string parent =
        llvm::sys::path::filename(llvm::sys::path::parent_path(dir)).str();
    out.push_back({parent, category, dir});
    return;
  }
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    if (fs::exists(it->path() + "/model.onnx"))
      names.push_back(it->path());
  std::sort(names.begin(), names.end());
  for (const auto &p : names)
    out.push_back({category, llvm::sys::path::filename(p).str(), p});
}

bool isUnsupportedMessage(const std::string &msg) {
  return msg.find("unsupported") != std::string::npos ||
         msg.find("not supported") != std::string::npos ||
         msg.find("Kiln supports") != std::string::npos;
}

bool readTensorFile(const std::string &path, onnx::TensorProto &proto) {
  std::ifstream in(path, std::ios::binary);
  return in && proto.ParseFromIstream(&in);
}

/// Compares one output; empty string when it matches. A container matches
/// one of its kind holding matching values in order.
std::string compare(const Tensor &got, const Tensor &want) {
  if (got.kind() != want.kind() || got.items().size() != want.items().size())
    return "a " + describeValue(got) + ", expected a " + describeValue(want);
  if (!got.isDense()) {
    for (size_t i = 0; i < got.items().size(); ++i)
      if (std::string diff = compare(got.items()[i], want.items()[i]);
          !diff.empty())
        return "element #" + std::to_string(i) + ": " + diff;
    return got.dtype() == want.dtype()
               ? ""
               : "a " + describeValue(got) + ", expected a " +
                     describeValue(want);
  }
  if (got.dtype() != want.dtype())
    return "dtype " + std::string(dtypeName(got.dtype())) + ", expected " +
           std::string(dtypeName(want.dtype()));
  if (got.shape() != want.shape())
    return "shape " + formatShape(got.shape()) + ", expected " +
           formatShape(want.shape());
  const double rtol = 1e-3, atol = 1e-7;
  int64_t bad = 0, first = -1;
  for (int64_t i = 0; i < got.numElements(); ++i) {
    double g = got.getAsDouble(i), w = want.getAsDouble(i);
    bool ok = (std::isnan(g) && std::isnan(w)) || g == w ||
              std::fabs(g - w) <= atol + rtol * std::fabs(w);
    if (!ok && bad++ == 0)
      first = i;
  }
  if (!bad)
    return "";
  std::ostringstream os;
  os << bad << " of " << got.numElements() << " values differ, first at "
     << first << ": " << got.getAsDouble(first) << " vs expected "
     << want.getAsDouble(first);
  return os.str();
}

/// For a model with an input of dynamic shape: the shapes of the dense
/// inputs of the case's first data set, by input name (an AOT library is
/// built for static shapes, as `kiln compile --shape` gives them); empty
/// when every input's shape is static.
static std::map<std::string, Shape>
firstDataShapes(const Case &c, const onnx::GraphProto &graph) {
  std::set<std::string> initializers;
  for (const onnx::TensorProto &t : graph.initializer())
    initializers.insert(t.name());
  std::vector<std::string> names;
  bool dynamic = false;
  for (const onnx::ValueInfoProto &in : graph.input()) {
    if (initializers.count(in.name()))
      continue;
    names.push_back(in.name());
    if (!in.type().has_tensor_type())
      continue;
    const auto &type = in.type().tensor_type();
    if (!type.has_shape())
      dynamic = true;
    else
      for (const auto &dim : type.shape().dim())
        dynamic |= !dim.has_dim_value();
  }
  std::map<std::string, Shape> shapes;
  if (!dynamic)
    return shapes;
  std::string setDir = c.dir + "/test_data_set_0";
  for (size_t i = 0; i < names.size(); ++i) {
    onnx::TensorProto proto;
    std::string path = setDir + "/input_" + std::to_string(i) + ".pb";
    if (!readTensorFile(path, proto) || !proto.data_type())
      continue; // a sequence or an optional, or no file
    std::string name = proto.name().empty() ? names[i] : proto.name();
    shapes[name] = Shape(proto.dims().begin(), proto.dims().end());
  }
  return shapes;
}

/// Runs one case in this process; returns the outcome and a reason.
Outcome runCase(const Case &c, const std::string &backendName,
                std::string &reason) {
  std::string errors;
  auto ctx = makeContext(/*printDiagnostics=*/false);
  ctx->getDiagEngine().registerHandler([&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      errors += (errors.empty() ? "" : "; ") + d.str();
    return mlir::success();
  });
  auto model = frontend::loadModel(*ctx, c.dir + "/model.onnx");
  if (!model) {
    reason = errors;
    return isUnsupportedMessage(errors) ? Outcome::Unsupported : Outcome::Fail;
  }
  if (backendName == "aot") {
    frontend::LoadOptions load;
    load.dataShapes = firstDataShapes(c, model->proto->graph());
    if (!load.dataShapes.empty())
      model = frontend::loadModel(*ctx, c.dir + "/model.onnx", load);
    if (!model) {
      reason = errors;
      return isUnsupportedMessage(errors) ? Outcome::Unsupported
                                          : Outcome::Fail;
    }
  }
  std::vector<frontend::UnsupportedOp> unsupported =
      frontend::findUnsupportedOps(*model);
  if (!unsupported.empty()) {
    reason = frontend::formatUnsupported(unsupported);
    return Outcome::Unsupported;
  }
  auto module = frontend::importModel(*ctx, *model);
  if (!module) {
    reason = errors;
    return isUnsupportedMessage(errors) ? Outcome::Unsupported : Outcome::Fail;
  }
  // Cases run one per child process, in parallel: one thread each, and no
  // kernel cache (a thousand tiny entries would only fill the disk).
  cpu::CpuOptions cpuOptions;
  cpuOptions.threads = 1;
  cpuOptions.useCache = false;
  auto backend = prepareBackend(backendName, *module, cpuOptions, nullptr);
  if (!backend) {
    reason = llvm::toString(backend.takeError());
    return isUnsupportedMessage(reason) ? Outcome::Unsupported : Outcome::Fail;
  }
  int sets = 0;
  for (int s = 0;; ++s) {
    std::string setDir = c.dir + "/test_data_set_" + std::to_string(s);
    if (!llvm::sys::fs::is_directory(setDir))
      break;
    ++sets;
    const auto &specs = (*backend)->inputs();
    std::vector<Tensor> inputs(specs.size());
    std::vector<bool> bound(specs.size(), false);
    for (size_t i = 0;; ++i) {
      std::string path = setDir + "/input_" + std::to_string(i) + ".pb";
      if (!llvm::sys::fs::exists(path))
        break;
      // The file holds the kind of value of the input it names (its
      // position when it names none).
      std::string name;
      {
        onnx::TensorProto proto;
        if (readTensorFile(path, proto))
          name = proto.name();
      }
      size_t slot = i;
      for (size_t k = 0; k < specs.size(); ++k)
        if (!name.empty() && specs[k].name == name)
          slot = k;
      if (slot >= specs.size()) {
        reason = "test data has more inputs than the model";
        return Outcome::Fail;
      }
      Status st = frontend::readValueFile(path, specs[slot], setDir,
                                          "test input", inputs[slot], name);
      if (!st) {
        reason = st.message();
        return isUnsupportedMessage(reason) ? Outcome::Unsupported
                                            : Outcome::Fail;
      }
      bound[slot] = true;
    }
    for (size_t k = 0; k < specs.size(); ++k)
      if (!bound[k]) {
        reason = "no test data for input '" + specs[k].name + "'";
        return Outcome::Fail;
      }
    auto outputs = (*backend)->run(inputs);
    if (!outputs) {
      reason = llvm::toString(outputs.takeError());
      return isUnsupportedMessage(reason) ? Outcome::Unsupported
                                          : Outcome::Fail;
    }
    for (size_t o = 0; o < outputs->size(); ++o) {
      std::string path = setDir + "/output_" + std::to_string(o) + ".pb";
      if (!llvm::sys::fs::exists(path)) {
        reason = "output_" + std::to_string(o) + ".pb is missing";
        return Outcome::Unsupported;
      }
      Tensor want;
      std::string name;
      Status st =
          frontend::readValueFile(path, (*backend)->outputs()[o], setDir,
                                  "expected output", want, name);
      if (!st) {
        reason = st.message();
        return isUnsupportedMessage(reason) ? Outcome::Unsupported
                                            : Outcome::Fail;
      }
      std::string diff = compare((*outputs)[o], want);
      if (!diff.empty()) {
        reason = "output '" + (*backend)->outputs()[o].name + "' (set " +
                 std::to_string(s) + "): " + diff;
        return Outcome::Fail;
      }
    }
  }
  if (!sets) {
    reason = "no test_data_set_* folder";
    return Outcome::Fail;
  }
  return Outcome::Pass;
}

/// The expected-results file: one line per case with its outcome on each
/// backend ("pass", "fail", "unsupported", or "-" when not recorded).
///
///   # case interp jit aot
///   node/test_abs pass pass pass
class ExpectTable {
public:
  /// Reads \p path; its "# case ..." line names the columns.
  Status read(const std::string &path) {
    std::ifstream in(path);
    if (!in)
      return Status::error("cannot open expected-results file '" + path + "'");
    std::string line;
    bool header = false;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string first;
      if (!(fields >> first))
        continue;
      if (first == "#") {
        std::string word;
        if (fields >> word && word == "case") {
          columns.clear();
          while (fields >> word)
            columns.push_back(word);
          header = true;
        }
        continue;
      }
      if (!header) {
        // An old one-backend file: "<outcome> <case>" lines.
        std::string name;
        if (first != "pass" && first != "fail" && first != "unsupported")
          return Status::error("expected-results file '" + path +
                               "' has no '# case <backend>...' header line");
        if (fields >> name)
          rows[name]["*"] = first;
        continue;
      }
      auto &row = rows[first];
      std::string value;
      for (const auto &col : columns)
        if (fields >> value)
          row[col] = value;
    }
    return Status::ok();
  }
  /// The outcome of \p name on \p backend, or "-".
  std::string get(const std::string &name, const std::string &backend) const {
    auto it = rows.find(name);
    if (it == rows.end())
      return "-";
    auto v = it->second.find(backend);
    if (v == it->second.end())
      v = it->second.find("*");
    return v == it->second.end() ? "-" : v->second;
  }
  void set(const std::string &name, const std::string &backend,
           const std::string &outcome) {
    if (std::find(columns.begin(), columns.end(), backend) == columns.end())
      columns.push_back(backend);
    rows[name][backend] = outcome;
  }
  /// Writes the table through a temporary file and a rename.
  Status write(const std::string &path) const {
    std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp);
      out << "# Expected ONNX conformance results per backend.\n"
             "# Regenerate a column: kiln conformance --backend=B "
             "--write-expect FILE\n# case";
      for (const auto &col : columns)
        out << " " << col;
      out << "\n";
      for (const auto &[name, row] : rows) {
        out << name;
        for (const auto &col : columns) {
          auto v = row.find(col);
          out << " " << (v == row.end() ? "-" : v->second);
        }
        out << "\n";
      }
      if (!out)
        return Status::error("cannot write '" + tmp + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      return Status::error("cannot rename '" + tmp + "' to '" + path + "'");
    return Status::ok();
  }

private:
  std::vector<std::string> columns = {"interp", "jit", "aot"};
  std::map<std::string, std::map<std::string, std::string>> rows;
};

} // namespace

int conformanceCommand(const ConformanceOptions &opts) {
  if (opts.backend != "interp" && opts.backend != "jit" &&
      opts.backend != "aot")
    return reportError("unknown backend '" + opts.backend +
                       "': expected 'jit', 'interp' or 'aot'");
  if (opts.every == 0)
    return reportError("--every must be at least 1");
  std::vector<std::string> dirs = opts.dirs;
  if (dirs.empty())
    for (const char *c : kDefaultCategories)
      dirs.push_back(std::string(kDefaultRoot) + "/" + c);
  std::vector<Case> cases;
  for (const auto &d : dirs) {
    if (!llvm::sys::fs::is_directory(d))
      return reportError(
          "test case folder '" + d + "' does not exist" +
          (opts.dirs.empty() ? " (install Debian's libonnx-testdata)" : ""));
    collectCases(d, cases);
  }
  if (!opts.filter.empty())
    cases.erase(
        std::remove_if(cases.begin(), cases.end(),
                       [&](const Case &c) {
                         return (c.category + "/" + c.name).find(opts.filter) ==
                                std::string::npos;
                       }),
        cases.end());
  size_t listed = cases.size();
  if (opts.every > 1) {
    std::vector<Case> sample;
    for (size_t i = 0; i < cases.size(); i += opts.every)
      sample.push_back(std::move(cases[i]));
    cases = std::move(sample);
  }
  if (cases.empty())
    return reportError("no test cases found");

  ChildPoolOptions pool;
  pool.jobs =
      opts.jobs ? opts.jobs : std::max(1u, std::thread::hardware_concurrency());
  pool.timeoutSeconds = opts.timeoutSeconds;
  bool progress = isatty(STDERR_FILENO);
  size_t done = 0;
  runInChildren(
      cases.size(), pool,
      [&](size_t i, ChildPipe &out) {
        std::string reason;
        Outcome o = runCase(cases[i], opts.backend, reason);
        std::string msg = std::to_string(static_cast<int>(o)) + " " + reason;
        for (char &ch : msg)
          if (ch == '\n')
            ch = ' ';
        out.write(msg);
      },
      [&](size_t i, const ChildResult &r) {
        Case &c = cases[i];
        std::string failure = r.describe(opts.timeoutSeconds);
        if (!failure.empty() && (r.timedOut || r.signal || r.report.empty())) {
          c.outcome = Outcome::Fail;
          c.reason = failure;
        } else if (r.report.empty()) {
          c.outcome = Outcome::Fail;
          c.reason = "exited without a report";
        } else {
          c.outcome = static_cast<Outcome>(r.report[0] - '0');
          c.reason = r.report.size() > 2 ? r.report.substr(2) : "";
        }
        ++done;
        if (progress)
          llvm::errs() << "\r[" << done << "/" << cases.size() << "]";
      });
  if (progress)
    llvm::errs() << "\r";

  auto &os = llvm::outs();
  if (opts.list)
    for (const Case &c : cases)
      os << outcomeName(c.outcome) << " " << c.category << "/" << c.name
         << (c.reason.empty() ? "" : ": " + c.reason) << "\n";

  std::map<std::string, std::array<int, 3>> perCategory;
  std::array<int, 3> total = {0, 0, 0};
  for (const Case &c : cases) {
    ++perCategory[c.category][static_cast<int>(c.outcome)];
    ++total[static_cast<int>(c.outcome)];
  }
  if (opts.every > 1)
    os << "sample: 1 case in " << opts.every << ", " << cases.size() << " of "
       << listed << " (--every)\n";
  for (const auto &[cat, counts] : perCategory)
    os << cat << ": " << counts[0] << " passed, " << counts[1] << " failed, "
       << counts[2] << " unsupported\n";

  int rc = 0;
  if (!opts.expectFile.empty()) {
    ExpectTable table;
    if (Status st = table.read(opts.expectFile); !st)
      return reportError(st.message());
    int regressions = 0, improvements = 0;
    for (const Case &c : cases) {
      std::string caseName = c.category + "/" + c.name;
      bool expectPass = table.get(caseName, opts.backend) == "pass";
      if (expectPass && c.outcome != Outcome::Pass) {
        os << "REGRESSION " << caseName << ": " << c.reason << "\n";
        ++regressions;
      } else if (!expectPass && c.outcome == Outcome::Pass) {
        ++improvements;
      }
    }
    if (improvements)
      os << improvements
         << " case(s) pass that the expected-results file does not list as "
            "passing on "
         << opts.backend << ": update it with --write-expect\n";
    if (regressions) {
      os << regressions << " regression(s) against " << opts.expectFile
         << " (column " << opts.backend << ")\n";
      rc = 1;
    }
  } else if (total[1]) {
    rc = 1;
  }
  if (!opts.writeExpectFile.empty()) {
    ExpectTable table;
    if (llvm::sys::fs::exists(opts.writeExpectFile))
      if (Status st = table.read(opts.writeExpectFile); !st)
        return reportError(st.message());
    for (const Case &c : cases)
      table.set(c.category + "/" + c.name, opts.backend,
                c.outcome == Outcome::Pass   ? "pass"
                : c.outcome == Outcome::Fail ? "fail"
                                             : "unsupported");
    if (Status st = table.write(opts.writeExpectFile); !st)
      return reportError(st.message());
  }
  os << total[0] << " passed, " << total[1] << " failed, " << total[2]
     << " unsupported\n";
  return rc;
}

} // namespace kiln::tool
