#include "drivers/printer/queue_check.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include "drivers/common/messages.hpp"
#include "drivers/printer/cups_ipp.hpp"
#include "drivers/printer/printer_messages.hpp"

namespace ektp::printer {
namespace {

constexpr double kCr80ShortMm = 53.98;
constexpr double kCr80LongMm = 85.60;
constexpr double kToleranceMm = 0.5;

bool is_cr80_mm(double a, double b) {
  const auto near = [](double x, double y) { return std::fabs(x - y) <= kToleranceMm; };
  return (near(a, kCr80ShortMm) && near(b, kCr80LongMm)) ||
         (near(a, kCr80LongMm) && near(b, kCr80ShortMm));
}

/// Parses a decimal like "53.98" (no sign, no exponent); false if it is not one.
bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), out, std::chars_format::fixed);
  return error == std::errc() && end == text.data() + text.size() && out > 0;
}

}  // namespace

bool is_cr80_media_name(std::string_view name) {
  // PWG 5101.1 self-describing name: the size is the last "_"-separated part, WxH + unit.
  const auto underscore = name.rfind('_');
  if (underscore == std::string_view::npos) return false;
  std::string_view size = name.substr(underscore + 1);
  double scale = 0;
  if (size.size() > 2 && size.substr(size.size() - 2) == "mm")
    scale = 1.0;
  else if (size.size() > 2 && size.substr(size.size() - 2) == "in")
    scale = 25.4;
  else
    return false;
  size.remove_suffix(2);
  const auto x = size.find('x');
  if (x == std::string_view::npos) return false;
  double width = 0;
  double height = 0;
  if (!parse_number(size.substr(0, x), width) || !parse_number(size.substr(x + 1), height))
    return false;
  return is_cr80_mm(width * scale, height * scale);
}

bool offers_cr80(const QueueFacts& facts) {
  for (const auto& name : facts.media)
    if (is_cr80_media_name(name)) return true;
  for (const auto& [x, y] : facts.media_sizes)
    if (is_cr80_mm(x / 100.0, y / 100.0)) return true;
  return false;
}

Result<void> judge_queue(const std::string& queue, const QueueFacts& facts,
                         std::string_view backend) {
  const std::string_view uri = facts.device_uri;
  if (uri.size() <= backend.size() || uri.substr(0, backend.size()) != backend ||
      uri[backend.size()] != ':')
    return fail("printer.queue_wrong_backend",
                texts::say(texts::queue_wrong_backend, queue, backend));
  if (!offers_cr80(facts))
    return fail("printer.queue_no_cr80", texts::say(texts::queue_no_cr80, queue));
  if (!facts.state.enabled()) return fail("printer.queue_disabled", msg::queue_paused(queue));
  if (!facts.state.accepting) return fail("printer.queue_rejecting", msg::queue_rejecting(queue));
  return ok();
}

Result<QueueFacts> read_queue_facts(const std::string& queue) {
  static const char* const kWanted[] = {"printer-state",
                                        "printer-state-reasons",
                                        "printer-state-message",
                                        "printer-is-accepting-jobs",
                                        "device-uri",
                                        "media-supported",
                                        "media-col-database"};
  auto http = cupsipp::connect_cups();
  if (!http) return http.error();
  ipp_t* request = cupsipp::new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, queue);
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(std::size(kWanted)), nullptr, kWanted);
  auto response = cupsipp::exchange(http->get(), request, "/", queue);
  if (!response) return response.error();
  ipp_t* r = response->get();
  QueueFacts out;
  ipp_attribute_t* state = ippFindAttribute(r, "printer-state", IPP_TAG_ENUM);
  out.state.state = cupsipp::printer_state(state ? ippGetInteger(state, 0) : IPP_PSTATE_IDLE);
  ipp_attribute_t* accepting = ippFindAttribute(r, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  out.state.accepting = accepting != nullptr && ippGetBoolean(accepting, 0) != 0;
  out.state.reasons = cupsipp::keywords(r, "printer-state-reasons");
  out.state.message = cupsipp::text(r, "printer-state-message");
  out.device_uri = cupsipp::text(r, "device-uri");
  out.media = cupsipp::keywords(r, "media-supported");
  ipp_attribute_t* database = ippFindAttribute(r, "media-col-database", IPP_TAG_BEGIN_COLLECTION);
  for (int i = 0; database != nullptr && i < ippGetCount(database); ++i) {
    ipp_t* col = ippGetCollection(database, i);
    ipp_attribute_t* size = ippFindAttribute(col, "media-size", IPP_TAG_BEGIN_COLLECTION);
    ipp_t* dims = size ? ippGetCollection(size, 0) : nullptr;
    ipp_attribute_t* x = dims ? ippFindAttribute(dims, "x-dimension", IPP_TAG_INTEGER) : nullptr;
    ipp_attribute_t* y = dims ? ippFindAttribute(dims, "y-dimension", IPP_TAG_INTEGER) : nullptr;
    if (x && y) out.media_sizes.emplace_back(ippGetInteger(x, 0), ippGetInteger(y, 0));
  }
  return out;
}

Result<QueueFacts> check_station_queue(const std::string& queue, std::string_view backend) {
  auto facts = read_queue_facts(queue);
  if (!facts) return facts.error();
  if (auto judged = judge_queue(queue, *facts, backend); !judged) return judged.error();
  return facts;
}

}  // namespace ektp::printer
