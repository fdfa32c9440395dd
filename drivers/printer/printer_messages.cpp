#include "drivers/printer/printer_messages.hpp"

#include "drivers/common/language.hpp"
#include "drivers/common/messages.hpp"
#include "drivers/common/text_format.hpp"

#define N_(text) text

namespace ektp::printer::texts {
namespace {

std::string tr(const char* msgid) { return i18n::translate(msgid); }

constexpr const char* kWrongBackend = N_(
    // TRANSLATORS: {0} is a print queue name, {1} the station's backend name; lpadmin is
    // a command. Keep them.
    "The card printer queue '{0}' does not print through the station's gate ({1}), so "
    "the station cannot control what is printed. Ask the administrator to set the queue "
    "up again (lpadmin -p {0} -v {1}:<printer address>).");
constexpr const char* kNoCr80 = N_(
    // TRANSLATORS: {0} is a print queue name.
    "The card printer queue '{0}' does not offer the ID card size (CR80, 85.60 x 53.98 "
    "mm). Check that the queue is set up for the card printer, not another printer.");
constexpr const char* kCardInFlight = N_(
    // TRANSLATORS: {0} is a print queue name.
    "A card is still being printed on '{0}'. Wait until it is finished before starting "
    "the next one.");
constexpr const char* kNoCardInFlight = N_(
    // TRANSLATORS: {0} is a print queue name.
    "No card is being printed on '{0}' right now.");
constexpr const char* kJobVanished = N_(
    // TRANSLATORS: {0} is a print queue name.
    "The print service dropped the job for this card on '{0}' before it was printed. "
    "Nothing was printed; try the card again.");

constexpr const char* kPrinting = N_("The card is being printed.");
constexpr const char* kHeld = N_("The card is ready and waits for its turn to print.");
constexpr const char* kPrinted = N_("The card has been printed.");
constexpr const char* kHopperEmpty =
    N_("The card printer has no blank cards left. Load blank cards into the hopper; "
       "printing goes on by itself.");
constexpr const char* kRibbonOut =
    N_("The card printer's ribbon is used up. Put in a new ribbon; printing goes on by "
       "itself.");
constexpr const char* kCoverOpen =
    N_("The card printer's cover is open. Close it; printing goes on by itself.");
constexpr const char* kRejectBinFull =
    N_("The card printer's reject bin is full. Empty it; printing goes on by itself.");
constexpr const char* kOffline =
    N_("The card printer does not answer. Check that it is switched on and its cable is "
       "plugged in; printing goes on by itself.");
constexpr const char* kJam =
    N_("A card is stuck in the card printer and is spoiled. Open the printer, take the "
       "card out, put it with the spoiled cards, and close the printer.");
constexpr const char* kRejected =
    N_("The card printer refused the card and it is spoiled. Take it from the reject bin "
       "and put it with the spoiled cards.");
constexpr const char* kEndedUnsent = N_(
    // TRANSLATORS: {0} is a print queue name.
    "The print service ended the job on '{0}' before the card face was sent: nothing was "
    "printed and the card is still good. Try again; if it happens again, restart the "
    "station.");
constexpr const char* kEndedWithoutCard =
    N_("The print service says the job for this card has ended, but the printer did not "
       "report the card coming out. The station cannot tell whether the face was printed: "
       "take the card out, look at it, and tell the station what you see.");

}  // namespace

std::string queue_wrong_backend(std::string_view queue, std::string_view backend) {
  return text::format(tr(kWrongBackend), {queue, backend});
}
std::string queue_no_cr80(std::string_view queue) { return text::format(tr(kNoCr80), {queue}); }
std::string card_in_flight(std::string_view queue) {
  return text::format(tr(kCardInFlight), {queue});
}
std::string no_card_in_flight(std::string_view queue) {
  return text::format(tr(kNoCardInFlight), {queue});
}
std::string job_vanished(std::string_view queue) { return text::format(tr(kJobVanished), {queue}); }

std::string describe(const PrintVerdict& verdict, std::string_view queue) {
  switch (verdict.cause) {
    case PrintCause::none:
      return tr(verdict.outcome == PrintOutcome::printed ? kPrinted : kPrinting);
    case PrintCause::held:
      return tr(kHeld);
    case PrintCause::hopper_empty:
      return tr(kHopperEmpty);
    case PrintCause::ribbon_out:
      return tr(kRibbonOut);
    case PrintCause::cover_open:
      return tr(kCoverOpen);
    case PrintCause::reject_bin_full:
      return tr(kRejectBinFull);
    case PrintCause::offline:
      return tr(kOffline);
    case PrintCause::jam:
      return tr(kJam);
    case PrintCause::card_rejected:
      return tr(kRejected);
    case PrintCause::queue_missing:
      return msg::queue_missing(queue);
    case PrintCause::queue_paused:
      return msg::queue_paused(queue);
    case PrintCause::wrong_backend:
      return queue_wrong_backend(queue, "ektp-gate");
    case PrintCause::job_ended_unsent:
      return text::format(tr(kEndedUnsent), {queue});
    case PrintCause::job_ended_without_card:
      return tr(kEndedWithoutCard);
  }
  return msg::internal_error();
}

}  // namespace ektp::printer::texts
