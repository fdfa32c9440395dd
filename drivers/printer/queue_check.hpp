#pragma once
/// The station's check of its CUPS queue, before any card is fed and at start: the queue
/// exists, prints through the station's backend (device-uri `ektp-gate:<inner uri>`),
/// offers CR80 media, is enabled and accepts jobs. Each failure has its own code and a
/// message naming the queue and what to do:
///   printer.queue_missing        no such queue
///   printer.queue_wrong_backend  device-uri does not start with "<backend>:"
///   printer.queue_no_cr80        no CR80 (53.98 × 85.60 mm) media offered
///   printer.queue_disabled       paused (cupsdisable)
///   printer.queue_rejecting      not accepting jobs (cupsreject)
///   printer.cups_unreachable, printer.cups_error  cupsd itself
/// The station never pauses, disables or rejects its queue itself (it stops releasing
/// instead): these states come from an administrator or from cupsd.

#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/cups_queue.hpp"

namespace ektp::printer {

/// The scheme of the station's CUPS backend (the print permit gate).
inline constexpr std::string_view kStationBackend = "ektp-gate";

/// What CUPS says about a queue, as far as the station's check goes.
struct QueueFacts {
  QueueState state;                              ///< state, accepting, reasons
  std::string device_uri;                        ///< device-uri (may be empty if CUPS hides it)
  std::vector<std::string> media;                ///< media-supported (PWG names)
  std::vector<std::pair<int, int>> media_sizes;  ///< media-col-database sizes, 1/100 mm
};

/// True when PWG media name `name` (`class_name_WxHunit`, e.g. om_cr80_53.98x85.6mm or
/// custom_53.98x85.6mm_53.98x85.6mm) is CR80: 53.98 × 85.60 mm (either way, ±0.5 mm).
bool is_cr80_media_name(std::string_view name);

/// True when `facts` offer CR80 media (by name or by media-col-database size).
bool offers_cr80(const QueueFacts& facts);

/// Judges `facts` of `queue` (pure): ok, or the first failure in the order of the codes
/// listed in this header (backend, media, paused, rejecting).
Result<void> judge_queue(const std::string& queue, const QueueFacts& facts,
                         std::string_view backend = kStationBackend);

/// Asks cupsd for `queue`'s facts (one Get-Printer-Attributes).
Result<QueueFacts> read_queue_facts(const std::string& queue);

/// read_queue_facts() then judge_queue(): the facts when the queue is fit for cards.
Result<QueueFacts> check_station_queue(const std::string& queue,
                                       std::string_view backend = kStationBackend);

}  // namespace ektp::printer
