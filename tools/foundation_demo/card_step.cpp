#include <cstdio>
#include <ctime>
#include <fstream>

#include "chip/passive_auth.hpp"
#include "chip/personalizer.hpp"
#include "chip/personalizer_trace.hpp"
#include "chip/profile_ktp_open.hpp"
#include "chip/tlv.hpp"
#include "drivers/printer/sim_card_transport.hpp"
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

std::optional<DemoJob> data_step(const std::filesystem::path& out) {
  std::printf("== Chip data: a generated citizen (fake data) and a test PKI\n");
  auto pki = testpki::make_test_pki({.now = std::time(nullptr)});
  if (!check(pki, "test CSCA, document signer, Job CA, job signer made")) return std::nullopt;
  if (!check(testpki::write_test_pki(*pki, (out / "pki").string()), "test PKI written to pki/")) {
    return std::nullopt;
  }
  auto made = dataset::make_generated_dataset(2026, 0, pki->document_signers.front(), true);
  if (!check(made, "KTP-OPEN data set built and signed (EF.SOD), face photo drawn")) {
    return std::nullopt;
  }
  std::printf("        %zu files, %zu bytes of chip data\n", made->dataset.files.size(),
              made->dataset.total_bytes());
  return DemoJob{std::move(*pki), std::move(*made), {}};
}

bool card_step(const test::RigEnv& rig, const std::filesystem::path& out, DemoJob& demo) {
  const std::string ctl = rig.at("EKTP_ENCODER_CTL");
  const std::string reader_name = rig.at("EKTP_ENCODER_READER");
  const auto& profile = chip::ktp_open_v1();
  auto job = chip::prepare_job(profile, demo.made.dataset);
  if (!check(job, "job checked against the KTP-OPEN v1 profile")) return false;

  std::printf("== Card: the printer feeds a blank into its encoder ('%s')\n", reader_name.c_str());
  printer::SimCardTransport transport(rig.at("EKTP_PRINTERSIM_CTL"));
  for (const char* line : {"clear_faults", "cover closed", "ribbon 100", "reset_counters"}) {
    if (!check(transport.request(line), std::string("printer: ") + line)) return false;
  }
  auto level = transport.status();
  if (!check(level, "printer status")) return false;
  if (level->hopper_level < 5 && !check(transport.request("load 20"), "20 blanks loaded")) {
    return false;
  }
  reader::PcscReader encoder(reader_name);
  (void)cardsim::control_request(ctl, "trace " + (out / "card-trace.txt").string());
  if (!check(transport.feed(), "blank fed from the hopper to the encoder")) return false;
  auto card = encoder.connect(10s);
  if (!check(card, "PC/SC connection to the card in the encoder")) return false;

  std::printf("== Chip: written, read back against the SOD, activated, lock proven (pcscd)\n");
  const chip::Transmit transmit = [&encoder](const chip::Bytes& apdu) {
    return encoder.transmit(apdu, 5s);
  };
  chip::ApduTrace trace;
  const auto outcome = chip::personalize(*job, transmit, {.atr = card->atr, .trace = &trace});
  bool good =
      check(outcome.result == chip::PersoResult::good,
            std::string("personalized: ") + chip::to_string(outcome.result) +
                (outcome.result == chip::PersoResult::good ? "" : ", " + outcome.detail.message));
  demo.chip_serial = outcome.serial;
  std::printf("        chip serial %s, %zu APDUs\n", outcome.serial.c_str(), outcome.apdus);
  {
    std::ofstream(out / "perso-trace.txt") << trace.text();
    std::printf("        redacted APDU trace (headers, lengths, status words): perso-trace.txt\n");
  }
  auto counters = cardsim::control_request(ctl, "counters");
  if (counters) std::printf("        card counters: %s\n", counters->c_str());

  // The lock refuses unauthenticated reads: read back as an authenticated
  // terminal (the simulator's session seam; PACE arrives with the SAM issue).
  chip::TrustStore trust;
  good = good && check(testpki::load_into(demo.pki, trust), "pinned CSCA and Job CA loaded");
  (void)cardsim::control_request(ctl, "auth on");
  std::printf("== Chip read back through pcscd (authenticated session)\n");
  good = good && read_back(encoder, profile, trust);
  (void)cardsim::control_request(ctl, "auth off");
  (void)cardsim::control_request(ctl, "trace off");
  (void)encoder.disconnect();
  return good;
}

}  // namespace ektp::demo
