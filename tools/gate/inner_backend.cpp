#include "tools/gate/inner_backend.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "drivers/printer/printer_messages_permit.hpp"

namespace ektp::gate {

namespace texts = printer::permit_texts;

Result<int> run_inner_backend(const InnerJob& job, std::vector<std::uint8_t>& face) {
  // Built before fork: the child only calls async-signal-safe functions.
  std::vector<std::string> env_strings = {"DEVICE_URI=" + job.device_uri,
                                          "CONTENT_TYPE=" + job.content_type,
                                          "FINAL_CONTENT_TYPE=" + job.content_type};
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(job.device_uri.c_str()));  // CUPS passes the URI as argv[0]
  for (const auto& a : job.job_args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view var(*e);
    if (var.starts_with("DEVICE_URI=") || var.starts_with("CONTENT_TYPE=") ||
        var.starts_with("FINAL_CONTENT_TYPE=") || var.starts_with("EKTP_GATE_SOCKET="))
      continue;
    envp.push_back(*e);
  }
  envp.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return fail("gate.inner", texts::say(texts::gate_no_pipe, std::strerror(errno)));
  // Ignored before fork so that no SIGTERM between fork and here kills the gate.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction old_term {
  }, old_pipe{};
  ::sigaction(SIGTERM, &ignore, &old_term);
  ::sigaction(SIGPIPE, &ignore, &old_pipe);

  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return fail("gate.inner", texts::say(texts::gate_no_backend_start, std::strerror(errno)));
  }
  if (pid == 0) {
    // The inner backend handles SIGTERM (cancel) and SIGPIPE itself.
    ::sigaction(SIGTERM, &old_term, nullptr);
    ::sigaction(SIGPIPE, &old_pipe, nullptr);
    if (::dup2(pipe_fds[0], STDIN_FILENO) < 0) ::_exit(127);
    ::execve(job.backend_path.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  const std::uint8_t* data = face.data();
  std::size_t left = face.size();
  while (left > 0) {
    const ssize_t n = ::write(pipe_fds[1], data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the backend stopped reading (EPIPE): it reports why
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(pipe_fds[1]);
  ::explicit_bzero(face.data(), face.size());
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      return fail("gate.inner", texts::say(texts::gate_backend_lost, std::strerror(errno)));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ektp::gate
