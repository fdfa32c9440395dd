#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <chrono>

#include "tools/printersim/rig_seams.hpp"

extern char** environ;

namespace ektp::printersim {

Result<std::string> PdfToText::text_of(const std::filesystem::path& document) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return fail("printersim.pdftotext", "cannot make a pipe for pdftotext");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const std::string file = document.string();
  char arg0[] = "pdftotext";
  char quiet[] = "-q";
  char dash[] = "-";
  char* argv[] = {arg0, quiet, const_cast<char*>(file.c_str()), dash, nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, "pdftotext", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return fail("printersim.pdftotext", "cannot run pdftotext (install poppler-utils)");
  }
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool timed_out = false;
  char buffer[8192];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    pollfd p{pipe_fds[0], POLLIN, 0};
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) == 0) {
      timed_out = true;
      break;
    }
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    text.assign(text.size(), '\0');
    return fail("printersim.pdftotext", "pdftotext could not read the document");
  }
  return text;
}

}  // namespace ektp::printersim
