#include "tools/dataset/record_json.hpp"

#include <string>

namespace ektp::dataset {

using chip::CitizenRecord;

nlohmann::json record_to_json(const CitizenRecord& r) {
  return {{"province", r.province},
          {"regency_city", r.regency_city},
          {"nik", r.nik},
          {"name", r.name},
          {"birth_place", r.birth_place},
          {"birth_date", r.birth_date.dmy()},
          {"sex", chip::sex_text(r.sex)},
          {"blood_type", r.blood_type},
          {"address", r.address},
          {"rt_rw", r.rt_rw},
          {"kelurahan_desa", r.kelurahan_desa},
          {"kecamatan", r.kecamatan},
          {"religion", r.religion},
          {"marital_status", r.marital_status},
          {"occupation", r.occupation},
          {"citizenship", r.citizenship},
          {"validity", r.validity_text()},
          {"issuing_city", r.issuing_city},
          {"issue_date", r.issue_date.dmy()},
          {"can", r.can}};
}

Result<CitizenRecord> record_from_json(const nlohmann::json& json) {
  if (!json.is_object())
    return fail("dataset.bad_json", "The citizen record must be a JSON object.");
  CitizenRecord r;
  const auto text = [&](const char* key, std::string& out) -> Result<void> {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_string()) {
      return fail("dataset.bad_json",
                  std::string("The citizen record has no text field \"") + key + "\".");
    }
    out = it->get<std::string>();
    return ok();
  };
  std::string birth, issue, sex, validity;
  struct Field {
    const char* key;
    std::string& out;
  };
  const Field fields[] = {{"province", r.province},
                          {"regency_city", r.regency_city},
                          {"nik", r.nik},
                          {"name", r.name},
                          {"birth_place", r.birth_place},
                          {"birth_date", birth},
                          {"sex", sex},
                          {"blood_type", r.blood_type},
                          {"address", r.address},
                          {"rt_rw", r.rt_rw},
                          {"kelurahan_desa", r.kelurahan_desa},
                          {"kecamatan", r.kecamatan},
                          {"religion", r.religion},
                          {"marital_status", r.marital_status},
                          {"occupation", r.occupation},
                          {"citizenship", r.citizenship},
                          {"validity", validity},
                          {"issuing_city", r.issuing_city},
                          {"issue_date", issue},
                          {"can", r.can}};
  for (const auto& f : fields) {
    if (auto v = text(f.key, f.out); !v) return v.error();
  }
  auto b = chip::parse_dmy(birth, "date of birth");
  if (!b) return b.error();
  r.birth_date = *b;
  auto i = chip::parse_dmy(issue, "date of issue");
  if (!i) return i.error();
  r.issue_date = *i;
  if (sex == chip::sex_text(chip::Sex::male)) {
    r.sex = chip::Sex::male;
  } else if (sex == chip::sex_text(chip::Sex::female)) {
    r.sex = chip::Sex::female;
  } else {
    return fail("dataset.bad_json", "The citizen record's sex must be LAKI-LAKI or PEREMPUAN.");
  }
  if (validity != chip::kLifetime) {
    auto v = chip::parse_dmy(validity, "validity");
    if (!v) return v.error();
    r.valid_until = *v;
  }
  if (auto v = chip::validate(r); !v) return v.error();
  return r;
}

}  // namespace ektp::dataset
