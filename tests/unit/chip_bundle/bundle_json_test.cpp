// The bundle's JSON: round trip, strict base64, and each schema refusal (through
// verify_bundle, so the order of the checks is the one a station meets).

#include <doctest/doctest.h>

#include "tests/support/require_ok.hpp"
#include "tests/unit/chip_bundle/bundle_fixture.hpp"

using namespace ektp;
using namespace ektp::chip;
namespace t = ektp::test;
namespace sample = ektp::chip::test;
using t::error_of;
using t::has;

namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// Verify the bundle of `json` (signed by a good job signer); return the refusal.
Error refusal(const std::string& json) { return error_of(t::verify(t::bundle_of_json(json))); }
Error refusal(const nlohmann::ordered_json& json) { return refusal(json.dump()); }
Error refusal(const char* json) { return refusal(std::string(json)); }

}  // namespace

TEST_CASE("base64: round trip and strict decoding") {
  for (std::size_t n = 0; n < 12; ++n) {
    Bytes data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 37 + n * 101);
    const std::string text = base64_encode(data);
    CHECK(text.size() == base64_length(n));
    if (n == 0) continue;
    auto back = base64_decode(text, 64, "x");
    REQUIRE_OK(back);
    CHECK(*back == data);
  }
  CHECK(base64_encode(bytes_of("foobar")) == "Zm9vYmFy");
  CHECK(base64_encode(bytes_of("fo")) == "Zm8=");
  CHECK(error_of(base64_decode("Zm9=", 64, "x")).code == "bundle.bad_base64");  // bits not zero
  CHECK(error_of(base64_decode("Zm9vYmFy\n", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zm 9", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zm9", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Z===", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zm=v", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zm9vYmFy", 5, "x")).code == "bundle.too_large_field");
  CHECK(error_of(base64_decode("", 5, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zg==Zm9v", 64, "x")).code == "bundle.bad_base64");  // = inside
  CHECK(error_of(base64_decode("====", 64, "x")).code == "bundle.bad_base64");
  CHECK(error_of(base64_decode("Zm9v\xC3\xA9m9", 64, "x")).code == "bundle.bad_base64");
  CHECK(has(error_of(base64_decode("Zm9vYm-y", 64, "x")).message, "at position 7"));
  // Every byte value round-trips.
  Bytes all(256 * 3);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::uint8_t>(i * 7 + i / 256);
  auto back = base64_decode(base64_encode(all), all.size(), "x");
  REQUIRE_OK(back);
  CHECK(*back == all);
}

TEST_CASE("the JSON round-trips") {
  const BundleContent c = t::good_content();
  const std::string json = bundle_to_json(c);
  auto back = parse_bundle_json(bytes_of(json));
  REQUIRE_OK(back);
  CHECK(*back == c);
  CHECK(has(json, "\"valid_until\":\"SEUMUR HIDUP\""));
  CHECK(has(json, "\"birth_date\":\"1990-08-17\""));
  CHECK(has(json, "\"sex\":\"PEREMPUAN\""));
}

TEST_CASE("the schema refuses, naming the field") {
  const BundleContent c = t::good_content();
  auto j = t::json_of(c);

  SUBCASE("an unknown field, at the top, in the face and in the chip") {
    auto top = j;
    top["extra"] = 1;
    Error e = refusal(top);
    CHECK(e.code == "bundle.unknown_field");
    CHECK(has(e.message, "'extra'"));
    auto face = j;
    face["face"]["nickname"] = "X";
    CHECK(has(refusal(face).message, "'face.nickname'"));
    auto chip = j;
    chip["chip"]["DG4"] = "AAAA";
    e = refusal(chip);
    CHECK(e.code == "bundle.unknown_field");
    CHECK(has(e.message, "'chip.DG4'"));
  }
  SUBCASE("a missing field") {
    j["face"].erase("religion");
    Error e = refusal(j);
    CHECK(e.code == "bundle.missing_field");
    CHECK(has(e.message, "'face.religion'"));
    j = t::json_of(c);
    j["chip"].erase("DG7");
    CHECK(has(refusal(j).message, "'chip.DG7'"));
  }
  SUBCASE("wrong types") {
    j["priority"] = "3";
    CHECK(refusal(j).code == "bundle.field_type");
    j = t::json_of(c);
    j["priority"] = 3.5;
    CHECK(refusal(j).code == "bundle.field_type");
    j = t::json_of(c);
    j["face"]["name"] = nlohmann::ordered_json::array();
    CHECK(refusal(j).code == "bundle.field_type");
    CHECK(refusal("[1,2]").code == "bundle.field_type");
  }
  SUBCASE("bounds and formats") {
    j["priority"] = 10;
    CHECK(refusal(j).code == "bundle.field_invalid");
    j = t::json_of(c);
    j["job_id"] = "0F8FAD5B-D9CB-469F-A165-70867728950E";  // upper case: one spelling only
    Error e = refusal(j);
    CHECK(e.code == "bundle.field_invalid");
    CHECK(has(e.message, "'job_id'"));
    j = t::json_of(c);
    j["job_id"] = "0f8fad5b-d9cb-169f-a165-70867728950e";  // version 1
    CHECK(refusal(j).code == "bundle.field_invalid");
    j = t::json_of(c);
    j["pickup_date"] = "2026-02-30";
    e = refusal(j);
    CHECK(e.code == "bundle.field_invalid");
    CHECK_FALSE(has(e.message, "2026-02-30"));
    j = t::json_of(c);
    j["created_at"] = "2025-12-31T23:59:59+07:00";
    CHECK(refusal(j).code == "bundle.field_invalid");
    j = t::json_of(c);
    j["face"]["sex"] = "L";
    CHECK(refusal(j).code == "bundle.field_invalid");
    j = t::json_of(c);
    j["face"]["address"] = std::string(200, 'A');
    e = refusal(j);
    CHECK(e.code == "bundle.field_too_long");
    CHECK(has(e.message, "'face.address'"));
    j = t::json_of(c);
    j["face"]["religion"] = "JEDI";
    CHECK(refusal(j).code == "bundle.face_invalid");
    j = t::json_of(c);
    j["can"] = "12345";
    CHECK(refusal(j).code == "bundle.face_invalid");
    j = t::json_of(c);
    j["version"] = 2;
    CHECK(refusal(j).code == "bundle.unsupported_version");
  }
  SUBCASE("an oversized photo is refused before decoding") {
    BundleContent big = c;
    big.photo = sample::jpeg_like(BundleLimits::photo_bytes + 1);
    Error e = error_of(t::verify(t::bundle_of(big)));
    CHECK(e.code == "bundle.too_large_field");
    CHECK(has(e.message, "'photo'"));
    big = c;
    big.signature = sample::jpeg_like(BundleLimits::signature_bytes + 1);
    CHECK(has(error_of(t::verify(t::bundle_of(big))).message, "'signature'"));
  }
  SUBCASE("bad base64, and a photo that is not a JPEG") {
    std::string photo = j["photo"].get<std::string>();
    photo[100] = '*';
    j["photo"] = photo;
    Error e = refusal(j);
    CHECK(e.code == "bundle.bad_base64");
    CHECK(has(e.message, "'photo'"));
    CHECK(has(e.message, "position 101"));
    j = t::json_of(c);
    j["chip"]["DG1"] = "AAAA====";
    CHECK(refusal(j).code == "bundle.bad_base64");
    j = t::json_of(c);
    j["signature"] = base64_encode(bytes_of("GIF89a not a jpeg"));
    CHECK(refusal(j).code == "bundle.not_jpeg");
  }
  SUBCASE("JSON limits: syntax, depth, duplicate keys") {
    Error e = refusal(j.dump().substr(0, 500));
    CHECK(e.code == "bundle.json_malformed");
    CHECK_FALSE(has(e.message, c.record.nik));
    CHECK(refusal("{\"a\":{\"b\":{\"c\":{}}}}").code == "bundle.json_too_deep");
    CHECK(refusal(std::string(5000, '[') + std::string(5000, ']')).code == "bundle.json_too_deep");
    std::string dup = j.dump();
    dup.insert(1, "\"priority\":1,");
    CHECK(refusal(dup).code == "bundle.json_duplicate_key");
  }
}
