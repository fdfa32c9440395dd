#include "chip/bundle_verify.hpp"

#include <openssl/objects.h>

#include <charconv>
#include <cstring>

#include "chip/bundle_json.hpp"
#include "chip/chip_messages_bundle.hpp"
#include "chip/chip_messages_record.hpp"
#include "chip/chip_messages_trust.hpp"
#include "chip/cms_signed.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/mrz.hpp"

namespace ektp::chip {

namespace {

Error refused(const char* code, const std::string& what) {
  return fail(code, msg::say(msg::bundle_refused, what));
}

/// The outer DER SEQUENCE's declared length against the bytes present, so a cut-off
/// bundle is told apart from a damaged one.
Result<void> check_outer_length(std::span<const std::uint8_t> d) {
  if (d.size() < 2 || d[0] != 0x30)
    return refused("bundle.malformed", msg::say(msg::bundle_not_cms));
  std::size_t header = 2, len = d[1];
  if (len & 0x80) {
    const std::size_t n = len & 0x7F;
    if (n == 0 || n > 4) return refused("bundle.malformed", msg::say(msg::bundle_length_field));
    if (d.size() < 2 + n) return refused("bundle.truncated", msg::say(msg::bundle_cut_first));
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d[2 + i];
    header += n;
  }
  if (d.size() - header < len) {
    return refused("bundle.truncated", msg::say(msg::bundle_cut, d.size(), header + len));
  }
  if (d.size() - header > len) return refused("bundle.malformed", msg::say(msg::cms_trailing));
  return ok();
}

using ParsedCms = SignedCms;

Result<ParsedCms> parse_cms(std::span<const std::uint8_t> der) {
  if (auto r = check_outer_length(der); !r) return r.error();
  static constexpr SignedCmsRules rules{"bundle", kBundleContentTypeOid,
                                        msg::content_job_bundle.english,
                                        BundleLimits::max_certificates, &refused};
  return parse_signed_cms(der, rules);
}

Result<void> check_signature(ParsedCms& parsed) {
  clear_openssl_errors();
  X509StackPtr certs(sk_X509_new_null());
  sk_X509_push(certs.get(), share(parsed.signer.get()).release());
  // The chain is checked by the TrustStore (pinned Job CA, role, CRL), not here.
  const unsigned flags = CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | CMS_NOINTERN;
  if (CMS_verify(parsed.cms.get(), certs.get(), nullptr, nullptr, nullptr, flags) != 1) {
    openssl_error_text();
    return fail("bundle.signature_invalid", msg::say(msg::bundle_signature_invalid));
  }
  return ok();
}

Error mismatch(const char* code, const std::string& field) {
  // Field names are catalogue entries (field_* in chip_messages_record/_bundle.hpp).
  return fail(code, msg::say(msg::bundle_face_mismatch, i18n::translate(field.c_str())));
}

/// DG11's NIK and name, DG1's MRZ, then every other field read back from the data
/// groups, against the JSON's face fields. Messages name the field only.
Result<void> compare_face(const CitizenRecord& face, const CitizenRecord& chip,
                          std::span<const std::uint8_t> dg1) {
  if (chip.nik != face.nik) return mismatch("bundle.nik_mismatch", msg::field_nik_dg11.english);
  if (chip.name != face.name) return mismatch("bundle.name_mismatch", msg::field_name_dg11.english);
  auto expected = make_td1(face);
  auto present = parse_dg1(dg1);
  if (!expected || !present || present->mrz != *expected) {
    return mismatch("bundle.mrz_mismatch", msg::field_mrz.english);
  }
  struct Field {
    const char* name;
    bool same;
  };
  const Field fields[] = {
      {msg::field_province.english, chip.province == face.province},
      {msg::field_regency_city.english, chip.regency_city == face.regency_city},
      {msg::field_birth_place.english, chip.birth_place == face.birth_place},
      {msg::field_birth_date.english, chip.birth_date == face.birth_date},
      {msg::field_sex.english, chip.sex == face.sex},
      {msg::field_blood_type.english, chip.blood_type == face.blood_type},
      {msg::field_address.english, chip.address == face.address},
      {msg::field_rt_rw.english, chip.rt_rw == face.rt_rw},
      {msg::field_kelurahan_desa.english, chip.kelurahan_desa == face.kelurahan_desa},
      {msg::field_kecamatan.english, chip.kecamatan == face.kecamatan},
      {msg::field_religion.english, chip.religion == face.religion},
      {msg::field_marital_status.english, chip.marital_status == face.marital_status},
      {msg::field_occupation.english, chip.occupation == face.occupation},
      {msg::field_citizenship.english, chip.citizenship == face.citizenship},
      {msg::field_validity.english, chip.valid_until == face.valid_until},
      {msg::field_issuing_city.english, chip.issuing_city == face.issuing_city},
      {msg::field_issue_date.english, chip.issue_date == face.issue_date},
  };
  for (const auto& f : fields) {
    if (!f.same) return mismatch("bundle.face_mismatch", f.name);
  }
  return ok();
}

}  // namespace

DataGroups data_groups_of(const Dataset& dataset) {
  DataGroups groups;
  for (const auto& f : dataset.files) {
    const char* name = f.spec.name;
    if (std::strncmp(name, "DG", 2) != 0) continue;
    int number = 0;
    const auto end = name + std::strlen(name);
    if (std::from_chars(name + 2, end, number).ptr == end) groups[number] = f.content;
  }
  return groups;
}

Result<VerifiedBundle> verify_bundle(std::span<const std::uint8_t> der, const TrustStore& trust,
                                     std::int64_t now, const BundleVerifyOptions& options) {
  // 1. Size, before anything is parsed.
  if (der.empty()) return refused("bundle.empty", msg::say(msg::bundle_empty));
  if (der.size() > BundleLimits::bundle_bytes) {
    return refused("bundle.too_large",
                   msg::say(msg::bundle_too_large, der.size(), BundleLimits::bundle_bytes));
  }
  // 2.-3. CMS structure and signature.
  auto cms = parse_cms(der);
  if (!cms) return cms.error();
  if (auto s = check_signature(*cms); !s) return s.error();
  // 4. The signer may sign jobs: role, chain to the pinned Job CA, dates, CRL.
  std::vector<X509*> untrusted;
  for (const auto& c : cms->certificates) {
    if (c.get() != cms->signer.get()) untrusted.push_back(c.get());
  }
  auto signer = trust.verify_signer(cms->signer.get(), Role::job_signer, now, untrusted);
  if (!signer) {
    std::string reason = signer.error().code;
    if (reason.rfind("pki.", 0) == 0) reason = reason.substr(4);
    return fail("bundle.signer." + reason,
                msg::say(msg::bundle_signer_refused, signer.error().message));
  }
  // 5.-7. JSON, schema, base64.
  auto content = parse_bundle_json(cms->content);
  if (!content) return content.error();
  // 8. The data set parses.
  VerifiedBundle out;
  for (const auto& spec : profile_files()) {
    out.dataset.files.push_back({spec, std::move(content->chip.at(spec.name))});
  }
  auto chip_data = parse_dataset(out.dataset);
  if (!chip_data) return chip_data.error();
  // 9. Passive authentication of EF.SOD over the data groups.
  const LdsFile& ef_sod = out.dataset.files.back();
  auto pa = verify_passive_auth(ef_sod.content, data_groups_of(out.dataset), trust, now);
  if (!pa) return pa.error();
  // 10. The chip agrees with the printed face.
  const LdsFile* dg1 = out.dataset.find(0x0101);
  if (!dg1) return refused("bundle.malformed", msg::say(msg::bundle_no_dg1));
  if (auto c = compare_face(content->record, chip_data->record, dg1->content); !c) {
    return c.error();
  }
  // 11. The data set fits the card.
  if (auto f = out.dataset.fits(options.card_capacity, options.per_file_overhead); !f) {
    return f.error();
  }
  out.job_id = std::move(content->job_id);
  out.nik = content->record.nik;
  out.priority = content->priority;
  out.pickup_date = content->pickup_date;
  out.created_at = std::move(content->created_at);
  out.record = std::move(content->record);
  out.photo = std::move(content->photo);
  out.signature = std::move(content->signature);
  out.content_hash = sha256(der);
  out.signer_subject = signer->subject;
  out.sod = std::move(*pa);
  return out;
}

}  // namespace ektp::chip
