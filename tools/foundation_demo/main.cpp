// ektp-foundation-demo OUTDIR: runs against a started rig (tools/rig/start).
#include <cstdio>
#include <exception>
#include <filesystem>

#include "drivers/common/language.hpp"
#include "tools/foundation_demo/steps.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ektp-foundation-demo OUTDIR (with the rig started)\n");
    return 2;
  }
  ektp::i18n::init_from_environment();
  try {
    const ektp::test::RigEnv rig;
    const std::filesystem::path out = argv[1];
    std::filesystem::create_directories(out);
    auto job = ektp::demo::data_step(out);
    if (!job) return 1;
    if (!ektp::demo::card_step(rig, out, *job)) return 1;
    if (!ektp::demo::face_step(rig, out, *job)) return 1;
    return ektp::demo::station_step(rig, out, *job, 3) ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "demo: %s\n", e.what());
    return 1;
  }
}
