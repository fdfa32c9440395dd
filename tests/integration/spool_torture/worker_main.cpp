// spool_torture_worker <dir> <seed>: runs random spool operations until killed.
#include <cstdio>
#include <string>

#include "tests/integration/spool_torture/torture.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: spool_torture_worker DIR SEED\n");
    return 2;
  }
  return ektp::spool::torture::run_worker(argv[1], std::stoull(argv[2]));
}
