#include "chip/sod.hpp"

#include <openssl/objects.h>

#include <string>

namespace ektp::chip {

namespace {

constexpr std::uint8_t kEfSodTag = 0x77;

Error refused(const char* code, const std::string& what) {
  return fail(code, "The chip security data (EF.SOD) " + what +
                        ". The data cannot be trusted; ask central to issue the job again.");
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
    return refused("sod.too_large", "is " + std::to_string(d.size()) + " bytes, more than the " +
                                        std::to_string(kMaxSodBytes) + " allowed");
  }
  if (d.size() < 2)
    return refused("sod.truncated", "is truncated (" + std::to_string(d.size()) + " bytes)");
  if (d[0] != kEfSodTag) return refused("sod.malformed", "does not start with tag 77");
  std::size_t p = 2, len = d[1];
  if (len & 0x80) {
    const std::size_t n = len & 0x7F;
    if (n == 0 || n > 2) return refused("sod.malformed", "has an unsupported length field");
    if (d.size() < 2 + n) return refused("sod.truncated", "is truncated in its length field");
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d[p++];
    if (len < 0x80 || (n == 2 && len <= 0xFF)) {
      return refused("sod.malformed", "has a non-minimal length field");
    }
  }
  if (len > kMaxSodBytes) {
    return refused("sod.too_large", "declares " + std::to_string(len) + " bytes, more than the " +
                                        std::to_string(kMaxSodBytes) + " allowed");
  }
  if (d.size() - p < len) {
    return refused("sod.truncated", "is truncated: " + std::to_string(d.size() - p) + " of " +
                                        std::to_string(len) + " bytes present");
  }
  if (d.size() - p > len) return refused("sod.malformed", "has bytes after its end");
  return d.subspan(p, len);
}

Result<Bytes> build_sod(const DataGroups& groups, X509* signer, EVP_PKEY* key) {
  auto content = encode_security_object(hash_data_groups(groups));
  if (!content) return content.error();
  clear_openssl_errors();
  const auto build_error = [](const char* step) {
    return fail("sod.build_failed",
                std::string("Could not build EF.SOD (") + step + "): " + openssl_error_text());
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
    return fail("sod.too_large",
                "The built EF.SOD is larger than " + std::to_string(kMaxSodBytes) + " bytes.");
  }
  return wrap_ef_sod(der);
}

Result<ParsedSod> parse_sod(std::span<const std::uint8_t> ef_sod) {
  auto body = unwrap_ef_sod(ef_sod);
  if (!body) return body.error();
  clear_openssl_errors();
  ParsedSod out;
  const unsigned char* p = body->data();
  out.cms.reset(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(body->size())));
  if (!out.cms) {
    openssl_error_text();
    return refused("sod.malformed", "is not a readable CMS structure");
  }
  if (p != body->data() + body->size())
    return refused("sod.malformed", "has bytes after the CMS structure");
  if (OBJ_obj2nid(CMS_get0_type(out.cms.get())) != NID_pkcs7_signed) {
    return refused("sod.malformed", "is not a CMS SignedData");
  }
  char oid[128] = "";
  OBJ_obj2txt(oid, sizeof oid, CMS_get0_eContentType(out.cms.get()), 1);
  if (std::string(oid) != kLdsSecurityObjectOid) {
    return refused("sod.content_type", std::string("holds content of type ") + oid +
                                           ", not an LDS security object (" +
                                           kLdsSecurityObjectOid + ")");
  }
  ASN1_OCTET_STRING** content = CMS_get0_content(out.cms.get());
  if (!content || !*content) return refused("sod.malformed", "has no attached content");
  const unsigned char* cdata = ASN1_STRING_get0_data(*content);
  out.content.assign(cdata, cdata + ASN1_STRING_length(*content));

  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(out.cms.get());
  if (sk_CMS_SignerInfo_num(infos) != 1) {
    return refused("sod.signer_count", "has " + std::to_string(sk_CMS_SignerInfo_num(infos)) +
                                           " signers instead of exactly one");
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
  const int md = digest ? OBJ_obj2nid(digest->algorithm) : NID_undef;
  if (md != NID_sha256 && md != NID_sha384 && md != NID_sha512) {
    return refused("sod.digest_algorithm", "is signed with a digest other than SHA-256/384/512");
  }
  X509StackPtr certs(CMS_get1_certs(out.cms.get()));
  const int count = certs ? sk_X509_num(certs.get()) : 0;
  if (count > kMaxSodCertificates) {
    return refused("sod.malformed", "carries " + std::to_string(count) + " certificates (at most " +
                                        std::to_string(kMaxSodCertificates) + ")");
  }
  for (int i = 0; i < count; ++i) {
    X509* c = sk_X509_value(certs.get(), i);
    if (!out.signer && CMS_SignerInfo_cert_cmp(si, c) == 0) out.signer = share(c);
    out.certificates.push_back(share(c));
  }
  if (!out.signer)
    return refused("sod.no_signer_certificate", "does not include its signer's certificate");
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
                "The signature on the chip security data (EF.SOD) by '" +
                    subject_text(sod.signer.get()) +
                    "' does not match its content: the data was altered or damaged. Ask central "
                    "to issue the job again. (" +
                    detail + ")");
  }
  return ok();
}

}  // namespace ektp::chip
