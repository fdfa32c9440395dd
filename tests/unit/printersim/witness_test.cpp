// The witness in process: a face is verified only on an activated chip whose SOD
// verifies against the configured CSCA and whose DG11 NIK equals the face's; else it
// counts as unverified or on a wrong chip.
#include <fstream>

#include "chip/openssl_util.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"
#include "tests/unit/printersim/printersim_fixture.hpp"
#include "tools/printersim/chip_witness.hpp"

using namespace ektp;
using namespace ektp::test;
using printersim::FaceVerdict;

namespace {

constexpr const char* kSampleNik = "3273015708900003";  // tests/unit/chip_lds/sample_data.cpp

/// Personalize the card at the encoder with the 8 KB sample job.
void personalize_card_at_encoder(FakeEncoder& encoder) {
  REQUIRE(encoder.card.has_value());
  cardsim::Card& card = *encoder.card;
  const chip::Transmit transmit = [&card](const chip::Bytes& apdu) -> Result<chip::Bytes> {
    auto reaction = card.transmit(apdu);
    if (reaction.kind != cardsim::Reaction::Kind::respond) {
      return fail("card.removed", "the card left");
    }
    return reaction.response;
  };
  const auto out = chip::personalize(job_8k(), transmit);
  REQUIRE_MESSAGE(out.result == chip::PersoResult::good, out.detail.message);
}

/// The test CSCA as a PEM file in `dir`.
std::filesystem::path csca_file(const std::filesystem::path& dir) {
  const auto path = dir / "csca.pem";
  std::ofstream(path) << chip::pem_of(shared_pki().csca.cert.get());
  return path;
}

FaceVerdict print_one(PrinterRig& rig, const std::string& face_text) {
  rig.faces.text = face_text;
  const auto start = rig->begin_print("application/pdf", rig.document(), "attempt-1");
  REQUIRE(start.printing);
  REQUIRE(rig->finish_print().ok());
  return start.verdict;
}

}  // namespace

TEST_CASE("a face with the chip's NIK on a personalized, verified chip counts as verified") {
  PrinterRig rig(3);
  REQUIRE(rig->set_trust(csca_file(rig.dir)).ok());
  REQUIRE(rig->feed().ok());
  personalize_card_at_encoder(rig.encoder);
  CHECK(print_one(rig, std::string("NIK : ") + kSampleNik + "\nNama : ...") ==
        FaceVerdict::verified);
  const auto& c = rig->counters();
  CHECK(c.faces_printed == 1);
  CHECK(c.faces_verified == 1);
  CHECK(c.faces_unverified == 0);
  CHECK(rig->counters_text().find(" tray_job.attempt-1=1") != std::string::npos);
}

TEST_CASE("a face with another NIK on a verified chip counts as on a wrong chip") {
  PrinterRig rig(3);
  REQUIRE(rig->set_trust(csca_file(rig.dir)).ok());
  REQUIRE(rig->feed().ok());
  personalize_card_at_encoder(rig.encoder);
  CHECK(print_one(rig, "NIK : 3273015708900004") == FaceVerdict::wrong_chip);
  CHECK(rig->counters().faces_wrong_chip == 1);

  REQUIRE(rig->feed().ok());
  personalize_card_at_encoder(rig.encoder);
  CHECK(print_one(rig, "no number on this face") == FaceVerdict::wrong_chip);
  CHECK(rig->counters().faces_wrong_chip == 2);
  CHECK(rig->counters().faces_verified == 0);
}

TEST_CASE("without the CSCA, or on a blank chip, the face is unverified") {
  PrinterRig rig(3);
  REQUIRE(rig->feed().ok());
  personalize_card_at_encoder(rig.encoder);
  CHECK(print_one(rig, kSampleNik) == FaceVerdict::unverified);  // no trust anchor yet

  REQUIRE(rig->set_trust(csca_file(rig.dir)).ok());
  REQUIRE(rig->feed().ok());  // a blank
  CHECK(print_one(rig, kSampleNik) == FaceVerdict::unverified);
  CHECK(rig->counters().faces_unverified == 2);
  CHECK(rig->counters().faces_verified == 0);
}

TEST_CASE("a chip whose content differs from its SOD is unverified") {
  PrinterRig rig(1);
  REQUIRE(rig->set_trust(csca_file(rig.dir)).ok());
  REQUIRE(rig->feed().ok());
  personalize_card_at_encoder(rig.encoder);
  // Another encoder view: the same files, DG1's first byte changed.
  struct Tampered : FakeEncoder {
    FakeEncoder& inner;
    explicit Tampered(FakeEncoder& e) : inner(e) {}
    Result<bool> card_present() override { return inner.card_present(); }
    Result<std::vector<printersim::ChipFile>> files() override { return inner.files(); }
    Result<printersim::Bytes> read(const std::vector<std::uint16_t>& path) override {
      auto content = inner.read(path);
      if (content && path.back() == 0x0101 && !content->empty())
        (*content)[content->size() - 1] ^= 1;
      return content;
    }
  } tampered(rig.encoder);
  chip::TrustStore store;
  REQUIRE(store.set_root(chip::Root::csca, chip::share(shared_pki().csca.cert.get())).ok());
  const auto j = printersim::judge_face(tampered, &store, kSampleNik, std::time(nullptr));
  CHECK(j.verdict == FaceVerdict::unverified);
  CHECK(j.reason == "sod.dg_hash_mismatch");
  CHECK(printersim::judge_face(rig.encoder, &store, kSampleNik, std::time(nullptr)).verdict ==
        FaceVerdict::verified);
}

TEST_CASE("NIK candidates are the 16-digit runs of the face's text") {
  using printersim::nik_candidates;
  CHECK(nik_candidates("NIK : 3273015708900003 RT/RW 001/002").size() == 1);
  CHECK(nik_candidates("32730157089000031").empty());  // 17 digits: not a NIK
  CHECK(nik_candidates("3273015708900003 3273015708900003").size() == 1);
  CHECK(nik_candidates("3273015708900003 3273015708900004").size() == 2);
  CHECK(nik_candidates("").empty());
}
