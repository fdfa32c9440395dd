#include "chip/bundle_json.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <variant>
#include <vector>

#include "chip/chip_messages_bundle.hpp"
#include "chip/json_reader.hpp"
#include "chip/lds_dataset.hpp"

namespace ektp::chip {

namespace {

using nlohmann::json;

Error field_error(const char* code, const std::string& field, const std::string& what) {
  return fail(code, msg::say(msg::bundle_field_refused, field, what));
}

bool digits_at(const std::string& s, std::size_t at, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

/// "YYYY-MM-DD", a real date (the value itself never goes into a message).
Result<Date> parse_iso_date(const std::string& s, const std::string& field) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, 0, 4, d.year) ||
      !digits_at(s, 5, 2, d.month) || !digits_at(s, 8, 2, d.day) || !d.valid()) {
    return field_error("bundle.field_invalid", field, msg::say(msg::bundle_not_iso_date));
  }
  return d;
}

bool is_uuid_v4(const std::string& s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

bool is_rfc3339_utc(const std::string& s) {
  // Exactly "YYYY-MM-DDTHH:MM:SSZ": one spelling, so equal instants compare equal.
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
  int h = 0, m = 0, sec = 0;
  if (!parse_iso_date(s.substr(0, 10), "").ok()) return false;
  return digits_at(s, 11, 2, h) && digits_at(s, 14, 2, m) && digits_at(s, 17, 2, sec) && h < 24 &&
         m < 60 && sec < 60;
}

Error unknown_field(const std::string& prefix, const std::string& key) {
  // The unknown key is the sender's text: shown short and plain.
  std::string shown = key.size() <= 40 ? key : key.substr(0, 40) + "...";
  for (char& c : shown) {
    if (c < 0x20 || c > 0x7E) c = '?';
  }
  return fail("bundle.unknown_field", msg::say(msg::bundle_unknown_field, prefix + shown));
}

/// An object's keys: exactly `allowed`, each present.
Result<void> check_keys(const json& obj, std::initializer_list<const char*> allowed,
                        const std::string& prefix) {
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) return unknown_field(prefix, key);
  }
  for (const char* a : allowed) {
    if (!obj.contains(a)) {
      return field_error("bundle.missing_field", prefix + a, msg::say(msg::bundle_missing));
    }
  }
  return ok();
}

Result<std::string> text(const json& obj, const std::string& key, const std::string& prefix,
                         std::size_t max = BundleLimits::text_bytes) {
  const json& v = obj.at(key);
  if (!v.is_string())
    return field_error("bundle.field_type", prefix + key, msg::say(msg::bundle_not_text));
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > max) {
    return field_error("bundle.field_too_long", prefix + key,
                       msg::say(msg::bundle_too_long, s.size(), max));
  }
  return s;
}

/// Read the face fields into `r` (all present and text: checked by the caller).
Result<void> read_face(const json& face, CitizenRecord& r) {
  const std::string p = "face.";
  struct Plain {
    const char* key;
    std::string CitizenRecord::*member;
  };
  static const Plain plain[] = {
      {"province", &CitizenRecord::province},
      {"regency_city", &CitizenRecord::regency_city},
      {"name", &CitizenRecord::name},
      {"birth_place", &CitizenRecord::birth_place},
      {"blood_type", &CitizenRecord::blood_type},
      {"address", &CitizenRecord::address},
      {"rt_rw", &CitizenRecord::rt_rw},
      {"kelurahan_desa", &CitizenRecord::kelurahan_desa},
      {"kecamatan", &CitizenRecord::kecamatan},
      {"religion", &CitizenRecord::religion},
      {"marital_status", &CitizenRecord::marital_status},
      {"occupation", &CitizenRecord::occupation},
      {"citizenship", &CitizenRecord::citizenship},
      {"issuing_city", &CitizenRecord::issuing_city},
  };
  for (const auto& f : plain) {
    auto v = text(face, f.key, p);
    if (!v) return v.error();
    r.*f.member = std::move(*v);
  }
  auto birth = text(face, "birth_date", p);
  if (!birth) return birth.error();
  auto birth_date = parse_iso_date(*birth, p + "birth_date");
  if (!birth_date) return birth_date.error();
  r.birth_date = *birth_date;
  auto issue = text(face, "issue_date", p);
  if (!issue) return issue.error();
  auto issue_date = parse_iso_date(*issue, p + "issue_date");
  if (!issue_date) return issue_date.error();
  r.issue_date = *issue_date;
  auto sex = text(face, "sex", p);
  if (!sex) return sex.error();
  if (*sex == sex_text(Sex::male)) {
    r.sex = Sex::male;
  } else if (*sex == sex_text(Sex::female)) {
    r.sex = Sex::female;
  } else {
    return field_error("bundle.field_invalid", p + "sex", msg::say(msg::bundle_sex));
  }
  auto valid = text(face, "valid_until", p);
  if (!valid) return valid.error();
  if (*valid == kLifetime) {
    r.valid_until.reset();
  } else {
    auto until = parse_iso_date(*valid, p + "valid_until");
    if (!until) {
      return field_error("bundle.field_invalid", p + "valid_until",
                         msg::say(msg::bundle_valid_until));
    }
    r.valid_until = *until;
  }
  return ok();
}

bool is_jpeg(const Bytes& b) {
  return b.size() >= 5 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF && b[b.size() - 2] == 0xFF &&
         b[b.size() - 1] == 0xD9;
}

/// Step 1: the JSON text itself (size, syntax, depth, duplicate keys).
Result<json> read_json(std::span<const std::uint8_t> text) {
  if (text.size() > BundleLimits::json_bytes) {
    return fail("bundle.json_too_large",
                msg::say(msg::bundle_json_too_large, text.size(), BundleLimits::json_bytes));
  }
  auto read = read_strict_json(text, BundleLimits::json_depth);
  if (auto* doc = std::get_if<json>(&read)) return std::move(*doc);
  const JsonRefusal refusal = std::get<JsonRefusal>(read);
  switch (refusal.kind) {
    case JsonRefusal::Kind::too_deep:
      return fail("bundle.json_too_deep",
                  msg::say(msg::bundle_json_too_deep, BundleLimits::json_depth));
    case JsonRefusal::Kind::duplicate_key:
      return fail("bundle.json_duplicate_key", msg::say(msg::bundle_json_duplicate));
    case JsonRefusal::Kind::malformed:
      break;
  }
  // Only the position: never the content (personal data).
  return fail("bundle.json_malformed", msg::say(msg::bundle_json_malformed, refusal.offset));
}

}  // namespace

Result<BundleContent> parse_bundle_json(std::span<const std::uint8_t> text_bytes) {
  auto parsed = read_json(text_bytes);
  if (!parsed) return parsed.error();
  const json& doc = *parsed;
  if (!doc.is_object()) {
    return fail("bundle.field_type", msg::say(msg::bundle_not_json_object));
  }
  // Step 2: the schema. The version first, so a newer format gets a clear message.
  if (doc.contains("version")) {
    const json& v = doc.at("version");
    if (!v.is_number_integer() || v.get<long long>() != kBundleJsonVersion) {
      return fail("bundle.unsupported_version", msg::say(msg::bundle_version, kBundleJsonVersion));
    }
  }
  auto keys = check_keys(doc,
                         {"version", "job_id", "nik", "can", "priority", "pickup_date",
                          "created_at", "face", "photo", "signature", "chip"},
                         "");
  if (!keys) return keys.error();
  BundleContent out;
  auto job_id = text(doc, "job_id", "");
  if (!job_id) return job_id.error();
  if (!is_uuid_v4(*job_id)) {
    return field_error("bundle.field_invalid", "job_id", msg::say(msg::bundle_job_id));
  }
  out.job_id = *job_id;
  const json& priority = doc.at("priority");
  if (!priority.is_number_integer()) {
    return field_error("bundle.field_type", "priority", msg::say(msg::bundle_not_whole_number));
  }
  const long long prio = priority.get<long long>();
  if (prio < BundleLimits::priority_min || prio > BundleLimits::priority_max) {
    return field_error(
        "bundle.field_invalid", "priority",
        msg::say(msg::bundle_outside, BundleLimits::priority_min, BundleLimits::priority_max));
  }
  out.priority = static_cast<int>(prio);
  auto pickup = text(doc, "pickup_date", "");
  if (!pickup) return pickup.error();
  auto pickup_date = parse_iso_date(*pickup, "pickup_date");
  if (!pickup_date) return pickup_date.error();
  out.pickup_date = *pickup_date;
  auto created = text(doc, "created_at", "");
  if (!created) return created.error();
  if (!is_rfc3339_utc(*created)) {
    return field_error("bundle.field_invalid", "created_at", msg::say(msg::bundle_created_at));
  }
  out.created_at = *created;
  auto nik = text(doc, "nik", "");
  if (!nik) return nik.error();
  out.record.nik = *nik;
  auto can = text(doc, "can", "");
  if (!can) return can.error();
  out.record.can = *can;

  const json& face = doc.at("face");
  if (!face.is_object())
    return field_error("bundle.field_type", "face", msg::say(msg::bundle_not_object));
  auto face_keys = check_keys(
      face,
      {"province", "regency_city", "name", "birth_place", "birth_date", "sex", "blood_type",
       "address", "rt_rw", "kelurahan_desa", "kecamatan", "religion", "marital_status",
       "occupation", "citizenship", "valid_until", "issuing_city", "issue_date"},
      "face.");
  if (!face_keys) return face_keys.error();
  if (auto f = read_face(face, out.record); !f) return f.error();
  if (auto v = validate(out.record); !v) {
    return fail("bundle.face_invalid", v.error().message);
  }

  // Binary fields: only their type here; base64_decode bounds their length before
  // decoding them in step 3.
  const auto binary = [](const json& obj, const char* key,
                         const std::string& field) -> Result<const std::string*> {
    const json& v = obj.at(key);
    if (!v.is_string())
      return field_error("bundle.field_type", field, msg::say(msg::bundle_not_base64_text));
    return &v.get_ref<const std::string&>();
  };
  auto photo = binary(doc, "photo", "photo");
  if (!photo) return photo.error();
  auto signature = binary(doc, "signature", "signature");
  if (!signature) return signature.error();
  const json& chip = doc.at("chip");
  if (!chip.is_object())
    return field_error("bundle.field_type", "chip", msg::say(msg::bundle_not_object));
  for (const auto& [key, value] : chip.items()) {
    if (!find_spec(key)) return unknown_field("chip.", key);
  }
  std::vector<std::pair<std::string, const std::string*>> files;
  for (const auto& spec : profile_files()) {
    const std::string field = std::string("chip.") + spec.name;
    if (!chip.contains(spec.name))
      return field_error("bundle.missing_field", field, msg::say(msg::bundle_missing));
    auto t = binary(chip, spec.name, field);
    if (!t) return t.error();
    files.emplace_back(spec.name, *t);
  }

  // Step 3: base64, each bounded before decoding.
  auto photo_bytes = base64_decode(**photo, BundleLimits::photo_bytes, "photo");
  if (!photo_bytes) return photo_bytes.error();
  if (!is_jpeg(*photo_bytes)) {
    return field_error("bundle.not_jpeg", "photo", msg::say(msg::bundle_not_jpeg));
  }
  out.photo = std::move(*photo_bytes);
  auto sig_bytes = base64_decode(**signature, BundleLimits::signature_bytes, "signature");
  if (!sig_bytes) return sig_bytes.error();
  if (!is_jpeg(*sig_bytes)) {
    return field_error("bundle.not_jpeg", "signature", msg::say(msg::bundle_not_jpeg));
  }
  out.signature = std::move(*sig_bytes);
  for (const auto& [name, encoded] : files) {
    auto bytes = base64_decode(*encoded, BundleLimits::chip_file_bytes, "chip." + name);
    if (!bytes) return bytes.error();
    out.chip[name] = std::move(*bytes);
  }
  return out;
}

}  // namespace ektp::chip
