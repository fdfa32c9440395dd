#include "drivers/printer/cups_queue.hpp"

#include <cups/cups.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "drivers/common/messages.hpp"
#include "drivers/printer/cups_ipp.hpp"

namespace ektp::printer {
namespace {

using cupsipp::connect_cups;
using cupsipp::exchange;
using cupsipp::Http;
using cupsipp::Ipp;
using cupsipp::keywords;
using cupsipp::printer_uri;
using cupsipp::text;

/// An open file descriptor, closed on destruction.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

/// The document at `path`, open for reading; printer.document_unreadable if it cannot be
/// read (missing, no permission, a directory).
Result<Fd> open_document(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    return fail("printer.document_unreadable", msg::file_unreadable(path, std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0)
    return fail("printer.document_unreadable", msg::file_unreadable(path, std::strerror(errno)));
  if (!S_ISREG(info.st_mode))
    return fail("printer.document_unreadable", msg::file_unreadable(path, "not a regular file"));
  return Fd(std::move(fd));
}

Result<QueueState> query_queue(http_t* http, const std::string& queue) {
  static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                        "printer-state-message", "printer-is-accepting-jobs"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri(queue).c_str());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  auto response = exchange(http, request, "/", queue);
  if (!response) return response.error();
  ipp_t* r = response->get();
  QueueState out;
  ipp_attribute_t* state = ippFindAttribute(r, "printer-state", IPP_TAG_ENUM);
  out.state = cupsipp::printer_state(state ? ippGetInteger(state, 0) : IPP_PSTATE_IDLE);
  ipp_attribute_t* accepting = ippFindAttribute(r, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  out.accepting = accepting != nullptr && ippGetBoolean(accepting, 0) != 0;
  out.reasons = keywords(r, "printer-state-reasons");
  out.message = text(r, "printer-state-message");
  return out;
}

}  // namespace

bool QueueState::has_reason(std::string_view prefix) const {
  for (const auto& reason : reasons)
    if (std::string_view(reason).substr(0, prefix.size()) == prefix) return true;
  return false;
}

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::pending:
      return "pending";
    case JobState::held:
      return "held";
    case JobState::processing:
      return "processing";
    case JobState::stopped:
      return "stopped";
    case JobState::canceled:
      return "canceled";
    case JobState::aborted:
      return "aborted";
    case JobState::completed:
      return "completed";
  }
  return "unknown";
}

Result<QueueState> check_queue(const std::string& queue) {
  auto http = connect_cups();
  if (!http) return http.error();
  return query_queue(http->get(), queue);
}

Result<int> submit_document(const std::string& queue, const std::string& path,
                            const std::string& title, const std::string& mime_type) {
  // Open the document once, before talking to CUPS, and send that descriptor: a file
  // libcups could not open would come back as "not found", which reads as a missing queue.
  auto document = open_document(path);
  if (!document) return document.error();
  auto http = connect_cups();
  if (!http) return http.error();
  // A paused queue still accepts jobs and keeps them: refuse here so that nothing
  // waits in CUPS to print later without the station knowing.
  auto state = query_queue(http->get(), queue);
  if (!state) return state.error();
  if (!state->enabled()) return fail("printer.queue_disabled", msg::queue_paused(queue));
  if (!state->accepting) return fail("printer.queue_rejecting", msg::queue_rejecting(queue));

  ipp_t* request = ippNewRequest(IPP_OP_PRINT_JOB);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri(queue).c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", nullptr,
               mime_type.c_str());
  auto response = exchange(http->get(), request, "/printers/" + queue, queue, document->get());
  if (!response) return response.error();
  ipp_attribute_t* id = ippFindAttribute(response->get(), "job-id", IPP_TAG_INTEGER);
  if (id == nullptr)
    return fail("printer.cups_error", msg::print_failed(queue, "CUPS returned no job id"));
  return ippGetInteger(id, 0);
}

Result<JobStatus> job_status(const std::string& queue, int job_id) {
  static const char* const kWanted[] = {"job-state", "job-state-reasons",
                                        "job-printer-state-message", "job-printer-uri"};
  auto http = connect_cups();
  if (!http) return http.error();
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri(queue).c_str());
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  const std::string missing_detail = "CUPS has no job " + std::to_string(job_id);
  auto response = exchange(http->get(), request, "/", queue);
  if (!response) {
    // Not-found here is about the job (the queue's own absence reads the same to CUPS).
    if (response.error().code == "printer.queue_missing")
      return fail("printer.job_missing", msg::print_failed(queue, missing_detail));
    return response.error();
  }
  ipp_t* r = response->get();
  // CUPS answers for any job id under any printer-uri: check the job is this queue's.
  const std::string owner = text(r, "job-printer-uri");
  const std::string suffix = "/printers/" + queue;
  if (owner.size() < suffix.size() ||
      owner.compare(owner.size() - suffix.size(), suffix.size(), suffix) != 0)
    return fail("printer.job_missing", msg::print_failed(queue, missing_detail));
  JobStatus out;
  out.id = job_id;
  ipp_attribute_t* state = ippFindAttribute(r, "job-state", IPP_TAG_ENUM);
  out.state = cupsipp::job_state(state ? ippGetInteger(state, 0) : IPP_JSTATE_PENDING);
  out.reasons = keywords(r, "job-state-reasons");
  out.printer_message = text(r, "job-printer-state-message");
  return out;
}

}  // namespace ektp::printer
