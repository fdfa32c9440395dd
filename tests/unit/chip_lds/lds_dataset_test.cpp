// The whole KTP-OPEN data set: built from one record, read back equal,
// files in profile order, sizes checked against the card.
#include <doctest/doctest.h>

#include "chip/lds_dataset.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/tlv.hpp"
#include "support/require_ok.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"

using namespace ektp::chip;
using namespace ektp::chip::test;

namespace {

/// Stand-in for central's EF.SOD with the profile's budgeted size (about
/// 1.3 KB); the real one comes from the SOD module.
LdsFile placeholder_sod(std::size_t size = 1300) {
  return {*find_spec("EF.SOD"), make_tlv(0x77, Bytes(size - 4, 0x30))};
}

constexpr std::size_t kFileOverhead = 32;  // an assumed FCP/file-system cost per file

}  // namespace

TEST_CASE("the profile's files, FIDs and SFIs") {
  const auto files = profile_files();
  REQUIRE(files.size() == 9);
  const std::vector<std::tuple<std::string, int, int, int>> want = {
      {"EF.COM", 0x011E, 0x1E, 0x60}, {"DG1", 0x0101, 0x01, 0x61},  {"DG2", 0x0102, 0x02, 0x75},
      {"DG3", 0x0103, 0x03, 0x63},    {"DG7", 0x0107, 0x07, 0x67},  {"DG11", 0x010B, 0x0B, 0x6B},
      {"DG12", 0x010C, 0x0C, 0x6C},   {"DG13", 0x010D, 0x0D, 0x6D}, {"EF.SOD", 0x011D, 0x1D, 0x77},
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    CHECK(files[i].name == std::get<0>(want[i]));
    CHECK(files[i].fid == std::get<1>(want[i]));
    CHECK(files[i].sfi == std::get<2>(want[i]));
    CHECK(files[i].tag == std::get<3>(want[i]));
  }
  CHECK(find_spec("DG4") == nullptr);
}

TEST_CASE("a full data set round-trips: build, parse, equal (without the CAN)") {
  const DatasetInput in = sample_input();
  auto d = build_dataset(in);
  REQUIRE_OK(d);
  REQUIRE(d->files.size() == 8);
  CHECK(std::string(d->files[0].spec.name) == "EF.COM");
  CHECK(std::string(d->files[7].spec.name) == "DG13");
  for (const auto& f : d->files) {
    CAPTURE(f.spec.name);
    CHECK(f.content.at(0) == f.spec.tag);
  }
  auto back = parse_dataset(*d);
  REQUIRE_OK(back);
  DatasetInput expected = in;
  expected.record.can.clear();
  CHECK(*back == expected);

  // A man with a dated validity, a foreign resident, a long name.
  DatasetInput other = sample_input(2000, 500);
  other.record.sex = Sex::male;
  other.record.nik = "3273011708900003";
  other.record.valid_until = Date{2029, 8, 17};
  other.record.citizenship = "WNA";
  other.record.name = "RADEN MAS GUSTI KANJENG PANGERAN ARYA WIJAYA KUSUMA";
  auto d2 = build_dataset(other);
  REQUIRE_OK(d2);
  auto back2 = parse_dataset(*d2);
  REQUIRE_OK(back2);
  other.record.can.clear();
  CHECK(*back2 == other);

  // EF.SOD alongside is accepted and left to passive authentication.
  d->files.push_back(placeholder_sod());
  CHECK_OK(parse_dataset(*d));
}

TEST_CASE("an 8 KB card takes the budgeted data set; a 24 KB one needs the 32 KB card") {
  auto d = build_dataset(sample_input(3500, 1000));  // DG2 3.5 KB, DG3 0.8 KB, DG7 1 KB
  REQUIRE_OK(d);
  d->files.push_back(placeholder_sod());
  MESSAGE("8 KB data set: " << d->total_bytes() << " bytes");
  CHECK(d->total_bytes() > 6800);
  CHECK(d->total_bytes() < 7300);
  CHECK_OK(d->fits(8192, kFileOverhead));

  auto large = build_dataset(sample_input(20500, 1000));
  REQUIRE_OK(large);
  large->files.push_back(placeholder_sod());
  CHECK(large->total_bytes() > 23500);
  CHECK(large->total_bytes() < 24600);
  auto refused = large->fits(8192, kFileOverhead);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "dataset.too_large");
  MESSAGE(refused.error().message);
  const std::string need = std::to_string(large->total_bytes() + 9 * kFileOverhead);
  CHECK(refused.error().message.find("needs " + need + " bytes") != std::string::npos);
  CHECK(refused.error().message.find("card holds 8192") != std::string::npos);
  CHECK_OK(large->fits(32768, kFileOverhead));
  // Overhead counts: exactly full fits, one byte more does not.
  CHECK_OK(d->fits(d->total_bytes() + 9 * kFileOverhead, kFileOverhead));
  CHECK_FALSE(d->fits(d->total_bytes() + 9 * kFileOverhead - 1, kFileOverhead).ok());
}

TEST_CASE("a data set with files missing, repeated, unknown or disagreeing is refused") {
  const DatasetInput in = sample_input(1000, 300);
  const Dataset good = build_dataset(in).value();
  const auto refusal = [](const Dataset& d) {
    auto r = parse_dataset(d);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };

  Dataset missing = good;
  missing.files.erase(missing.files.begin() + 3);  // DG3
  CHECK(refusal(missing).find("DG3 is not valid: the file is missing") != std::string::npos);

  Dataset twice = good;
  twice.files.push_back(good.files[1]);
  CHECK(refusal(twice).find("FID 0101 is not valid: it appears twice") != std::string::npos);

  Dataset unknown = good;
  unknown.files.push_back({{"DG4", 0x0104, 0x04, 0x76}, make_tlv(0x76, Bytes{})});
  CHECK(refusal(unknown).find("FID 0104 is not valid: it is not a file of the KTP-OPEN") !=
        std::string::npos);

  // DG1 built for another name (and another sex): no check digit covers
  // them, so only the comparison with DG11 finds it.
  CitizenRecord other = in.record;
  other.name = "SITI NURHALIZA PUTRA";
  Dataset renamed = good;
  renamed.files[1].content = build_dg1(other).value();
  CHECK(refusal(renamed).find("DG1 is not valid: its MRZ does not agree with DG11") !=
        std::string::npos);

  // EF.COM that does not list DG13.
  Dataset com = good;
  com.files[0].content =
      build_dataset(in).value().files[0].content;  // start from a good one, then drop a tag
  com.files[0].content = make_tlv(0x60, [] {
    Bytes inner;
    append_tlv(inner, 0x5F01, std::string("0108"));
    append_tlv(inner, 0x5F36, std::string("040000"));
    append_tlv(inner, 0x5C, Bytes{0x61, 0x75, 0x63, 0x67, 0x6B, 0x6C});
    return inner;
  }());
  CHECK(refusal(com).find("EF.COM is not valid: its data-group list does not match") !=
        std::string::npos);

  // EF.COM announcing another LDS version (the SOD does not cover EF.COM).
  Dataset version = good;
  version.files[0].content = make_tlv(0x60, [] {
    Bytes inner;
    append_tlv(inner, 0x5F01, std::string("0054"));
    append_tlv(inner, 0x5F36, std::string("040000"));
    append_tlv(inner, 0x5C, Bytes{0x61, 0x75, 0x63, 0x67, 0x6B, 0x6C, 0x6D});
    return inner;
  }());
  CHECK(refusal(version).find("EF.COM is not valid: it announces LDS version 0054") !=
        std::string::npos);

  // The record must be valid before anything is built.
  DatasetInput bad = in;
  bad.record.can = "12";
  auto r = build_dataset(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("CAN") != std::string::npos);
}
