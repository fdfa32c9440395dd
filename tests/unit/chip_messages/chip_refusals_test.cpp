// Real refusals of the chip library, as an operator in Indonesia reads them: the code
// stays the same (programs and docs match it), the text follows the language, and
// nothing is left unfilled.
#include <doctest/doctest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "chip/batch_file.hpp"
#include "chip/bundle_verify.hpp"
#include "chip/pki.hpp"
#include "chip/record.hpp"
#include "chip/tlv.hpp"
#include "drivers/common/language.hpp"

namespace chip = ektp::chip;
using ektp::i18n::Language;

namespace {

struct InLanguage {
  explicit InLanguage(Language language) { ektp::i18n::use_language(language); }
  ~InLanguage() { ektp::i18n::use_language(Language::english); }
};

// A tag 30 element that says 5 bytes follow, with only 1 there.
const std::vector<std::uint8_t> kCutTlv{0x30, 0x05, 0x01};

}  // namespace

TEST_CASE("a damaged TLV is explained in Indonesian, place and numbers kept") {
  InLanguage in{Language::indonesian};
  auto r = chip::parse_tlv(kCutTlv);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "tlv.truncated");
  CHECK(r.error().message ==
        "Data rusak pada byte ke-0 (tag 30): panjangnya tertulis 5 byte tetapi hanya tersisa "
        "1 byte.");
}

TEST_CASE("the same refusal in English when the locale is English") {
  InLanguage in{Language::english};
  auto r = chip::parse_tlv(kCutTlv);
  REQUIRE_FALSE(r);
  CHECK(r.error().message ==
        "The data is damaged at byte 0 (tag 30): the length says 5 bytes but only 1 remain.");
}

TEST_CASE("a record refusal names the field in Indonesian, never its value") {
  InLanguage in{Language::indonesian};
  auto r = chip::parse_dmy("31-02-1990", "date of birth");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "record.bad_field");
  CHECK(r.error().message ==
        "Kolom tanggal lahir pada data penduduk bukan tanggal yang sah. Minta kantor pusat "
        "membetulkan data itu lalu mengirim ulang pekerjaan ini.");
  CHECK(r.error().message.find("1990") == std::string::npos);
}

TEST_CASE("the card's status words have an Indonesian meaning") {
  InLanguage in{Language::indonesian};
  CHECK(chip::sw_meaning(0x6A82) == "berkas atau aplikasi tidak ditemukan (6A82)");
  CHECK(chip::sw_meaning(0x63C2) == "verifikasi gagal, sisa 2 kali percobaan (63C2)");
  CHECK(chip::sw_meaning(0x6110) == "masih tersedia 16 byte lagi (6110)");
}

TEST_CASE("trust store, bundle and batch refusals are in Indonesian with their codes") {
  InLanguage in{Language::indonesian};
  const chip::TrustStore trust;
  auto signer = trust.verify_signer(nullptr, chip::Role::job_signer, 0, {});
  REQUIRE_FALSE(signer);
  CHECK(signer.error().code == "pki.no_signer");
  CHECK(signer.error().message == "Tidak ada sertifikat penanda tangan yang diberikan.");

  auto bundle = chip::verify_bundle({}, trust, 0);
  REQUIRE_FALSE(bundle);
  CHECK(bundle.error().code == "bundle.empty");
  CHECK(bundle.error().message ==
        "Paket pekerjaan kosong. Minta kantor pusat mengirim ulang pekerjaan ini.");

  const std::vector<std::uint8_t> not_cms{0x04, 0x01, 0x00};
  auto damaged = chip::verify_bundle(not_cms, trust, 0);
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().code == "bundle.malformed");
  CHECK(damaged.error().message ==
        "Paket pekerjaan bukan struktur CMS. Minta kantor pusat mengirim ulang pekerjaan ini.");

  auto batch = chip::BatchReader::open(
      std::make_unique<std::istringstream>(std::string("PK\x03\x04 not a batch file")), nullptr,
      nullptr);
  REQUIRE_FALSE(batch);
  CHECK(batch.error().code == "batch.not_a_batch");
  CHECK(batch.error().message ==
        "Berkas ini bukan berkas batch KTP (tidak diawali EKTPBAT1). Periksa apakah Anda memilih "
        "berkas yang benar dari flashdisk.");
}

TEST_CASE("a message built from parts is whole in Indonesian: no placeholder left") {
  InLanguage in{Language::indonesian};
  const std::vector<std::vector<std::uint8_t>> inputs{
      {}, {0x30}, {0x30, 0x80}, {0x5F}, {0x30, 0x85, 1, 2, 3, 4, 5}, {0x30, 0x00, 0x01}};
  for (const auto& bytes : inputs) {
    auto r = chip::parse_tlv(bytes);
    REQUIRE_FALSE(r);
    CAPTURE(r.error().message);
    CHECK(r.error().message.find('{') == std::string::npos);
    CHECK(r.error().message.find("The ") == std::string::npos);  // no English left
  }
}
