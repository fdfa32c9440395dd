#pragma once
/// The control socket's text protocol: one command per line, one answer line.
///
///   new [key=value ...]        a fresh blank card in hand (settings: parse_config)
///   load PATH [key=value ...]  the card in hand from an image
///   save PATH                  image of the card in hand (atomic)
///   insert | remove            the card enters / leaves the reader's field
///   fault WORDS...             arm a fault (parse_fault: "tear_at 3", "sw 2 6A82", ...)
///   clear_faults | reset_counters
///   counters                   -> ok key=value ...
///   auth on|off                mark the card's session authenticated (SAM seam)
///   trace PATH|off             APDU trace to a file
///   files                      -> ok n=<count> <path>:<size|df>:<lcs>:<sfi> ...
///   read PATH                  -> ok <hex content of the EF at FID path 3F00/...>
///   status                     -> ok card=yes|no inserted=... connected=... muted=... torn=...
///   help                       -> ok <command list>
///   quit                       exit the simulator
///
/// Answers: `ok` or `ok <text>`, or `err <message for people>`. Words are
/// separated by spaces or tabs (paths cannot contain them).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::cardsim {

/// One parsed control line. (Named apart from the APDU `Command` of apdu.hpp:
/// both live in this namespace and one program links both.)
struct ControlCommand {
  enum class Kind {
    new_card,
    load,
    save,
    insert,
    remove,
    fault,
    clear_faults,
    counters,
    reset_counters,
    auth,
    trace,
    files,
    read,
    status,
    help,
    quit,
  };
  Kind kind = Kind::status;
  std::string path;                   ///< load, save, trace (empty = off), read (FID path)
  std::vector<std::string> settings;  ///< new, load: key=value words
  std::vector<std::string> words;     ///< fault: the fault's words
  bool on = false;                    ///< auth
};

/// One line (without or with its newline) into a ControlCommand, or an error whose
/// message says what was expected.
Result<ControlCommand> parse_control_line(std::string_view line);

/// The command list for `help` and for "unknown command" errors.
std::string command_list();

/// "ok" / "ok <text>" and "err <message>", each one line ending in '\n'
/// (newlines inside the text become spaces).
std::string format_ok(std::string_view text = {});
std::string format_err(std::string_view message);

/// An answer line into the text after "ok", or an error with the text after "err".
Result<std::string> parse_answer(std::string_view line);

/// "3F00/5015/0101" into FIDs, or an error.
Result<std::vector<std::uint16_t>> parse_fid_path(std::string_view text);
/// FIDs into "3F00/5015/0101".
std::string format_fid_path(const std::vector<std::uint16_t>& path);

}  // namespace ektp::cardsim
