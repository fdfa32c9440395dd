#include "chip/sod.hpp"

#include <openssl/objects.h>

#include <string>

#include "chip/chip_messages_trust.hpp"
#include "chip/cms_signed.hpp"

namespace ektp::chip {

namespace {

constexpr std::uint8_t kEfSodTag = 0x77;

Error refused(const char* code, const std::string& what) {
  return fail(code, msg::say(msg::sod_refused, what));
}

}  // namespace

Bytes wrap_ef_sod(std::span<const std::uint8_t> cms_der) {
  Bytes out{kEfSodTag};
  const std::size_t n = cms_der.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n <= 0xFF) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  }
  out.insert(out.end(), cms_der.begin(), cms_der.end());
  return out;
}

Result<std::span<const std::uint8_t>> unwrap_ef_sod(std::span<const std::uint8_t> d) {
  if (d.size() > kMaxSodBytes + 4) {
    return refused("sod.too_large", msg::say(msg::sod_too_large, d.size(), kMaxSodBytes));
  }
  if (d.size() < 2) return refused("sod.truncated", msg::say(msg::sod_truncated_size, d.size()));
  if (d[0] != kEfSodTag) return refused("sod.malformed", msg::say(msg::sod_no_tag));
  std::size_t p = 2, len = d[1];
  if (len & 0x80) {
    const std::size_t n = len & 0x7F;
    if (n == 0 || n > 2) return refused("sod.malformed", msg::say(msg::sod_length_field));
    if (d.size() < 2 + n) return refused("sod.truncated", msg::say(msg::sod_length_cut));
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d[p++];
    if (len < 0x80 || (n == 2 && len <= 0xFF)) {
      return refused("sod.malformed", msg::say(msg::sod_length_not_minimal));
    }
  }
  if (len > kMaxSodBytes) {
    return refused("sod.too_large", msg::say(msg::sod_declares, len, kMaxSodBytes));
  }
  if (d.size() - p < len) {
    return refused("sod.truncated", msg::say(msg::sod_truncated_of, d.size() - p, len));
  }
  if (d.size() - p > len) return refused("sod.malformed", msg::say(msg::cms_trailing));
  return d.subspan(p, len);
}

Result<Bytes> build_sod(const DataGroups& groups, X509* signer, EVP_PKEY* key) {
  auto content = encode_security_object(hash_data_groups(groups));
  if (!content) return content.error();
  clear_openssl_errors();
  const auto build_error = [](const char* step) {
    return fail("sod.build_failed", msg::say(msg::sod_build_failed, step, openssl_error_text()));
  };
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_BINARY));
  Asn1ObjectPtr type(OBJ_txt2obj(kLdsSecurityObjectOid, 1));
  if (!cms || !type || CMS_set1_eContentType(cms.get(), type.get()) != 1)
    return build_error("type");
  if (!CMS_add1_signer(cms.get(), signer, key, EVP_sha256(), CMS_BINARY | CMS_NOSMIMECAP)) {
    return build_error("signer");
  }
  BioPtr in(BIO_new_mem_buf(content->data(), static_cast<int>(content->size())));
  if (!in || CMS_final(cms.get(), in.get(), nullptr, CMS_BINARY) != 1) return build_error("sign");
  const int n = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (n <= 0) return build_error("encode");
  Bytes der(static_cast<std::size_t>(n));
  unsigned char* p = der.data();
  i2d_CMS_ContentInfo(cms.get(), &p);
  if (der.size() > kMaxSodBytes) {
    return fail("sod.too_large", msg::say(msg::sod_built_too_large, kMaxSodBytes));
  }
  return wrap_ef_sod(der);
}

Result<ParsedSod> parse_sod(std::span<const std::uint8_t> ef_sod) {
  auto body = unwrap_ef_sod(ef_sod);
  if (!body) return body.error();
  static constexpr SignedCmsRules rules{"sod", kLdsSecurityObjectOid,
                                        msg::content_lds_security_object.english,
                                        kMaxSodCertificates, &refused};
  auto parsed = parse_signed_cms(*body, rules);
  if (!parsed) return parsed.error();
  ParsedSod out;
  out.content.assign(parsed->content.begin(), parsed->content.end());
  out.cms = std::move(parsed->cms);
  out.signer = std::move(parsed->signer);
  out.certificates = std::move(parsed->certificates);
  auto hashes = parse_security_object(out.content);
  if (!hashes) return hashes.error();
  out.hashes = std::move(*hashes);
  return out;
}

Result<void> verify_sod_signature(ParsedSod& sod) {
  clear_openssl_errors();
  X509StackPtr certs(sk_X509_new_null());
  sk_X509_push(certs.get(), share(sod.signer.get()).release());
  // The chain is checked by TrustStore (pinned root, roles, CRL), not here.
  const unsigned flags = CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | CMS_NOINTERN;
  if (CMS_verify(sod.cms.get(), certs.get(), nullptr, nullptr, nullptr, flags) != 1) {
    const std::string detail = openssl_error_text();
    return fail("sod.signature_invalid",
                msg::say(msg::sod_signature_invalid, subject_text(sod.signer.get()), detail));
  }
  return ok();
}

}  // namespace ektp::chip
