// Hostile files: truncated, oversized, wrong tags, wrong values. Each is
// refused with a message naming the file and what is wrong; none crashes.
#include <doctest/doctest.h>

#include <functional>

#include "chip/lds_com.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/lds_dg11.hpp"
#include "chip/lds_dg12.hpp"
#include "chip/lds_dg13.hpp"
#include "chip/lds_dg2.hpp"
#include "chip/lds_dg3.hpp"
#include "chip/lds_dg7.hpp"
#include "chip/tlv.hpp"
#include "support/require_ok.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"

using namespace ektp::chip;
using namespace ektp::chip::test;

namespace {

using Parser = std::function<bool(std::span<const std::uint8_t>)>;

struct Group {
  const char* name;
  Bytes built;
  Parser parses;  // true when accepted
};

std::vector<Group> groups() {
  const CitizenRecord rec = sample_record();
  CitizenRecord scratch;
  return {
      {"EF.COM", build_com({0x61, 0x75}), [](auto b) { return parse_com(b).ok(); }},
      {"DG1", build_dg1(rec).value(), [](auto b) { return parse_dg1(b).ok(); }},
      {"DG2", build_dg2({jpeg_like(600), 10, 10}).value(),
       [](auto b) { return parse_dg2(b).ok(); }},
      {"DG3", build_dg3(sample_fingers(8)).value(), [](auto b) { return parse_dg3(b).ok(); }},
      {"DG7", build_dg7(jpeg_like(300)).value(), [](auto b) { return parse_dg7(b).ok(); }},
      {"DG11", build_dg11(rec).value(),
       [scratch](auto b) mutable { return parse_dg11(b, scratch).ok(); }},
      {"DG12", build_dg12(rec).value(),
       [scratch](auto b) mutable { return parse_dg12(b, scratch).ok(); }},
      {"DG13", build_dg13(rec).value(),
       [scratch](auto b) mutable { return parse_dg13(b, scratch).ok(); }},
  };
}

std::string message(const ektp::Result<void>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}
template <class T>
std::string message(const ektp::Result<T>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// `file` with the first occurrence of `from` replaced by `to` (same length).
Bytes patched(Bytes file, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  const std::string s(file.begin(), file.end());
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  std::copy(to.begin(), to.end(), file.begin() + static_cast<std::ptrdiff_t>(at));
  return file;
}

}  // namespace

TEST_CASE("every file is refused when cut short anywhere, or with bytes added") {
  for (const auto& g : groups()) {
    CAPTURE(g.name);
    REQUIRE(g.parses(g.built));
    for (std::size_t n = 0; n < g.built.size(); ++n) {
      CAPTURE(n);
      CHECK_FALSE(g.parses(std::span(g.built).first(n)));
    }
    Bytes longer = g.built;
    longer.push_back(0x00);
    CHECK_FALSE(g.parses(longer));
  }
}

TEST_CASE("every single-byte change in the structure is survived") {
  // Flip each byte of each small file: the parsers must not crash (ASan and
  // UBSan watch), and a file whose template tag changed is always refused.
  for (const auto& g : groups()) {
    if (g.built.size() > 1200) continue;
    CAPTURE(g.name);
    for (std::size_t i = 0; i < g.built.size(); ++i) {
      Bytes b = g.built;
      b[i] ^= 0xFF;
      const bool accepted = g.parses(b);
      if (i == 0) CHECK_FALSE(accepted);
    }
  }
}

TEST_CASE("wrong template tags and oversized lengths name the file") {
  Bytes dg1 = build_dg1(sample_record()).value();
  dg1[0] = 0x6B;
  CHECK(has(message(parse_dg1(dg1)), "DG1 is not valid: it starts with tag 6B instead of 61"));
  Bytes big = build_dg7(jpeg_like(300)).value();
  big[2] = 0x7F;  // 67 82 0134 ... -> length 0x7F34 runs past the end
  const std::string m = message(parse_dg7(big));
  CHECK(has(m, "DG7 is not valid"));
  CHECK(has(m, "byte 0 (tag 67)"));
  CHECK(has(m, "remain"));
  CHECK(has(message(parse_dg2(Bytes(50000, 0x75))), "50000 bytes"));
}

TEST_CASE("DG1: a changed MRZ, another document or a short NIK are refused") {
  const Bytes dg1 = build_dg1(sample_record()).value();
  CHECK(has(message(parse_dg1(patched(dg1, "IDIDN3273", "IDIDN3274"))), "check digit"));
  CHECK(has(message(parse_dg1(patched(dg1, "8900003", "8900004"))), "check digit"));
  CHECK(has(message(parse_dg1(patched(dg1, "IDIDN", "I<UTO"))), "not an Indonesian"));
}

TEST_CASE("DG2 and DG7: images that are not JPEG, or records that lie about lengths") {
  CHECK(has(message(build_dg2({Bytes(100, 0x00), 10, 10})), "not a JPEG"));
  CHECK(has(message(build_dg7(Bytes(40000, 0xFF))), "40000 bytes"));
  Bytes dg2 = build_dg2({jpeg_like(600), 10, 10}).value();
  CHECK(has(message(parse_dg2(patched(dg2, std::string("FAC\0", 4), std::string("FAX\0", 4)))),
            "does not start with FAC"));
  // The image count (2 bytes after the 4-byte record length) says 2.
  const std::string s(dg2.begin(), dg2.end());
  Bytes two = dg2;
  two[s.find(std::string("010\0", 4)) + 4 + 4 + 1] = 2;
  CHECK(has(message(parse_dg2(two)), "holds 2 images"));
  Bytes png = dg2;
  png[png.size() - 600 - 11] = 1;  // image data type: JPEG 2000
  CHECK(has(message(parse_dg2(png)), "not a JPEG"));
  Bytes sig = build_dg7(jpeg_like(300)).value();
  sig[sig.size() - 1] = 0x00;
  CHECK(has(message(parse_dg7(sig)), "DG7 is not valid: the image is not a JPEG"));
}

TEST_CASE("DG3: fingers out of order, minutiae outside the image, bad counts") {
  FingerMinutiae swapped = sample_fingers(8);
  std::swap(swapped.views[0], swapped.views[1]);
  CHECK(has(message(build_dg3(swapped)), "right index finger, then the left"));
  FingerMinutiae outside = sample_fingers(8);
  outside.views[1].minutiae[3].x = outside.width;
  CHECK(has(message(build_dg3(outside)), "minutia of the left index finger is out of range"));
  FingerMinutiae none = sample_fingers(8);
  none.views[0].minutiae.clear();
  CHECK(has(message(build_dg3(none)), "0 minutiae"));
  Bytes dg3 = build_dg3(sample_fingers(8)).value();
  const std::string s(dg3.begin(), dg3.end());
  const std::size_t record = s.find(std::string("FMR\0", 4));
  Bytes left_first = dg3;
  left_first[record + 24] = kLeftIndex;
  CHECK(has(message(parse_dg3(left_first)), "right index finger, then the left"));
  Bytes more = dg3;
  more[record + 24 + 3] = 9;  // claims 9 minutiae where 8 are
  CHECK(has(message(parse_dg3(more)), "DG3 is not valid"));
}

TEST_CASE("DG11, DG12, DG13: extra, missing or invalid elements") {
  const CitizenRecord rec = sample_record();
  CitizenRecord out;
  Bytes dg11 = build_dg11(rec).value();
  CHECK(has(message(parse_dg11(patched(dg11, "3273015708900003", "32730157089000X3"), out)),
            "NIK must be exactly 16 digits"));
  CHECK(has(message(parse_dg11(patched(dg11, "19900817", "19900230"), out)),
            "date of birth is not a real date"));
  // An extra element inside the template: rebuild with one more TLV.
  auto t = parse_tlv(dg11).value();
  Bytes inner(t.value.begin(), t.value.end());
  append_tlv(inner, 0x5F12, std::string("0812"));
  CHECK(has(message(parse_dg11(make_tlv(0x6B, inner), out)), "unexpected extra element 5F12"));
  CHECK(has(message(parse_dg11(
                patched(dg11, std::string("\x5F\x13", 2), std::string("\x5F\x14", 2)), out)),
            "tag list does not match"));
  CHECK(out.name.empty());  // nothing written on failure

  Bytes dg12 = build_dg12(rec).value();
  CHECK(has(message(parse_dg12(patched(dg12, "20240305", "2024030X"), out)), "date of issue"));

  Bytes dg13 = build_dg13(rec).value();
  const std::string religion_refusal = message(parse_dg13(patched(dg13, "ISLAM", "ISLAN"), out));
  CHECK(has(religion_refusal, "religion is not one of"));
  CHECK_FALSE(has(religion_refusal, "ISLAN"));  // values are personal: never in a message
  CHECK(has(message(parse_dg13(patched(dg13, "001/002", "001-002"), out)), "RT/RW"));
  CHECK(has(message(parse_dg13(patched(dg13, "SEUMUR HIDUP", "SEUMUR HIDOP"), out)), "validity"));
  CHECK(
      has(message(parse_dg13(
              patched(dg13, std::string("\x80\x01\x01", 3), std::string("\x80\x01\x02", 3)), out)),
          "layout version is 2"));
  Bytes lower = patched(dg13, "BRAGA", "braga");
  CHECK(has(message(parse_dg13(lower, out)), "kelurahan/desa must be in capital letters"));
}

TEST_CASE("EF.COM: repeated or foreign tags are refused") {
  CHECK(has(message(parse_com(build_com({0x61, 0x61}))), "names 61 twice"));
  CHECK(has(message(parse_com(build_com({0x61, 0x05}))), "holds 05"));
  CHECK(has(message(parse_com(build_com({}))), "0 entries"));
}
