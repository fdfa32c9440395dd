#include "chip/bundle_verify.hpp"

#include <openssl/objects.h>

#include <charconv>
#include <cstring>

#include "chip/bundle_json.hpp"
#include "chip/cms_signed.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/mrz.hpp"

namespace ektp::chip {

namespace {

const std::string kAskAgain = " Ask central to send the job again.";

Error refused(const char* code, const std::string& what) {
  return fail(code, "The job bundle " + what + "." + kAskAgain);
}

/// The outer DER SEQUENCE's declared length against the bytes present, so a cut-off
/// bundle is told apart from a damaged one.
Result<void> check_outer_length(std::span<const std::uint8_t> d) {
  if (d.size() < 2 || d[0] != 0x30) return refused("bundle.malformed", "is not a CMS structure");
  std::size_t header = 2, len = d[1];
  if (len & 0x80) {
    const std::size_t n = len & 0x7F;
    if (n == 0 || n > 4) return refused("bundle.malformed", "has an unsupported length field");
    if (d.size() < 2 + n) return refused("bundle.truncated", "is cut off in its first bytes");
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d[2 + i];
    header += n;
  }
  if (d.size() - header < len) {
    return refused("bundle.truncated", "is cut off: " + std::to_string(d.size()) + " of " +
                                           std::to_string(header + len) + " bytes present");
  }
  if (d.size() - header > len) return refused("bundle.malformed", "has bytes after its end");
  return ok();
}

using ParsedCms = SignedCms;

Result<ParsedCms> parse_cms(std::span<const std::uint8_t> der) {
  if (auto r = check_outer_length(der); !r) return r.error();
  static constexpr SignedCmsRules rules{"bundle", kBundleContentTypeOid, "a job bundle",
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
    return fail("bundle.signature_invalid",
                "The signature on the job bundle does not match its content: the bundle was "
                "altered or damaged on the way." +
                    kAskAgain);
  }
  return ok();
}

Error mismatch(const char* code, const std::string& field) {
  return fail(code, "The chip data of the job bundle disagrees with its printed face on the " +
                        field + ": the card would not match itself. Ask central to correct the " +
                        "job and send it again.");
}

/// DG11's NIK and name, DG1's MRZ, then every other field read back from the data
/// groups, against the JSON's face fields. Messages name the field only.
Result<void> compare_face(const CitizenRecord& face, const CitizenRecord& chip,
                          std::span<const std::uint8_t> dg1) {
  if (chip.nik != face.nik) return mismatch("bundle.nik_mismatch", "NIK (DG11)");
  if (chip.name != face.name) return mismatch("bundle.name_mismatch", "name (DG11)");
  auto expected = make_td1(face);
  auto present = parse_dg1(dg1);
  if (!expected || !present || present->mrz != *expected) {
    return mismatch("bundle.mrz_mismatch", "machine-readable zone (DG1)");
  }
  struct Field {
    const char* name;
    bool same;
  };
  const Field fields[] = {
      {"province", chip.province == face.province},
      {"regency/city", chip.regency_city == face.regency_city},
      {"place of birth", chip.birth_place == face.birth_place},
      {"date of birth", chip.birth_date == face.birth_date},
      {"sex", chip.sex == face.sex},
      {"blood type", chip.blood_type == face.blood_type},
      {"address", chip.address == face.address},
      {"RT/RW", chip.rt_rw == face.rt_rw},
      {"kelurahan/desa", chip.kelurahan_desa == face.kelurahan_desa},
      {"kecamatan", chip.kecamatan == face.kecamatan},
      {"religion", chip.religion == face.religion},
      {"marital status", chip.marital_status == face.marital_status},
      {"occupation", chip.occupation == face.occupation},
      {"citizenship", chip.citizenship == face.citizenship},
      {"validity", chip.valid_until == face.valid_until},
      {"issuing city", chip.issuing_city == face.issuing_city},
      {"date of issue", chip.issue_date == face.issue_date},
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
  if (der.empty()) return refused("bundle.empty", "is empty");
  if (der.size() > BundleLimits::bundle_bytes) {
    return refused("bundle.too_large", "is " + std::to_string(der.size()) +
                                           " bytes, more than the " +
                                           std::to_string(BundleLimits::bundle_bytes) + " allowed");
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
                "The job bundle's signer is not accepted: " + signer.error().message);
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
  if (!dg1) return refused("bundle.malformed", "has no DG1");
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
