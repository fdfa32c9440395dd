// Writing the bundle JSON (the reader, which treats it as hostile, is bundle_json.cpp).

#include <cstdio>
#include <nlohmann/json.hpp>

#include "chip/bundle_json.hpp"
#include "chip/lds_dataset.hpp"

namespace ektp::chip {

namespace {

std::string iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace

std::string bundle_to_json(const BundleContent& c) {
  const CitizenRecord& r = c.record;
  nlohmann::ordered_json face;
  face["province"] = r.province;
  face["regency_city"] = r.regency_city;
  face["name"] = r.name;
  face["birth_place"] = r.birth_place;
  face["birth_date"] = iso_date(r.birth_date);
  face["sex"] = sex_text(r.sex);
  face["blood_type"] = r.blood_type;
  face["address"] = r.address;
  face["rt_rw"] = r.rt_rw;
  face["kelurahan_desa"] = r.kelurahan_desa;
  face["kecamatan"] = r.kecamatan;
  face["religion"] = r.religion;
  face["marital_status"] = r.marital_status;
  face["occupation"] = r.occupation;
  face["citizenship"] = r.citizenship;
  face["valid_until"] = r.valid_until ? iso_date(*r.valid_until) : std::string(kLifetime);
  face["issuing_city"] = r.issuing_city;
  face["issue_date"] = iso_date(r.issue_date);
  nlohmann::ordered_json chip = nlohmann::ordered_json::object();
  for (const auto& spec : profile_files()) {
    if (auto it = c.chip.find(spec.name); it != c.chip.end())
      chip[spec.name] = base64_encode(it->second);
  }
  for (const auto& [name, content] : c.chip) {  // names outside the profile (tests)
    if (!chip.contains(name)) chip[name] = base64_encode(content);
  }
  nlohmann::ordered_json doc;
  doc["version"] = kBundleJsonVersion;
  doc["job_id"] = c.job_id;
  doc["nik"] = r.nik;
  doc["can"] = r.can;
  doc["priority"] = c.priority;
  doc["pickup_date"] = iso_date(c.pickup_date);
  doc["created_at"] = c.created_at;
  doc["face"] = std::move(face);
  doc["photo"] = base64_encode(c.photo);
  doc["signature"] = base64_encode(c.signature);
  doc["chip"] = std::move(chip);
  return doc.dump();
}

}  // namespace ektp::chip
