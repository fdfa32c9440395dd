#include "daemon/app.hpp"

#include <cstdio>
#include <string_view>

#include "drivers/common/language.hpp"

namespace ektp::daemon {

// The pipeline (intake, spool, chip, printer, ledger, report) is composed here
// as the later issues land; today the daemon only identifies itself.
int run(int argc, char** argv) {
  i18n::init_from_environment();
  const std::string_view arg = argc > 1 ? argv[1] : "";
  if (arg == "--version") {
    std::printf("ektpd %s\n", EKTP_VERSION);
    return 0;
  }
  std::printf("usage: ektpd [--version | --help]\n");
  return arg == "--help" ? 0 : 2;
}

}  // namespace ektp::daemon
