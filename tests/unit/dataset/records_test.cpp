// Generated citizen records: valid, deterministic and as varied as the
// station's tests and benchmarks need.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "support/require_ok.hpp"
#include "tools/dataset/record_generator.hpp"
#include "tools/dataset/record_json.hpp"
#include "tools/dataset/regions.hpp"

using namespace ektp;
using namespace ektp::dataset;

namespace {

constexpr std::uint64_t kSeed = 20260101;
constexpr int kCount = 1000;

}  // namespace

TEST_CASE("1,000 generated records all pass chip::validate") {
  for (int i = 0; i < kCount; ++i) {
    const auto r = generate_record(kSeed, static_cast<std::uint64_t>(i));
    CAPTURE(i);
    CAPTURE(r.name);
    CHECK_OK(chip::validate(r));
  }
}

TEST_CASE("generated records are varied: every listed value, long fields, both validities") {
  std::set<std::string> religions, blood, marital, citizenship, provinces_seen;
  int long_names = 0, long_addresses = 0, lifetime = 0, dated = 0, women = 0, men = 0;
  int apostrophes = 0, hyphens = 0, balinese = 0, batak = 0;
  std::size_t longest_name = 0;
  for (int i = 0; i < kCount; ++i) {
    const auto r = generate_record(kSeed, static_cast<std::uint64_t>(i));
    religions.insert(r.religion);
    blood.insert(r.blood_type);
    marital.insert(r.marital_status);
    citizenship.insert(r.citizenship);
    provinces_seen.insert(r.province);
    long_names += r.name.size() >= 50;
    longest_name = std::max(longest_name, r.name.size());
    long_addresses += r.address.size() >= 90;
    (r.valid_until ? dated : lifetime) += 1;
    (r.sex == chip::Sex::female ? women : men) += 1;
    apostrophes += r.name.find('\'') != std::string::npos;
    hyphens += r.name.find('-') != std::string::npos;
    balinese += r.name.rfind("I WAYAN", 0) == 0 || r.name.rfind("NI ", 0) == 0 ||
                r.name.rfind("I MADE", 0) == 0 || r.name.rfind("I NYOMAN", 0) == 0 ||
                r.name.rfind("I KETUT", 0) == 0;
    batak += r.name.find("SIREGAR") != std::string::npos ||
             r.name.find("NASUTION") != std::string::npos ||
             r.name.find("SIMANJUNTAK") != std::string::npos;
  }
  CHECK(religions.size() == std::size(chip::kReligions));
  CHECK(blood.size() == std::size(chip::kBloodTypes));
  CHECK(blood.count("-") == 1);
  CHECK(marital.size() == std::size(chip::kMaritalStatuses));
  CHECK(citizenship == std::set<std::string>{"WNI", "WNA"});
  CHECK(provinces_seen.size() == provinces().size());
  CHECK(long_names >= 10);
  CHECK(longest_name >= 55);
  CHECK(long_addresses >= 10);
  CHECK(lifetime > dated);
  CHECK(dated >= 50);
  CHECK(women > 400);
  CHECK(men > 400);
  CHECK(apostrophes > 0);
  CHECK(hyphens > 0);
  CHECK(balinese > 0);
  CHECK(batak > 0);
}

TEST_CASE("the NIK agrees with the region, the birth date and the sex") {
  for (int i = 0; i < 200; ++i) {
    const auto r = generate_record(kSeed, static_cast<std::uint64_t>(i));
    CAPTURE(r.nik);
    const Province* province = nullptr;
    for (const auto& p : provinces()) {
      if (r.province == p.name) province = &p;
    }
    REQUIRE(province != nullptr);
    CHECK(std::stoi(r.nik.substr(0, 2)) == province->code);
    bool regency_matches = false;
    for (const auto& reg : province->regencies) {
      regency_matches |= r.regency_city == reg.name && std::stoi(r.nik.substr(2, 2)) == reg.code;
    }
    CHECK(regency_matches);
    const int day = std::stoi(r.nik.substr(6, 2));
    CHECK(day == r.birth_date.day + (r.sex == chip::Sex::female ? 40 : 0));
    CHECK(r.can.size() == 6);
    // Holders are 17 or older on the day of issue.
    CHECK(r.issue_date.year - r.birth_date.year >= 17);
  }
}

TEST_CASE("records are the same for the same seed and index, different otherwise") {
  CHECK(generate_record(1, 5) == generate_record(1, 5));
  CHECK_FALSE(generate_record(1, 5) == generate_record(1, 6));
  CHECK_FALSE(generate_record(1, 5) == generate_record(2, 5));
  std::set<std::string> niks;
  for (int i = 0; i < kCount; ++i)
    niks.insert(generate_record(kSeed, static_cast<std::uint64_t>(i)).nik);
  CHECK(niks.size() == static_cast<std::size_t>(kCount));
}

TEST_CASE("a record survives JSON and back; bad JSON records are refused with the field named") {
  for (int i = 0; i < 50; ++i) {
    const auto r = generate_record(kSeed, static_cast<std::uint64_t>(i));
    auto back = record_from_json(record_to_json(r));
    REQUIRE_OK(back);
    CHECK(*back == r);
  }
  auto json = record_to_json(generate_record(kSeed, 1));
  json.erase("kecamatan");
  auto missing = record_from_json(json);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "dataset.bad_json");
  CHECK(missing.error().message.find("kecamatan") != std::string::npos);

  json = record_to_json(generate_record(kSeed, 1));
  json["religion"] = "KONGHUCU";  // not the printed spelling (KHONGHUCU)
  auto wrong = record_from_json(json);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "record.bad_field");
  CHECK(wrong.error().message.find("religion") != std::string::npos);
}
