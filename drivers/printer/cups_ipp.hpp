#pragma once
/// Plumbing shared by the station's libcups code (cups_queue, queue_check, cups_jobs):
/// a bounded connection to cupsd, owned IPP messages, one request/response exchange
/// with errors as values, and reading attributes out of a response. Not for callers
/// outside drivers/printer.

#include <cups/cups.h>

#include <memory>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/cups_queue.hpp"

namespace ektp::printer::cupsipp {

/// Closes an http_t.
struct HttpCloser {
  void operator()(http_t* http) const { httpClose(http); }
};
/// A connection to cupsd.
using Http = std::unique_ptr<http_t, HttpCloser>;

/// Deletes an ipp_t.
struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
/// An IPP message.
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

/// A connection to cupsServer() (a Unix socket path or host[:port]), every exchange on it
/// bounded (connect 30 s, request 30 s), so a hung cupsd cannot block the device thread
/// forever. Fails with printer.cups_unreachable.
Result<Http> connect_cups();

/// ipp://localhost/printers/<queue>.
std::string printer_uri(const std::string& queue);

/// Sends `request` (consumed) to `resource` and returns the response, or the Error:
/// IPP not-found → printer.queue_missing, cupsd gone → printer.cups_unreachable, anything
/// else → printer.cups_error. `document` >= 0 sends what that descriptor reads.
Result<Ipp> exchange(http_t* http, ipp_t* request, const std::string& resource,
                     const std::string& queue, int document = -1);

/// Every value of keyword attribute `name`, "none" left out.
std::vector<std::string> keywords(ipp_t* response, const char* name);

/// The first value of text/name/uri attribute `name` ("" when absent).
std::string text(ipp_t* response, const char* name);

/// IPP printer-state enum → PrinterState.
PrinterState printer_state(int value);

/// IPP job-state enum → JobState.
JobState job_state(int value);

/// A request for `op` on `queue` with printer-uri and requesting-user-name (cupsUser()).
ipp_t* new_request(ipp_op_t op, const std::string& queue);

}  // namespace ektp::printer::cupsipp
