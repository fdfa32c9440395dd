#include <cstdio>
#include <ctime>
#include <fstream>

#include "chip/passive_auth.hpp"
#include "chip/personalizer.hpp"
#include "chip/personalizer_trace.hpp"
#include "chip/profile_ktp_open.hpp"
#include "chip/tlv.hpp"
#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/card_ops.hpp"
#include "tools/cardsim/control_client.hpp"
#include "tools/dataset/signed_dataset.hpp"
#include "tools/foundation_demo/steps.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::demo {
namespace {

using namespace std::chrono_literals;

bool check(bool ok, const std::string& what) {
  std::printf("   %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  return ok;
}

template <class T>
bool check(const Result<T>& r, const std::string& what) {
  return check(r.ok(), what + (r.ok() ? "" : ": " + r.error().message));
}

/// Size (tag 80) and life cycle (tag 8A) from an FCP (62 { ... }).
struct FcpInfo {
  std::size_t size = 0;
  int life_cycle = -1;
};
FcpInfo fcp_info(const chip::Bytes& fcp) {
  FcpInfo info;
  auto t = chip::parse_tlv(fcp);
  if (!t) return info;
  if (const auto* size = t->find(0x80)) {
    for (auto b : size->value) info.size = info.size << 8 | b;
  }
  if (const auto* lcs = t->find(0x8A); lcs != nullptr && lcs->value.size() == 1) {
    info.life_cycle = lcs->value[0];
  }
  return info;
}

/// Read every profile file back through pcscd, as an authenticated terminal
/// would, and check it with passive authentication against the CSCA.
bool read_back(reader::Reader& encoder, const chip::Profile& profile,
               const chip::TrustStore& trust) {
  test::CardOps card(encoder);
  auto app = card.expect_ok({0x00, 0xA4, 0x04, 0x04, profile.application_aid(), 256},
                            "SELECT application (FCP)");
  if (!check(app, "application selected")) return false;
  const bool app_locked = fcp_info(*app).life_cycle == 0x05;
  std::printf("        application %s  %s\n", chip::to_hex(profile.application_aid()).c_str(),
              app_locked ? "operational (locked: no file can be added)" : "NOT LOCKED");
  chip::DataGroups groups;
  chip::Bytes sod;
  bool all_locked = true;
  for (const auto& f : profile.files()) {
    auto fcp = card.select_fcp(f.fid);
    if (!fcp) return check(fcp, f.name);
    const auto info = fcp_info(*fcp);
    auto content = card.read_all(info.size, 256);
    if (!content) return check(content, f.name);
    const bool locked = info.life_cycle == 0x05;
    all_locked = all_locked && locked;
    std::printf("        %-7s FID %04X  %5zu bytes  %s\n", f.name.c_str(), f.fid, content->size(),
                locked ? "operational (locked)" : "NOT LOCKED");
    if (f.data_group > 0) groups[f.data_group] = *content;
    if (f.name == "EF.SOD") sod = *content;
  }
  if (!check(all_locked && app_locked, "application and every file operational (life cycle 05)")) {
    return false;
  }
  auto report = chip::verify_passive_auth(sod, groups, trust, std::time(nullptr));
  return check(report,
               "passive authentication: every data group matches what the document "
               "signer signed, chain to the pinned CSCA");
}

}  // namespace

bool card_step(const test::RigEnv& rig, const std::filesystem::path& out) {
  const std::string ctl = rig.at("EKTP_ENCODER_CTL");
  const std::string reader_name = rig.at("EKTP_ENCODER_READER");

  std::printf("== Chip data: a generated citizen (fake data) and a test PKI\n");
  auto pki = testpki::make_test_pki({.now = std::time(nullptr)});
  if (!check(pki, "test CSCA, document signer, Job CA, job signer made")) return false;
  auto made = dataset::make_generated_dataset(2026, 0, pki->document_signers.front(), false);
  if (!check(made, "KTP-OPEN data set built and signed (EF.SOD)")) return false;
  std::printf("        %zu files, %zu bytes of chip data\n", made->dataset.files.size(),
              made->dataset.total_bytes());
  const auto& profile = chip::ktp_open_v1();
  auto job = chip::prepare_job(profile, made->dataset);
  if (!check(job, "job checked against the KTP-OPEN v1 profile")) return false;

  std::printf("== Card: a blank 8 KB chip in '%s', personalized through pcscd\n",
              reader_name.c_str());
  reader::PcscReader encoder(reader_name);
  (void)cardsim::control_request(ctl, "remove");
  if (!check(encoder.wait_card_absent(5s), "encoder empty")) return false;
  if (!check(cardsim::control_request(ctl, "new capacity=8192"), "blank card in the encoder")) {
    return false;
  }
  (void)cardsim::control_request(ctl, "trace " + (out / "card-trace.txt").string());
  if (!check(cardsim::control_request(ctl, "insert"), "card enters the field")) return false;
  auto card = encoder.connect(5s);
  if (!check(card, "PC/SC connection")) return false;

  const chip::Transmit transmit = [&encoder](const chip::Bytes& apdu) {
    return encoder.transmit(apdu, 5s);
  };
  chip::ApduTrace trace;
  const auto outcome = chip::personalize(*job, transmit, {.atr = card->atr, .trace = &trace});
  bool good =
      check(outcome.result == chip::PersoResult::good,
            std::string("personalized: ") + chip::to_string(outcome.result) +
                (outcome.result == chip::PersoResult::good ? "" : ", " + outcome.detail.message));
  std::printf(
      "        chip serial %s, %zu APDUs; written, read back against the SOD, "
      "activated, lock proven\n",
      outcome.serial.c_str(), outcome.apdus);
  {
    std::ofstream(out / "perso-trace.txt") << trace.text();
    std::printf("        redacted APDU trace (headers, lengths, status words): perso-trace.txt\n");
  }
  auto counters = cardsim::control_request(ctl, "counters");
  if (counters) std::printf("        card counters: %s\n", counters->c_str());

  // The lock refuses unauthenticated reads: read back as an authenticated
  // terminal (the simulator's session seam; PACE arrives with the SAM issue).
  chip::TrustStore trust;
  good = good && check(testpki::load_into(*pki, trust), "pinned CSCA and Job CA loaded");
  (void)cardsim::control_request(ctl, "auth on");
  std::printf("== Chip read back through pcscd (authenticated session)\n");
  good = good && read_back(encoder, profile, trust);
  (void)encoder.disconnect();
  (void)cardsim::control_request(ctl, "remove");
  (void)cardsim::control_request(ctl, "trace off");
  const auto image = out / "card.img";
  good = check(cardsim::control_request(ctl, "save " + image.string()), "card image saved") && good;
  return good;
}

}  // namespace ektp::demo
