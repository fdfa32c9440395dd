#include "drivers/common/messages.hpp"

#include <array>

#include "drivers/common/language.hpp"
#include "drivers/common/text_format.hpp"

// Message ids are the English text (the gettext convention), not stable keys:
//  - the English is always there: a missing or stale catalogue gives readable English,
//    never a key like "card.removed" in front of an operator;
//  - xgettext, msgmerge and every PO editor work unchanged, and translators see the
//    English they translate;
//  - the cost (editing the English orphans the translation) is caught by the unit test,
//    which requires an Indonesian text for every id below.
// Stable keys are what programs need, and they already exist: Error::code.
//
// N_() marks a string for xgettext (po/ektp.pot) without translating it here.
#define N_(text) text

namespace ektp::msg {
namespace {

constexpr const char* kPcscNotRunning = N_(
    // TRANSLATORS: pcscd is a program name; tools/rig/start is a command. Keep both.
    "The card reader service (pcscd) is not running. Start it (tools/rig/start on a test "
    "station) and try again.");
constexpr const char* kNoReaders =
    N_("No card reader is connected. Check that the card printer is on and its USB cable is "
       "plugged in, then try again.");
constexpr const char* kReaderAbsent = N_(
    // TRANSLATORS: {0} is a reader name, {1} a list of reader names (or "none").
    "The card reader '{0}' is not connected. Connected readers: {1}.");
constexpr const char* kReaderUnavailable = N_(
    // TRANSLATORS: {0} is a reader name.
    "The card reader '{0}' cannot be used. Check that the card printer is on and "
    "connected, then try again.");
constexpr const char* kPcscFailed = N_(
    // TRANSLATORS: {0} is the reader service's own error text, in English.
    "The card reader service reported an error ({0}). Try again; if it happens again, "
    "restart the station.");

constexpr const char* kCardAbsent = N_(
    // TRANSLATORS: {0} is a reader name.
    "There is no card in the reader '{0}'. Put a card in and try again.");
constexpr const char* kCardStillPresent = N_(
    // TRANSLATORS: {0} is a reader name.
    "The card is still in the reader '{0}'. Take it out and try again.");
constexpr const char* kCardTimeout = N_(
    // TRANSLATORS: {0} is a number of milliseconds.
    "The card did not answer within {0} ms. Take the card out and put it back.");
constexpr const char* kCardNotResponding =
    N_("The card does not respond. Take the card out and put it back.");
constexpr const char* kCardRemoved =
    N_("The card was removed during the operation. Put it back and try again.");
constexpr const char* kCardReset = N_("The card was reset by another program. Try again.");

constexpr const char* kQueueMissing = N_(
    // TRANSLATORS: {0} is a print queue name.
    "The card printer queue '{0}' does not exist. Ask the administrator to set up the "
    "card printer.");
constexpr const char* kQueuePaused = N_(
    // TRANSLATORS: {0} is a print queue name; cupsenable is a command, keep it.
    "The card printer queue '{0}' is paused, so nothing can print. Ask the administrator "
    "to resume it (cupsenable {0}).");
constexpr const char* kQueueRejecting = N_(
    // TRANSLATORS: {0} is a print queue name; cupsaccept is a command, keep it.
    "The card printer queue '{0}' does not accept new jobs. Ask the administrator to "
    "open it again (cupsaccept {0}).");
constexpr const char* kCupsUnreachable =
    N_("The print service (CUPS) cannot be reached. Check that it is running, or restart "
       "the station, then try again.");
constexpr const char* kPrintFailed = N_(
    // TRANSLATORS: {0} is a print queue name, {1} the print service's reason, in English.
    "The card printer queue '{0}' did not print the job ({1}). Check the printer and "
    "try again.");

constexpr const char* kNone = N_(
    // TRANSLATORS: used inside a list, e.g. "Connected readers: none."
    "none");
constexpr const char* kInternalError =
    N_("Something went wrong inside the station. Try again; if it happens again, tell the "
       "administrator the time it happened.");
constexpr const char* kShuttingDown =
    N_("The station is stopping. Unfinished work continues when it starts again.");
constexpr const char* kFileUnreadable = N_(
    // TRANSLATORS: {0} is a file path, {1} the system's reason, in English.
    "The file '{0}' cannot be read ({1}). Check that it exists and that the station may "
    "read it.");
constexpr const char* kSettingsInvalid = N_(
    // TRANSLATORS: {0} is a place in the settings file, e.g. "line 12"; {1} what is wrong.
    "The station settings are wrong at {0}: {1}. Ask the administrator to correct them.");

constexpr std::array kCatalogue{
    kPcscNotRunning, kNoReaders,     kReaderAbsent,      kReaderUnavailable, kPcscFailed,
    kCardAbsent,     kCardStillPresent, kCardTimeout,   kCardNotResponding, kCardRemoved,       kCardReset,
    kQueueMissing,   kQueuePaused,   kQueueRejecting,    kCupsUnreachable,   kPrintFailed,
    kNone,           kInternalError, kShuttingDown,      kFileUnreadable,    kSettingsInvalid,
};

std::string tr(const char* msgid) { return i18n::translate(msgid); }

}  // namespace

std::string pcsc_not_running() { return tr(kPcscNotRunning); }
std::string no_readers() { return tr(kNoReaders); }

std::string reader_absent(std::string_view reader, const std::vector<std::string>& connected) {
  const std::string list = connected.empty() ? none() : text::join(connected);
  return text::format(tr(kReaderAbsent), {reader, list});
}

std::string reader_unavailable(std::string_view reader) {
  return text::format(tr(kReaderUnavailable), {reader});
}

std::string pcsc_failed(std::string_view detail) { return text::format(tr(kPcscFailed), {detail}); }

std::string card_absent(std::string_view reader) { return text::format(tr(kCardAbsent), {reader}); }

std::string card_still_present(std::string_view reader) {
  return text::format(tr(kCardStillPresent), {reader});
}

std::string card_timeout(std::chrono::milliseconds deadline) {
  return text::format(tr(kCardTimeout), {std::to_string(deadline.count())});
}

std::string card_not_responding() { return tr(kCardNotResponding); }
std::string card_removed() { return tr(kCardRemoved); }
std::string card_reset() { return tr(kCardReset); }

std::string queue_missing(std::string_view queue) {
  return text::format(tr(kQueueMissing), {queue});
}

std::string queue_paused(std::string_view queue) { return text::format(tr(kQueuePaused), {queue}); }

std::string queue_rejecting(std::string_view queue) {
  return text::format(tr(kQueueRejecting), {queue});
}

std::string cups_unreachable() { return tr(kCupsUnreachable); }

std::string print_failed(std::string_view queue, std::string_view detail) {
  return text::format(tr(kPrintFailed), {queue, detail});
}

std::string none() { return tr(kNone); }
std::string internal_error() { return tr(kInternalError); }
std::string shutting_down() { return tr(kShuttingDown); }

std::string file_unreadable(std::string_view path, std::string_view detail) {
  return text::format(tr(kFileUnreadable), {path, detail});
}

std::string settings_invalid(std::string_view where, std::string_view detail) {
  return text::format(tr(kSettingsInvalid), {where, detail});
}

std::span<const char* const> catalogue() { return kCatalogue; }

}  // namespace ektp::msg
