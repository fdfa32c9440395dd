// ektpd: the print-station daemon.
#include "daemon/app.hpp"

int main(int argc, char** argv) { return ektp::daemon::run(argc, argv); }
