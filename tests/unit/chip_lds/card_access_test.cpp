// EF.CardAccess: KTP-OPEN's PACEInfo, checked against a public EF.CardAccess of a
// German eID test card (the OpenPACE project's example) and the openssl command line.

#include "chip/lds_card_access.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tests/support/require_ok.hpp"

using namespace ektp;
using namespace ektp::chip;

namespace {

Bytes hex(const std::string& text) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// SecurityInfos of a German eID test card as published with OpenPACE: TA, CA,
// PACE (ECDH-GM-AES-128, brainpoolP256r1), CA public key info and a CardInfoLocator.
const char* kPublicCardAccess =
    "318182300D060804007F00070202020201023012060A04007F000702020302020201020201413012060A0400"
    "7F0007020204020202010202010D301C060904007F000702020302300C060704007F0007010202010D020141"
    "302B060804007F0007020206161F655041202D2042447220476D6248202D20546573746B617274652076322E"
    "30";

std::string message_of(const Result<std::vector<PaceInfo>>& r) {
  return r ? std::string() : r.error().message;
}

}  // namespace

TEST_CASE("a public EF.CardAccess yields exactly its PACEInfo; the others are skipped") {
  auto infos = parse_card_access(hex(kPublicCardAccess));
  REQUIRE_OK(infos);
  REQUIRE(infos->size() == 1);
  CHECK(infos->front() == ktp_open_pace_info());  // the same protocol and curve as KTP-OPEN
}

TEST_CASE("KTP-OPEN's EF.CardAccess is the ICAO PACEInfo, byte for byte") {
  auto built = build_card_access({ktp_open_pace_info()});
  REQUIRE_OK(built);
  CHECK(*built == hex("3114"
                      "3012"
                      "060A04007F00070202040202"
                      "020102"
                      "02010D"));
  auto back = parse_card_access(*built);
  REQUIRE_OK(back);
  CHECK(*back == std::vector<PaceInfo>{ktp_open_pace_info()});

  // The openssl command line reads the same structure and OID.
  char path[] = "/tmp/ektp-cardaccess-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, built->data(), built->size()) == static_cast<ssize_t>(built->size()));
  close(fd);
  const std::string out = std::string(path) + ".txt";
  REQUIRE(std::system(
              ("openssl asn1parse -inform DER -in " + std::string(path) + " > " + out).c_str()) ==
          0);
  std::ifstream in(out);
  const std::string dump((std::istreambuf_iterator<char>(in)), {});
  CHECK(dump.find("SET") != std::string::npos);
  CHECK(dump.find(":0.4.0.127.0.7.2.2.4.2.2") != std::string::npos);
  CHECK(dump.find(":0D") != std::string::npos);
  std::remove(path);
  std::remove(out.c_str());
}

TEST_CASE("object identifiers: text and DER agree, malformed ones are refused") {
  for (const char* oid : {"0.4.0.127.0.7.2.2.4.2.2", "2.23.136.1.1.1", "1.2.840.113549.1.9.16.1.23",
                          "2.999.1", "0.0"}) {
    CAPTURE(oid);
    CHECK(oid_text(oid_content(oid)) == oid);
  }
  CHECK(oid_content("").empty());
  CHECK(oid_content("1").empty());
  CHECK(oid_content("1..2").empty());
  CHECK(oid_content("1.2.").empty());
  CHECK(oid_content("3.1").empty());
  CHECK(oid_content("1.40").empty());
  CHECK(oid_text(hex("2B8001")) == "");  // non-minimal arc
  CHECK(oid_text(hex("2B81")) == "");    // cut off
  CHECK(oid_text({}) == "");
}

TEST_CASE("a hostile EF.CardAccess is refused with a plain reason") {
  CHECK(message_of(parse_card_access(hex("300F060A04007F00070202040202020102")))
            .find("does not start with a SET") != std::string::npos);
  CHECK(message_of(parse_card_access(hex("3114"
                                         "3012"
                                         "060A04007F00070202040202"
                                         "020103"
                                         "02010D")))
            .find("version is not 2") != std::string::npos);
  CHECK(message_of(parse_card_access(hex("310F300D060804007F0007020202020102")))
            .find("announces no PACE") != std::string::npos);
  CHECK(message_of(parse_card_access(hex("3114"
                                         "3012"
                                         "060A04007F00070202040202"
                                         "020102"
                                         "0201")))
            .find("not valid DER") != std::string::npos);
  CHECK(message_of(parse_card_access(hex("3105"
                                         "3003"
                                         "020102")))
            .find("not a SecurityInfo") != std::string::npos);
  CHECK(message_of(parse_card_access(hex("3115"
                                         "3013"
                                         "060A04007F00070202040202"
                                         "020102"
                                         "0202FFFF")))
            .find("malformed parameter id") != std::string::npos);
  CHECK_FALSE(parse_card_access({}));
}
