// ektp-gate: the station's CUPS backend (gate.hpp, docs/print-permit.md).
#include "tools/gate/gate.hpp"

int main(int argc, char** argv) { return ektp::gate::run(argc, argv); }
