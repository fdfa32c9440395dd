#include "drivers/printer/printer_messages.hpp"

#include "drivers/common/messages.hpp"

namespace ektp::printer::texts {

std::string describe(const PrintVerdict& verdict, std::string_view queue) {
  switch (verdict.cause) {
    case PrintCause::none:
      return say(verdict.outcome == PrintOutcome::printed ? printed : printing);
    case PrintCause::held:
      return say(held);
    case PrintCause::hopper_empty:
      return say(hopper_empty);
    case PrintCause::ribbon_out:
      return say(ribbon_out);
    case PrintCause::cover_open:
      return say(cover_open);
    case PrintCause::reject_bin_full:
      return say(reject_bin_full);
    case PrintCause::offline:
      return say(offline);
    case PrintCause::jam:
      return say(jam);
    case PrintCause::card_rejected:
      return say(rejected);
    case PrintCause::queue_missing:
      return ektp::msg::queue_missing(queue);
    case PrintCause::queue_paused:
      return ektp::msg::queue_paused(queue);
    case PrintCause::wrong_backend:
      return say(queue_wrong_backend, queue, "ektp-gate");
    case PrintCause::job_ended_unsent:
      return say(ended_unsent, queue);
    case PrintCause::job_ended_without_card:
      return say(ended_without_card);
  }
  return ektp::msg::internal_error();
}

}  // namespace ektp::printer::texts
