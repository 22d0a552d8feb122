//===- ChildPool.cpp - Run tasks in forked children with a time limit -----===//
#include "ChildPool.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstring>
#include <vector>

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kiln::tool {

std::string ChildResult::describe(unsigned timeoutSeconds) const {
  if (!startError.empty())
    return startError;
  if (timedOut)
    return "timed out after " + std::to_string(timeoutSeconds) + " s (hang)";
  if (signal)
    return std::string("crashed with signal ") + strsignal(signal);
  if (exitCode)
    return "exited with code " + std::to_string(exitCode);
  return "";
}

void ChildPipe::write(const std::string &text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0)
      return;
    done += static_cast<size_t>(n);
  }
}

namespace {

/// A running child: its pid, the read end of its pipe, its deadline.
struct Child {
  pid_t pid;
  int fd;
  size_t index;
  std::chrono::steady_clock::time_point start, deadline;
  ChildResult result;
};

} // namespace

void runInChildren(
    size_t count, const ChildPoolOptions &options,
    const std::function<void(size_t, ChildPipe &)> &task,
    const std::function<void(size_t, const ChildResult &)> &done) {
  unsigned jobs = std::max(1u, options.jobs);
  std::vector<Child> running;
  size_t next = 0;
  while (next < count || !running.empty()) {
    while (running.size() < jobs && next < count) {
      size_t index = next++;
      int fds[2];
      if (pipe(fds) != 0) {
        ChildResult r;
        r.startError = "cannot create a pipe";
        done(index, r);
        continue;
      }
      llvm::outs().flush();
      llvm::errs().flush();
      auto start = std::chrono::steady_clock::now();
      pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        // Not under a sanitizer, whose shadow memory already reserves
        // terabytes (scripts/sanitize.sh bounds allocations through
        // ASAN_OPTIONS instead).
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
        if (options.addressSpaceLimit) {
          struct rlimit limit = {options.addressSpaceLimit,
                                 options.addressSpaceLimit};
          setrlimit(RLIMIT_AS, &limit);
        }
#endif
        ChildPipe out(fds[1]);
        task(index, out);
        close(fds[1]);
        llvm::outs().flush();
        llvm::errs().flush();
        _exit(0);
      }
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        ChildResult r;
        r.startError = "cannot fork";
        done(index, r);
        continue;
      }
      running.push_back({pid,
                         fds[0],
                         index,
                         start,
                         start + std::chrono::seconds(options.timeoutSeconds),
                         {}});
    }
    if (running.empty())
      continue;
    std::vector<pollfd> fds;
    for (Child &ch : running)
      fds.push_back({ch.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 200);
    auto now = std::chrono::steady_clock::now();
    for (size_t i = 0; i < running.size();) {
      Child &ch = running[i];
      bool finished = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[4096];
        ssize_t n = read(ch.fd, buf, sizeof buf);
        if (n > 0)
          ch.result.report.append(buf, static_cast<size_t>(n));
        else
          finished = true;
      }
      if (!finished && now > ch.deadline) {
        finished = ch.result.timedOut = true;
        kill(ch.pid, SIGKILL);
      }
      if (!finished) {
        ++i;
        continue;
      }
      int status = 0;
      waitpid(ch.pid, &status, 0);
      close(ch.fd);
      if (!ch.result.timedOut) {
        if (WIFSIGNALED(status))
          ch.result.signal = WTERMSIG(status);
        else if (WIFEXITED(status))
          ch.result.exitCode = WEXITSTATUS(status);
      }
      ch.result.ms = std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - ch.start)
                         .count();
      ChildResult result = std::move(ch.result);
      size_t index = ch.index;
      running.erase(running.begin() + i);
      fds.erase(fds.begin() + i);
      done(index, result);
    }
  }
}

} // namespace kiln::tool
