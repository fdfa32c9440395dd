// ektpd: the print-station daemon. Grows with the pipeline issues; for now it
// only answers --version and --help.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("ektpd 0.1.0\n");
    return 0;
  }
  std::printf("usage: ektpd [--version]\n");
  return argc > 1 && std::strcmp(argv[1], "--help") == 0 ? 0 : 2;
}
