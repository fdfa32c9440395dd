#include "tools/gate/gate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/printer_messages_permit.hpp"
#include "tools/gate/inner_backend.hpp"
#include "tools/gate/permit_client.hpp"

namespace ektp::gate {

namespace {

namespace permit = printer::permit;
namespace texts = printer::permit_texts;

constexpr std::string_view kScheme = "ektp-gate:";
constexpr auto kServiceTimeout = std::chrono::seconds(30);

// One line for cupsd: "ERROR: ..." goes to its error log and the job's state message.
// Never the token, never the face: only codes, ids and what to do.
int cancel(const std::string& why) {
  std::fprintf(stderr, "ERROR: ektp-gate: %s\n", why.c_str());
  return kBackendCancel;
}

// Reads the whole placeholder (at most kMaxPlaceholderBytes + 1, to see a longer one).
bool read_document(int fd, std::string& out) {
  char buf[permit::kMaxPlaceholderBytes + 1];
  std::size_t have = 0;
  while (have < sizeof buf) {
    const ssize_t n = ::read(fd, buf + have, sizeof buf - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  out.assign(buf, have);
  ::explicit_bzero(buf, sizeof buf);
  return true;
}

// The directory this executable lives in (the backend directory): the inner backend
// is taken from there, never from a path in the environment.
std::string own_directory() {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return {};
  std::string dir(path, static_cast<std::size_t>(n));
  const auto slash = dir.rfind('/');
  return slash == std::string::npos ? std::string() : dir.substr(0, slash);
}

// "ipp" or "ipps" of an inner URI such as ipp://localhost:8631/ipp/print.
std::string inner_scheme(std::string_view uri) {
  const auto colon = uri.find("://");
  if (colon == std::string_view::npos) return {};
  const auto scheme = uri.substr(0, colon);
  return scheme == "ipp" || scheme == "ipps" ? std::string(scheme) : std::string();
}

bool parse_job_id(const char* text, int& out) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v <= 0 || v > 0x7fffffff) return false;
  out = static_cast<int>(v);
  return true;
}

}  // namespace

int run(int argc, char** argv) {
  if (argc == 1) {
    // Device discovery (lpinfo -v): the gate is installed; it needs an inner URI.
    std::puts(
        "direct ektp-gate \"Unknown\" \"e-KTP station print permit gate "
        "(ektp-gate:ipp://printer/...)\"");
    return kBackendOk;
  }
  if (argc < 6 || argc > 7) {
    std::fprintf(stderr, "Usage: %s job-id user title copies options [file]\n", argv[0]);
    return kBackendCancel;
  }
  const char* uri_env = std::getenv("DEVICE_URI");
  const std::string uri = uri_env != nullptr ? uri_env : argv[0];
  if (!uri.starts_with(kScheme)) return cancel(texts::say(texts::gate_bad_device_uri));
  const std::string inner_uri = uri.substr(kScheme.size());
  const std::string scheme = inner_scheme(inner_uri);
  if (scheme.empty()) return cancel(texts::say(texts::gate_bad_inner_uri));
  int job_id = 0;
  if (!parse_job_id(argv[1], job_id)) return cancel(texts::say(texts::gate_no_job_id));
  // The inner backend must be there before the permit is spent on it.
  const std::string dir = own_directory();
  const std::string backend_path = dir + "/" + scheme;
  if (dir.empty() || ::access(backend_path.c_str(), X_OK) != 0)
    return cancel(texts::say(texts::gate_backend_missing, backend_path));

  std::string document;
  int fd = STDIN_FILENO;
  if (argc == 7) {
    fd = ::open(argv[6], O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return cancel(texts::say(texts::gate_document_unreadable));
  }
  const bool read_ok = read_document(fd, document);
  if (argc == 7) ::close(fd);
  if (!read_ok) return cancel(texts::say(texts::gate_document_unreadable));
  auto placeholder = permit::parse_placeholder(document);
  ::explicit_bzero(document.data(), document.size());
  if (!placeholder) return cancel(texts::say(texts::gate_not_station_job, job_id));
  auto title_attempt = permit::parse_job_title(argv[3]);
  if (!title_attempt || *title_attempt != placeholder->attempt_id)
    return cancel(texts::say(texts::gate_name_mismatch, job_id));

  const char* socket_path = std::getenv("EKTP_GATE_SOCKET");
  if (socket_path == nullptr || *socket_path == '\0')
    return cancel(texts::say(texts::gate_no_socket_env));
  permit::RedeemRequest request{placeholder->attempt_id, job_id, placeholder->token};
  ::explicit_bzero(placeholder->token.data(), placeholder->token.size());
  auto face = redeem(socket_path, request, kServiceTimeout);
  ::explicit_bzero(request.token.data(), request.token.size());
  const std::string what = texts::say(texts::gate_attempt_job, request.attempt_id, job_id);
  if (!face) return cancel(what + ": " + face.error().message + " [" + face.error().code + "]");

  InnerJob inner;
  inner.backend_path = backend_path;
  inner.device_uri = inner_uri;
  for (int i = 1; i <= 5; ++i) inner.job_args.emplace_back(argv[i]);
  inner.job_args[3] = "1";  // copies: one face per permit, whatever the job asked
  std::fprintf(stderr, "INFO: ektp-gate: %s\n", texts::say(texts::gate_sending_face, what).c_str());
  auto status = run_inner_backend(inner, *face);
  if (!status) return cancel(texts::say(texts::gate_backend_error, what, status.error().message));
  if (*status != kBackendOk)
    // Retrying would be refused (the permit is used): cancel rather than retry or stop
    // the queue, and let the station resolve the attempt from the printer.
    return cancel(texts::say(texts::gate_backend_failed, what, *status));
  return kBackendOk;
}

}  // namespace ektp::gate
