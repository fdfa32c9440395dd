#include "chip/cms_signed.hpp"

#include <cstring>

#include "chip/chip_messages_trust.hpp"

namespace ektp::chip {
namespace {

std::string code(const SignedCmsRules& rules, const char* what) {
  return std::string(rules.code_prefix) + "." + what;
}

bool sha2(int nid) { return nid == NID_sha256 || nid == NID_sha384 || nid == NID_sha512; }

}  // namespace

Result<SignedCms> parse_signed_cms(std::span<const std::uint8_t> der, const SignedCmsRules& rules) {
  const auto refuse = [&](const char* what, const std::string& words) {
    return rules.refused(code(rules, what).c_str(), words);
  };
  clear_openssl_errors();
  SignedCms out;
  const unsigned char* p = der.data();
  out.cms.reset(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!out.cms) {
    openssl_error_text();  // drains the queue; the details are OpenSSL's, not for people
    return refuse("malformed", msg::say(msg::cms_unreadable));
  }
  if (p != der.data() + der.size()) return refuse("malformed", msg::say(msg::cms_trailing));
  if (OBJ_obj2nid(CMS_get0_type(out.cms.get())) != NID_pkcs7_signed) {
    return refuse("malformed", msg::say(msg::cms_not_signed_data));
  }
  char oid[128] = "";
  OBJ_obj2txt(oid, sizeof oid, CMS_get0_eContentType(out.cms.get()), 1);
  if (std::strcmp(oid, rules.content_type_oid) != 0) {
    return refuse("content_type",
                  msg::say(msg::cms_content_type, oid,
                           // content_name is a catalogue entry
                           i18n::translate(rules.content_name), rules.content_type_oid));
  }
  ASN1_OCTET_STRING** content = CMS_get0_content(out.cms.get());
  if (!content || !*content) return refuse("malformed", msg::say(msg::cms_no_content));
  out.content = {ASN1_STRING_get0_data(*content),
                 static_cast<std::size_t>(ASN1_STRING_length(*content))};

  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(out.cms.get());
  const int signers = sk_CMS_SignerInfo_num(infos);
  if (signers != 1) {
    return refuse("signer_count", msg::say(msg::cms_signer_count, signers));
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
  if (!digest || !sha2(OBJ_obj2nid(digest->algorithm))) {
    return refuse("digest_algorithm", msg::say(msg::cms_digest));
  }
  X509StackPtr certs(CMS_get1_certs(out.cms.get()));
  const int count = certs ? sk_X509_num(certs.get()) : 0;
  if (count > rules.max_certificates) {
    return refuse("malformed", msg::say(msg::cms_certificates, count, rules.max_certificates));
  }
  for (int i = 0; i < count; ++i) {
    X509* c = sk_X509_value(certs.get(), i);
    if (!out.signer && CMS_SignerInfo_cert_cmp(si, c) == 0) out.signer = share(c);
    out.certificates.push_back(share(c));
  }
  if (!out.signer) return refuse("no_signer_certificate", msg::say(msg::cms_no_signer_certificate));
  return out;
}

}  // namespace ektp::chip
