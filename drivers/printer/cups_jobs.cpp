#include "drivers/printer/cups_jobs.hpp"

#include <iterator>

#include "drivers/common/messages.hpp"
#include "drivers/printer/cups_ipp.hpp"
#include "drivers/printer/print_placeholder.hpp"
#include "drivers/printer/printer_messages.hpp"

namespace ektp::printer {
namespace {

/// Sends a job operation (`op` on `job_id`) and returns the IPP status.
Result<ipp_status_t> job_operation(const std::string& queue, ipp_op_t op, int job_id) {
  auto http = cupsipp::connect_cups();
  if (!http) return http.error();
  ipp_t* request = cupsipp::new_request(op, queue);
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  cupsipp::Ipp response(cupsDoRequest(http->get(), request, "/jobs/"));
  const ipp_status_t status = cupsLastError();
  if (!response && httpError(http->get()) != 0)
    return fail("printer.cups_unreachable", msg::cups_unreachable());
  return status;
}

}  // namespace

bool is_station_job(const QueuedJob& job, std::string_view station_user) {
  return !station_user.empty() && job.user == station_user &&
         std::string_view(job.name).substr(0, kJobNamePrefix.size()) == kJobNamePrefix;
}

Result<std::vector<QueuedJob>> unfinished_jobs(const std::string& queue) {
  static const char* const kWanted[] = {"job-id", "job-name", "job-originating-user-name",
                                        "job-state"};
  auto http = cupsipp::connect_cups();
  if (!http) return http.error();
  ipp_t* request = cupsipp::new_request(IPP_OP_GET_JOBS, queue);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nullptr, "not-completed");
  ippAddBoolean(request, IPP_TAG_OPERATION, "my-jobs", 0);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  auto response = cupsipp::exchange(http->get(), request, "/", queue);
  if (!response) return response.error();
  std::vector<QueuedJob> out;
  QueuedJob job;
  // Jobs come as groups of job attributes separated by IPP_TAG_ZERO separators.
  const auto flush = [&] {
    if (job.id > 0) out.push_back(job);
    job = QueuedJob{};
  };
  for (ipp_attribute_t* attr = ippFirstAttribute(response->get()); attr != nullptr;
       attr = ippNextAttribute(response->get())) {
    const char* name = ippGetName(attr);
    if (name == nullptr) {
      flush();
      continue;
    }
    if (ippGetGroupTag(attr) != IPP_TAG_JOB) continue;
    const std::string_view key = name;
    if (key == "job-id" && ippGetValueTag(attr) == IPP_TAG_INTEGER) {
      job.id = ippGetInteger(attr, 0);
    } else if (key == "job-name") {
      const char* value = ippGetString(attr, 0, nullptr);
      job.name = value ? value : "";
    } else if (key == "job-originating-user-name") {
      const char* value = ippGetString(attr, 0, nullptr);
      job.user = value ? value : "";
    } else if (key == "job-state" && ippGetValueTag(attr) == IPP_TAG_ENUM) {
      job.state = cupsipp::job_state(ippGetInteger(attr, 0));
    }
  }
  flush();
  return out;
}

Result<int> submit_held(const std::string& queue, std::string_view name, std::string_view document,
                        std::string_view format) {
  auto http = cupsipp::connect_cups();
  if (!http) return http.error();
  const std::string job_name(name);
  ipp_t* request = cupsipp::new_request(IPP_OP_CREATE_JOB, queue);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, job_name.c_str());
  // Held from the start: nothing reaches the backend until the station releases it.
  ippAddString(request, IPP_TAG_JOB, IPP_TAG_KEYWORD, "job-hold-until", nullptr, "indefinite");
  auto response = cupsipp::exchange(http->get(), request, "/printers/" + queue, queue);
  if (!response) return response.error();
  ipp_attribute_t* id_attr = ippFindAttribute(response->get(), "job-id", IPP_TAG_INTEGER);
  if (id_attr == nullptr)
    return fail("printer.cups_error", msg::print_failed(queue, texts::say(texts::cups_no_job_id)));
  const int job_id = ippGetInteger(id_attr, 0);

  // The document, from memory: Send-Document with last-document=true.
  const std::string mime(format);
  bool sent = cupsStartDocument(http->get(), queue.c_str(), job_id, nullptr, mime.c_str(), 1) ==
              HTTP_STATUS_CONTINUE;
  if (sent)
    sent =
        cupsWriteRequestData(http->get(), document.data(), document.size()) == HTTP_STATUS_CONTINUE;
  // cupsFinishDocument reads the response even after a failed write.
  const ipp_status_t finished = cupsFinishDocument(http->get(), queue.c_str());
  if (!sent || finished > IPP_STATUS_OK_EVENTS_COMPLETE) {
    const std::string detail = cupsLastErrorString() ? cupsLastErrorString() : "";
    (void)cancel_job(queue, job_id);  // a job without its document must not linger
    return fail("printer.cups_error", msg::print_failed(queue, detail));
  }
  return job_id;
}

Result<void> release_job(const std::string& queue, int job_id) {
  auto status = job_operation(queue, IPP_OP_RELEASE_JOB, job_id);
  if (!status) return status.error();
  if (*status <= IPP_STATUS_OK_EVENTS_COMPLETE) return ok();
  if (*status == IPP_STATUS_ERROR_NOT_FOUND || *status == IPP_STATUS_ERROR_NOT_POSSIBLE)
    return fail("printer.job_missing", texts::say(texts::job_vanished, queue));
  return fail("printer.cups_error", msg::print_failed(queue, cupsLastErrorString()));
}

Result<void> cancel_job(const std::string& queue, int job_id) {
  auto status = job_operation(queue, IPP_OP_CANCEL_JOB, job_id);
  if (!status) return status.error();
  // Not found: CUPS forgot it; not possible: it has already finished. Nothing to cancel.
  if (*status <= IPP_STATUS_OK_EVENTS_COMPLETE || *status == IPP_STATUS_ERROR_NOT_FOUND ||
      *status == IPP_STATUS_ERROR_NOT_POSSIBLE)
    return ok();
  return fail("printer.cups_error", msg::print_failed(queue, cupsLastErrorString()));
}

Result<std::vector<int>> cancel_own_unfinished_jobs(const std::string& queue) {
  auto jobs = unfinished_jobs(queue);
  if (!jobs) return jobs.error();
  std::vector<int> cancelled;
  for (const auto& job : *jobs) {
    if (!is_station_job(job, cupsUser())) continue;
    if (auto done = cancel_job(queue, job.id); !done) return done.error();
    cancelled.push_back(job.id);
  }
  return cancelled;
}

}  // namespace ektp::printer
