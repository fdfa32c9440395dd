// BER-TLV: every length form, long tags, and hostile input refused with
// where and what.
#include <doctest/doctest.h>

#include "chip/tlv.hpp"
#include "support/require_ok.hpp"

using namespace ektp::chip;

namespace {

Bytes hex(const std::string& h) { return from_hex(h).value(); }

std::string error_of(const std::string& h, const TlvLimits& limits = {}) {
  const Bytes b = hex(h);
  auto r = parse_tlvs(b, limits);
  REQUIRE_FALSE(r.ok());
  return r.error().code + ": " + r.error().message;
}

}  // namespace

TEST_CASE("primitive and constructed elements parse with tags, offsets and values") {
  const Bytes b = hex("61 08 5F1F 02 4142 80 01 07");
  auto r = parse_tlvs(b);
  REQUIRE_OK(r);
  REQUIRE(r->size() == 1);
  const Tlv& root = r->front();
  CHECK(root.tag == 0x61);
  CHECK(root.constructed);
  REQUIRE(root.children.size() == 2);
  CHECK(root.children[0].tag == 0x5F1F);
  CHECK(root.children[0].offset == 2);
  CHECK(root.children[0].bytes() == Bytes{'A', 'B'});
  CHECK(root.find(0x80)->bytes() == Bytes{0x07});
  CHECK(root.find(0x81) == nullptr);
  // 02 00 after the template: a second top-level element of length 0.
  auto two = parse_tlvs(hex("61 05 5F1F 02 4142 02 00"));
  REQUIRE_OK(two);
  CHECK(two->size() == 2);
  CHECK((*two)[1].value.empty());
}

TEST_CASE("three-byte tags parse; longer or non-minimal tags are refused") {
  auto r = parse_tlv(hex("5F8101 01 AA"));
  REQUIRE_OK(r);
  CHECK(r->tag == 0x5F8101);
  CHECK(tag_hex(r->tag) == "5F8101");
  CHECK(error_of("5F818101 01 AA").find("longer than 3 bytes") != std::string::npos);
  CHECK(error_of("5F8001 01 AA").find("tlv.bad_tag") == 0);
  CHECK(error_of("5F").find("tlv.truncated") == 0);
  CHECK(error_of("00 01 AA").find("padding") != std::string::npos);
  CHECK(is_valid_tag(0x5F1F));
  CHECK(is_valid_tag(0x7F61));
  CHECK(is_valid_tag(0x5F8101));
  CHECK_FALSE(is_valid_tag(0x5F81));  // continuation on the last byte
  CHECK_FALSE(is_valid_tag(0x1F));    // announces more bytes, has none
  CHECK_FALSE(is_valid_tag(0x6101));  // one-byte tag number written in two bytes
}

TEST_CASE("every length form builds minimally and parses back") {
  const std::pair<std::size_t, std::string> forms[] = {
      {0, "00"},       {127, "7F"},       {128, "8180"},       {255, "81FF"},
      {256, "820100"}, {65535, "82FFFF"}, {65536, "83010000"}, {16777216, "8401000000"},
  };
  for (const auto& [n, want] : forms) {
    Bytes len;
    append_length(len, n);
    CHECK(to_hex(len) == want);
  }
  for (std::size_t n : {0u, 127u, 128u, 300u, 70000u}) {
    const Bytes value(n, 0x5A);
    const Bytes element = make_tlv(0x04, value);
    TlvLimits limits;
    limits.max_total = 100000;
    auto r = parse_tlv(element, limits);
    REQUIRE_OK(r);
    CHECK(r->value.size() == n);
  }
}

TEST_CASE("a four-byte length parses when the input holds it") {
  const std::size_t n = 16777216;  // 2^24: the smallest length needing 4 bytes
  Bytes element = make_tlv(0x04, Bytes(n, 0x00));
  TlvLimits limits;
  limits.max_total = n + 16;
  auto r = parse_tlv(element, limits);
  REQUIRE_OK(r);
  CHECK(r->value.size() == n);
  CHECK(to_hex(std::span(element).first(6)) == "048401000000");
}

TEST_CASE("lengths that are indefinite, too long, oversized or non-minimal are refused") {
  CHECK(error_of("04 80 AA 00 00").find("tlv.indefinite_length") == 0);
  CHECK(error_of("04 85 0000000001 AA").find("5 bytes (at most 4") != std::string::npos);
  const std::string oversized = error_of("04 84 FFFFFFFF AA");
  CHECK(oversized.find("tlv.truncated") == 0);
  CHECK(oversized.find("4294967295 bytes but only 1 remain") != std::string::npos);
  CHECK(error_of("04 81 05 0102030405").find("tlv.non_minimal_length") == 0);
  CHECK(error_of("04 82 0080 " + std::string(256, '0')).find("non_minimal") != std::string::npos);
  CHECK(error_of("04 84 00000001 AA").find("non_minimal") != std::string::npos);
  TlvLimits lenient;
  lenient.require_minimal_length = false;
  auto r = parse_tlv(hex("04 81 05 0102030405"), lenient);
  REQUIRE_OK(r);
  CHECK(r->value.size() == 5);
}

TEST_CASE("truncation is reported with the offset and the tag") {
  const std::string e = error_of("61 06 5F1F 05 4142");
  // The outer length (6) already runs past the 6 bytes of input.
  CHECK(e.find("byte 0 (tag 61)") != std::string::npos);
  const std::string inner = error_of("61 05 5F1F 05 4142");
  CHECK(inner.find("byte 2 (tag 5F1F)") != std::string::npos);
  CHECK(inner.find("says 5 bytes but only 2 remain") != std::string::npos);
  CHECK(error_of("5F1F").find("length is missing") != std::string::npos);
  CHECK(error_of("04 82 01").find("length is cut short") != std::string::npos);
}

TEST_CASE("nesting, element count and total size are bounded") {
  // 8 levels are accepted (the default), 9 are not.
  const auto nested = [](int levels) {
    Bytes inner = make_tlv(0x80, Bytes{0x01});
    for (int i = 1; i < levels; ++i) inner = make_tlv(0x61, inner);
    return inner;
  };
  CHECK_OK(parse_tlv(nested(8)));
  auto deep = parse_tlv(nested(9));
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().code == "tlv.too_deep");
  CHECK(deep.error().message.find("8 levels") != std::string::npos);

  Bytes many;
  for (int i = 0; i < 2049; ++i) append_tlv(many, 0x80, Bytes{});
  auto r = parse_tlvs(many);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "tlv.too_many");

  TlvLimits small;
  small.max_total = 10;
  auto big = parse_tlvs(Bytes(11, 0x80), small);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == "tlv.too_large");
}

TEST_CASE("parse_tlv wants exactly one element") {
  auto extra = parse_tlv(hex("80 01 00 81 00"));
  REQUIRE_FALSE(extra.ok());
  CHECK(extra.error().code == "tlv.trailing");
  CHECK(extra.error().message.find("byte 3") != std::string::npos);
  auto none = parse_tlv(Bytes{});
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == "tlv.empty");
}
