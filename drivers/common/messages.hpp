#pragma once
/// The catalogue of the reader and printer messages for people, in the current language
/// (see language.hpp). Libraries keep their own catalogues with the same gettext domain
/// and the same po/ files (drivers/common/message_template.hpp, docs/messages.md).
///
/// Every message says what happened and what to do; operators are not IT specialists.
/// Call sites use these functions and never write message text themselves, so the
/// English text, the translations (po/id.po) and the tests meet in one place:
///
///     return ektp::fail("reader.absent", ektp::msg::reader_absent(name, connected));
///
/// Arguments are plain text inserted verbatim (never personal data: no NIK, no name).
/// To add a message: add its text in messages.cpp (inside N_()), a function here,
/// regenerate po/ektp.pot (`cmake --build <dir> --target ektp_pot`), translate it in
/// po/id.po; the unit tests fail until every message has its Indonesian text.

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ektp::msg {

// --- card reader service (pcscd) and readers ---

/// pcscd is not running.
std::string pcsc_not_running();
/// pcscd sees no reader at all.
std::string no_readers();
/// The named reader is not among the connected ones (listed; "none" when empty).
std::string reader_absent(std::string_view reader, const std::vector<std::string>& connected);
/// The named reader went away or cannot be used.
std::string reader_unavailable(std::string_view reader);
/// pcscd reported an error the station has no specific message for; `detail` is
/// pcscd's own text (English).
std::string pcsc_failed(std::string_view detail);

// --- the card ---

/// No card in the named reader.
std::string card_absent(std::string_view reader);
/// A card is still in the named reader when it should have been taken out.
std::string card_still_present(std::string_view reader);
/// The card did not answer within the deadline.
std::string card_timeout(std::chrono::milliseconds deadline);
/// The card answers nothing (mute, or a previous command still pending).
std::string card_not_responding();
/// The card was taken out while it was being used.
std::string card_removed();
/// Another program reset the card.
std::string card_reset();

// --- the card printer (CUPS) ---

/// The CUPS queue does not exist.
std::string queue_missing(std::string_view queue);
/// The CUPS queue is paused (disabled).
std::string queue_paused(std::string_view queue);
/// The CUPS queue refuses new jobs.
std::string queue_rejecting(std::string_view queue);
/// cupsd cannot be reached.
std::string cups_unreachable();
/// A print job ended without printing; `detail` is CUPS's reason (English).
std::string print_failed(std::string_view queue, std::string_view detail);

// --- generic ---

/// "none", for an empty list inside a message.
std::string none();
/// A bug or an unexpected state inside the station.
std::string internal_error();
/// The station is stopping; unfinished work continues after the restart.
std::string shutting_down();
/// A file the station needs cannot be read; `detail` is the system's reason.
std::string file_unreadable(std::string_view path, std::string_view detail);
/// The settings file is wrong at `where` (e.g. "line 12"); `detail` says what is wrong.
std::string settings_invalid(std::string_view where, std::string_view detail);

/// Every message id (its English text, with its {N} placeholders), for tests and tools.
std::span<const char* const> catalogue();

}  // namespace ektp::msg
