#include "drivers/printer/cups_ipp.hpp"

#include <cstring>
#include <utility>

#include "drivers/common/messages.hpp"

namespace ektp::printer::cupsipp {
namespace {

constexpr int kConnectTimeoutMs = 30'000;
constexpr double kRequestTimeoutS = 30.0;

}  // namespace

Result<Http> connect_cups() {
  Http http(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1,
                         kConnectTimeoutMs, nullptr));
  if (!http) return fail("printer.cups_unreachable", msg::cups_unreachable());
  httpSetTimeout(http.get(), kRequestTimeoutS, nullptr, nullptr);
  return Http(std::move(http));
}

std::string printer_uri(const std::string& queue) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                   "/printers/%s", queue.c_str());
  return uri;
}

Result<Ipp> exchange(http_t* http, ipp_t* request, const std::string& resource,
                     const std::string& queue, int document) {
  Ipp response(cupsDoIORequest(http, request, resource.c_str(), document, -1));
  const ipp_status_t status = cupsLastError();
  if (response && status <= IPP_STATUS_OK_EVENTS_COMPLETE) return Ipp(std::move(response));
  if (status == IPP_STATUS_ERROR_NOT_FOUND)
    return fail("printer.queue_missing", msg::queue_missing(queue));
  if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || httpError(http) != 0)
    return fail("printer.cups_unreachable", msg::cups_unreachable());
  return fail("printer.cups_error", msg::print_failed(queue, cupsLastErrorString()));
}

std::vector<std::string> keywords(ipp_t* response, const char* name) {
  std::vector<std::string> out;
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_KEYWORD);
  for (int i = 0; attr != nullptr && i < ippGetCount(attr); ++i) {
    const char* value = ippGetString(attr, i, nullptr);
    if (value != nullptr && std::strcmp(value, "none") != 0) out.emplace_back(value);
  }
  return out;
}

std::string text(ipp_t* response, const char* name) {
  ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
  const char* value = attr ? ippGetString(attr, 0, nullptr) : nullptr;
  return value ? value : "";
}

PrinterState printer_state(int value) {
  switch (value) {
    case IPP_PSTATE_PROCESSING:
      return PrinterState::processing;
    case IPP_PSTATE_STOPPED:
      return PrinterState::stopped;
    default:
      return PrinterState::idle;
  }
}

JobState job_state(int value) {
  switch (value) {
    case IPP_JSTATE_HELD:
      return JobState::held;
    case IPP_JSTATE_PROCESSING:
      return JobState::processing;
    case IPP_JSTATE_STOPPED:
      return JobState::stopped;
    case IPP_JSTATE_CANCELED:
      return JobState::canceled;
    case IPP_JSTATE_ABORTED:
      return JobState::aborted;
    case IPP_JSTATE_COMPLETED:
      return JobState::completed;
    default:
      return JobState::pending;
  }
}

ipp_t* new_request(ipp_op_t op, const std::string& queue) {
  ipp_t* request = ippNewRequest(op);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               printer_uri(queue).c_str());
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
               cupsUser());
  return request;
}

}  // namespace ektp::printer::cupsipp
