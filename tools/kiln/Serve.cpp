//===- Serve.cpp - kiln serve: models over the Open Inference Protocol ----===//
//
// `kiln serve [NAME=]MODEL... [--port N]` prepares each model at start-up
// (on the JIT, through the model cache, so a restart skips the compile) and
// serves it over HTTP/REST with the KServe v2 protocol (ServeProtocol.h does
// the protocol; this file does models, threads, sockets and signals):
//
// 1. cpp-httplib's connection threads read a request and hand it to the
//    ServeRouter, which checks it and asks for a run;
// 2. a run takes one of --workers slots, each with its own executor of the
//    model (its own kernel threads, --threads); when every slot is busy it
//    waits in a queue of at most --queue requests, and past that the reply
//    is 503 at once, so overload never builds an unbounded backlog;
// 3. SIGTERM or SIGINT stops accepting connections, lets the requests in
//    flight finish (at most --drain-seconds), and exits 0; a second signal,
//    or the time running out, exits 1 at once.
//
// A model whose inputs have dynamic dims (`batch`, `seq`) is compiled, on
// the JIT, for each set of input shapes a request brings, in the request's
// worker slot; the variants are kept in a ShapeVariants (--max-variants,
// least recently used evicted). A variant runs on its own executor at
// --threads, shared by the slots.
//
// Executors are per slot, not shared, because a JIT executor's kernel
// threads are one oneTBB arena: slots of their own keep one request's
// parallel loops from waiting behind another's.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "ServeProtocol.h"
#include "ShapeVariants.h"
#include "kiln/interpreter/Signature.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace kiln::tool {

namespace {
/// One served model: what it was prepared from (the JIT and the
/// interpreter keep pointers into the module) and how it runs.
struct ServedModel {
  std::string name, path;
  std::unique_ptr<mlir::MLIRContext> ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::unique_ptr<PreparedModel> prepared;
  /// JIT: one executor per worker slot. Interpreter: none; runs take
  /// interpLock.
  std::vector<std::unique_ptr<cpu::Executor>> executors;
  /// A JIT model with dynamic inputs: its variants per set of input shapes
  /// (prepared is then null).
  std::unique_ptr<ShapeVariants> variants;
  std::mutex interpLock;
  serve::ModelInfo info;
};

/// The worker slots and the bounded queue in front of them.
class WorkerSlots {
public:
  WorkerSlots(unsigned workers, unsigned queue) : queueLimit(queue) {
    for (unsigned i = workers; i > 0; --i)
      freeSlots.push_back(i - 1);
  }
  /// A free slot, after waiting in the queue if need be; none when the
  /// queue is full.
  std::optional<unsigned> acquire() {
    std::unique_lock<std::mutex> lock(mutex);
    if (freeSlots.empty()) {
      if (waiting >= queueLimit)
        return std::nullopt;
      ++waiting;
      available.wait(lock, [&] { return !freeSlots.empty(); });
      --waiting;
    }
    unsigned slot = freeSlots.back();
    freeSlots.pop_back();
    return slot;
  }
  void release(unsigned slot) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      freeSlots.push_back(slot);
    }
    available.notify_one();
  }

private:
  std::mutex mutex;
  std::condition_variable available;
  std::vector<unsigned> freeSlots;
  unsigned waiting = 0, queueLimit;
};
} // namespace

/// Splits "NAME=PATH" (NAME made of letters, digits, '_', '-', '.'), else
/// takes PATH's file name without its extension as the name.
static bool parseModelArgument(const std::string &arg, std::string &name,
                               std::string &path, std::string &error) {
  auto validName = [](llvm::StringRef n) {
    return !n.empty() && llvm::all_of(n, [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
             c == '-' || c == '.';
    });
  };
  auto [before, after] = llvm::StringRef(arg).split('=');
  if (!after.empty() && validName(before)) {
    name = before.str();
    path = after.str();
    return true;
  }
  path = arg;
  name = llvm::sys::path::stem(arg).str();
  if (!validName(name)) {
    error = "cannot name the model of '" + arg +
            "' after its file: give NAME=" + arg +
            " (letters, digits, '_', '-', '.')";
    return false;
  }
  return true;
}

/// Loads, imports and prepares \p m (from the model cache when it has it,
/// as `kiln run` does), then builds its executors. False after printing
/// the error.
static bool prepareServedModel(ServedModel &m, const ServeOptions &opts,
                               unsigned threads) {
  auto start = std::chrono::steady_clock::now();
  m.ctx = makeContext();
  frontend::LoadOptions load;
  ModelEntryCache entries;
  // Compile on every core; requests run at --threads.
  cpu::CpuOptions cpuOptions = opts.cpu;
  cpuOptions.threads = 0;
  if (opts.backend == "jit")
    m.prepared = entries.open(m.path, load, cpuOptions, {});
  std::vector<TensorSpec> inputs, outputs;
  if (m.prepared) {
    inputs = m.prepared->inputs();
    outputs = m.prepared->outputs();
  } else {
    std::vector<std::string> warnings;
    mlir::ScopedDiagnosticHandler recordWarnings(
        m.ctx.get(), [&](mlir::Diagnostic &d) {
          if (d.getSeverity() == mlir::DiagnosticSeverity::Warning)
            warnings.push_back(diagnosticLine(d));
          return mlir::failure(); // printed by makeContext's handler
        });
    std::unique_ptr<frontend::LoadedModel> model =
        frontend::loadModel(*m.ctx, m.path, load);
    if (!model)
      return false;
    m.module = frontend::importModel(*m.ctx, *model);
    if (!m.module)
      return false;
    frontend::releaseInitializerData(*model);
    signatureOf(*m.module, inputs, outputs);
    if (opts.backend != "jit" ||
        llvm::all_of(inputs, [](auto &in) { return in.isStatic(); })) {
      auto prepared = prepareBackend(opts.backend, *m.module, cpuOptions, {});
      if (!prepared) {
        reportError("model '" + m.name +
                    "': " + llvm::toString(prepared.takeError()));
        return false;
      }
      m.prepared = std::move(*prepared);
      entries.save(*m.prepared, *model, warnings, {});
    }
  }
  if (llvm::Error e = refuseContainers(inputs, outputs, "kiln serve")) {
    reportError("model '" + m.name + "': " + llvm::toString(std::move(e)));
    return false;
  }
  if (opts.backend == "jit" &&
      llvm::any_of(inputs, [](auto &in) { return !in.isStatic(); })) {
    // Compiled per set of input shapes when a request first brings it,
    // with the request's threads (a model entry of the dynamic graph,
    // which `kiln run` or the C API may have written, is not run).
    m.prepared = nullptr;
    cpu::CpuOptions variantOptions = opts.cpu;
    variantOptions.threads = threads;
    variantOptions.onProgress = nullptr;
    std::string path = m.path;
    m.variants = std::make_unique<ShapeVariants>(
        inputs,
        [path, variantOptions](const std::map<std::string, Shape> &shapes) {
          frontend::LoadOptions variantLoad;
          variantLoad.inputShapes = shapes;
          return prepareModelFile(path, variantLoad, "jit", variantOptions);
        },
        opts.maxVariants);
    m.info.inputs = inputs;
    m.info.outputs = outputs;
  }
  std::string description;
  if (m.variants) {
    // The variants load the model themselves.
    m.module = nullptr;
    m.ctx.reset();
    description = "jit (compiled for each set of input shapes a request "
                  "brings, at most " +
                  std::to_string(opts.maxVariants) + " kept)";
  } else {
    if (const cpu::JitModel *jit = m.prepared->jitModel())
      for (unsigned i = 0; i < opts.workers; ++i)
        m.executors.push_back(jit->getExecutor().withSettings(threads, false));
    m.info.inputs = m.prepared->inputs();
    m.info.outputs = m.prepared->outputs();
    // The description's thread count is the compile's: the executors run
    // at --threads, printed on the "listening" line.
    description = m.prepared->description();
    size_t count = description.find(" thread");
    size_t comma = description.rfind(", ", count);
    if (!m.executors.empty() && count != std::string::npos &&
        comma != std::string::npos)
      description.erase(comma, description.find_first_of(",)", count) - comma);
  }
  m.info.name = m.name;
  m.info.platform = opts.backend == "jit" ? "kiln_jit" : "kiln_interp";
  llvm::outs() << llvm::formatv(
      "kiln serve: model {0} ({1}): {2} input{3}, {4} output{5}, {6}, ready "
      "in {7:f0} ms\n",
      m.name, m.path, m.info.inputs.size(),
      m.info.inputs.size() == 1 ? "" : "s", m.info.outputs.size(),
      m.info.outputs.size() == 1 ? "" : "s", description, msSince(start));
  llvm::outs().flush();
  return true;
}

/// The message of an error status httplib set itself (the router's own
/// replies always have a body).
static std::string httpErrorMessage(const httplib::Request &req, int status,
                                    uint64_t maxBody) {
  if (status == 413) {
    std::string size = req.get_header_value("Content-Length");
    return "the request body" + (size.empty() ? "" : " of " + size + " bytes") +
           " is larger than the server's limit of " + std::to_string(maxBody) +
           " bytes (--max-body-bytes)";
  }
  if (status == 400)
    return "malformed HTTP request, or a body that could not be read";
  return "HTTP status " + std::to_string(status);
}

int serveCommand(const ServeOptions &given) {
  ServeOptions opts = given;
  if (opts.backend != "jit" && opts.backend != "interp")
    return reportError("unknown backend '" + opts.backend +
                       "': kiln serve runs on 'jit' or 'interp'");
  if (opts.models.empty())
    return reportError("expected at least one model: kiln serve "
                       "[NAME=]MODEL...");
  if (opts.port > 65535)
    return reportError("--port " + std::to_string(opts.port) +
                       " is not a port number (0-65535; 0 picks a free one)");
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (!opts.workers)
    opts.workers = cores;
  unsigned threads =
      opts.threads ? opts.threads : std::max(1u, cores / opts.workers);

  // SIGTERM and SIGINT are taken by sigwait on one thread: blocked here,
  // before any thread starts, so that every thread inherits the mask.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  // A client that hangs up mid-reply is a failed write, not a dead server.
  std::signal(SIGPIPE, SIG_IGN);

  std::vector<std::unique_ptr<ServedModel>> models;
  for (const std::string &arg : opts.models) {
    auto m = std::make_unique<ServedModel>();
    std::string error;
    if (!parseModelArgument(arg, m->name, m->path, error))
      return reportError(error);
    for (const auto &other : models)
      if (other->name == m->name)
        return reportError("two models are named '" + m->name +
                           "': give one another name with NAME=" + m->path);
    if (!prepareServedModel(*m, opts, threads))
      return 1;
    models.push_back(std::move(m));
  }

  WorkerSlots slots(opts.workers, opts.queue);
  std::atomic<bool> stopping{false};
  std::atomic<unsigned> inFlight{0};
  // Lines printed while serving (a variant compiled).
  std::mutex printLock;
  serve::RunFn run = [&](size_t index, std::vector<Tensor> inputs) {
    serve::RunResult result;
    std::optional<unsigned> slot = slots.acquire();
    if (!slot) {
      result.status = 503;
      result.error = "the server is busy: all " + std::to_string(opts.workers) +
                     " workers are running and " + std::to_string(opts.queue) +
                     " requests wait (--workers, --queue); retry later";
      return result;
    }
    ServedModel &m = *models[index];
    if (opts.testRunDelayMs)
      std::this_thread::sleep_for(
          std::chrono::milliseconds(opts.testRunDelayMs));
    llvm::Expected<std::vector<Tensor>> outputs = std::vector<Tensor>();
    try {
      if (m.variants) {
        bool compiled = false;
        auto variant = m.variants->get(inputs, &compiled);
        if (variant && compiled) {
          std::lock_guard<std::mutex> lock(printLock);
          llvm::outs() << llvm::formatv(
              "kiln serve: model {0}: compiled for input shapes {1} in {2:f0} "
              "ms ({3} of at most {4} variants kept)\n",
              m.name, ShapeVariants::keyOf(inputs), (*variant)->prepareMs(),
              m.variants->size(), m.variants->capacity());
          llvm::outs().flush();
        }
        if (!variant) {
          slots.release(*slot);
          result.status = 400;
          result.error = "model '" + m.name +
                         "' cannot run with these input shapes: " +
                         llvm::toString(variant.takeError());
          return result;
        }
        outputs = (*variant)->run(inputs);
      } else if (m.executors.empty()) {
        std::lock_guard<std::mutex> lock(m.interpLock);
        outputs = m.prepared->run(inputs);
      } else {
        outputs = m.executors[*slot]->run(inputs);
      }
    } catch (const std::bad_alloc &) {
      outputs = llvm::createStringError(llvm::inconvertibleErrorCode(),
                                        "out of memory");
    }
    slots.release(*slot);
    if (!outputs) {
      result.status = 500;
      result.error = "model '" + m.name +
                     "' failed: " + llvm::toString(outputs.takeError());
      return result;
    }
    result.outputs = std::move(*outputs);
    return result;
  };
  std::vector<serve::ModelInfo> infos;
  for (const auto &m : models)
    infos.push_back(m->info);
  serve::ServeRouter router(std::move(infos), run,
                            [&] { return !stopping.load(); });

  httplib::Server server;
  // Connection threads: a kept-alive connection holds one between its
  // requests, so there are enough for the workers, the queue and 64 more
  // clients, whose requests a full queue answers 503 at once. Past that,
  // connections wait to be read; each closes after 100 requests (or 2
  // idle seconds), so that waiting ones get their turn.
  size_t connections = opts.workers + opts.queue + 64;
  server.new_task_queue = [connections] {
    return new httplib::ThreadPool(connections);
  };
  server.set_payload_max_length(opts.maxBodyBytes);
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100);
  server.set_keep_alive_timeout(2);
  // Every request goes to the router. Bodies are read here, up to
  // --max-body-bytes, also when they come in chunks (httplib checks its
  // limit against Content-Length only).
  uint64_t maxBody = opts.maxBodyBytes;
  auto dispatch = [&](const httplib::Request &req, const std::string &body,
                      httplib::Response &res) {
    ++inFlight;
    serve::HttpRequest request{req.method, req.path, body, std::nullopt};
    if (req.has_header("Inference-Header-Content-Length"))
      request.headerLength =
          req.get_header_value("Inference-Header-Content-Length");
    serve::HttpReply reply = router.handle(request);
    res.status = reply.status;
    if (reply.headerLength)
      res.set_header("Inference-Header-Content-Length",
                     std::to_string(*reply.headerLength));
    if (!reply.allow.empty())
      res.set_header("Allow", reply.allow);
    res.set_content(std::move(reply.body), reply.contentType.c_str());
    --inFlight;
  };
  auto withoutBody = [&](const httplib::Request &req, httplib::Response &res) {
    dispatch(req, req.body, res);
  };
  auto withBody = [&](const httplib::Request &req, httplib::Response &res,
                      const httplib::ContentReader &reader) {
    std::string body;
    bool tooLarge = false;
    bool read = reader([&](const char *data, size_t length) {
      if (body.size() + length > maxBody) {
        tooLarge = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (!read) {
      // The rest of the body is unread: the connection cannot carry
      // another request.
      res.set_header("Connection", "close");
      res.status = tooLarge || res.status == 413 ? 413 : 400;
      res.set_content(
          serve::errorReply(res.status,
                            httpErrorMessage(req, res.status, maxBody))
              .body,
          "application/json");
      return;
    }
    dispatch(req, body, res);
  };
  for (const char *pattern : {R"(.*)"}) {
    server.Get(pattern, withoutBody);
    server.Options(pattern, withoutBody);
    server.Post(pattern, withBody);
    server.Put(pattern, withBody);
    server.Patch(pattern, withBody);
    server.Delete(pattern, withBody);
  }
  server.set_error_handler([maxBody](const httplib::Request &req,
                                     httplib::Response &res) {
    if (!res.body.empty())
      return;
    res.set_content(serve::errorReply(
                        res.status, httpErrorMessage(req, res.status, maxBody))
                        .body,
                    "application/json");
  });
  server.set_exception_handler([](const httplib::Request &,
                                  httplib::Response &res,
                                  std::exception_ptr e) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(e);
    } catch (const std::exception &ex) {
      what = ex.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(serve::errorReply(500, "internal error: " + what).body,
                    "application/json");
  });

  int port = static_cast<int>(opts.port);
  bool bound = port == 0 ? (port = server.bind_to_any_port(opts.host)) > 0
                         : server.bind_to_port(opts.host, port);
  if (!bound)
    return reportError("cannot listen on " + opts.host + ":" +
                       std::to_string(opts.port) +
                       " (the port is in use, or the address is not this "
                       "machine's)");
  llvm::outs() << "kiln serve: listening on http://" << opts.host << ":" << port
               << " (" << opts.workers << " worker"
               << (opts.workers == 1 ? "" : "s") << ", " << threads
               << " kernel thread" << (threads == 1 ? "" : "s")
               << " each, queue " << opts.queue << ")\n";
  llvm::outs().flush();

  // The stop: the first signal stops accepting and starts the drain; a
  // second one, or the drain running out of time, ends the process.
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    timespec slice{0, 100 * 1000 * 1000};
    while (!finished) {
      int sig = sigtimedwait(&stopSignals, nullptr, &slice);
      if (sig <= 0)
        continue;
      llvm::outs() << "kiln serve: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
                   << ": stopping; finishing " << inFlight.load() << " request"
                   << (inFlight == 1 ? "" : "s") << " in flight\n";
      llvm::outs().flush();
      stopping = true;
      server.stop();
      auto deadline = std::chrono::steady_clock::now() +
                      std::chrono::seconds(opts.drainSeconds);
      while (!finished) {
        if (sigtimedwait(&stopSignals, nullptr, &slice) > 0) {
          llvm::errs() << "kiln: error: a second signal: exiting with "
                       << inFlight.load() << " requests unfinished\n";
          std::_Exit(1);
        }
        if (std::chrono::steady_clock::now() > deadline) {
          llvm::errs() << "kiln: error: " << inFlight.load()
                       << " requests still running after " << opts.drainSeconds
                       << " s (--drain-seconds): exiting\n";
          std::_Exit(1);
        }
      }
    }
  });
  bool listened = server.listen_after_bind();
  finished = true;
  watcher.join();
  if (!listened && !stopping)
    return reportError("the server stopped accepting connections");
  llvm::outs() << "kiln serve: stopped\n";
  return 0;
}

} // namespace kiln::tool
