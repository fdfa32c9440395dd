#include "chip/bundle.hpp"

#include <openssl/objects.h>

#include <array>

#include "chip/bundle_json.hpp"
#include "chip/chip_messages_bundle.hpp"

namespace ektp::chip {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Error bad_base64(const std::string& field, const std::string& what) {
  return fail("bundle.bad_base64", msg::say(msg::bundle_base64_refused, field, what));
}

}  // namespace

std::string base64_encode(std::span<const std::uint8_t> data) {
  std::string out;
  out.reserve(base64_length(data.size()));
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (const std::size_t rest = data.size() - i; rest > 0) {
    std::uint32_t v = data[i] << 16;
    if (rest == 2) v |= data[i + 1] << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<Bytes> base64_decode(const std::string& text, std::size_t max_bytes,
                            const std::string& field) {
  // Bounded before any decoding work.
  if (text.size() > base64_length(max_bytes)) {
    return fail("bundle.too_large_field",
                msg::say(msg::bundle_field_over, field, max_bytes, text.size()));
  }
  if (text.empty()) return bad_base64(field, msg::say(msg::bundle_base64_empty));
  if (text.size() % 4 != 0) return bad_base64(field, msg::say(msg::bundle_base64_length));
  std::size_t pad = 0;
  if (text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
  // A table lookup per character: bundles carry ~66 KB of base64 each, decoded on
  // every verification (the backlog benchmark decodes a gigabyte).
  static constexpr auto kTable = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i)
      t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    return t;
  }();
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t groups = text.size() / 4;
  Bytes out(groups * 3 - pad);
  std::uint8_t* o = out.data();
  for (std::size_t g = 0; g < groups; ++g) {
    const unsigned char* q = in + 4 * g;
    const bool last = g + 1 == groups;
    std::int32_t v = 0;
    int bad = 0;
    for (int k = 0; k < 4; ++k) {
      int s = kTable[q[k]];
      if (last && k >= 4 - static_cast<int>(pad) && q[k] == '=') s = 0;
      bad |= s;  // negative when any character is not base64
      v = (v << 6) | (s & 0x3F);
    }
    if (bad < 0) {
      std::size_t k = 0;
      while (kTable[q[k]] >= 0 || (last && k >= 4 - pad && q[k] == '=')) ++k;
      return bad_base64(field, msg::say(msg::bundle_base64_character, 4 * g + k + 1));
    }
    if (!last) {
      o[0] = static_cast<std::uint8_t>(v >> 16);
      o[1] = static_cast<std::uint8_t>(v >> 8);
      o[2] = static_cast<std::uint8_t>(v);
      o += 3;
      continue;
    }
    if ((pad == 1 && (v & 0xFF) != 0) || (pad == 2 && (v & 0xFFFF) != 0)) {
      return bad_base64(field, msg::say(msg::bundle_base64_padding));
    }
    *o++ = static_cast<std::uint8_t>(v >> 16);
    if (pad < 2) *o++ = static_cast<std::uint8_t>(v >> 8);
    if (pad < 1) *o++ = static_cast<std::uint8_t>(v);
  }
  if (out.size() > max_bytes) {
    return fail("bundle.too_large_field",
                msg::say(msg::bundle_field_decoded_over, field, out.size(), max_bytes));
  }
  return out;
}

Result<Bytes> make_bundle_from_json(const std::string& json, X509* signer, EVP_PKEY* key) {
  clear_openssl_errors();
  const auto build_error = [](const char* step) {
    return fail("bundle.build_failed",
                msg::say(msg::bundle_build_failed, step, openssl_error_text()));
  };
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_BINARY));
  Asn1ObjectPtr type(OBJ_txt2obj(kBundleContentTypeOid, 1));
  if (!cms || !type || CMS_set1_eContentType(cms.get(), type.get()) != 1)
    return build_error("type");
  if (!CMS_add1_signer(cms.get(), signer, key, EVP_sha256(), CMS_BINARY | CMS_NOSMIMECAP)) {
    return build_error("signer");
  }
  BioPtr in(BIO_new_mem_buf(json.data(), static_cast<int>(json.size())));
  if (!in || CMS_final(cms.get(), in.get(), nullptr, CMS_BINARY) != 1) return build_error("sign");
  const int n = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (n <= 0) return build_error("encode");
  Bytes der(static_cast<std::size_t>(n));
  unsigned char* p = der.data();
  i2d_CMS_ContentInfo(cms.get(), &p);
  return der;
}

Result<Bytes> make_bundle(const BundleContent& content, X509* signer, EVP_PKEY* key) {
  return make_bundle_from_json(bundle_to_json(content), signer, key);
}

}  // namespace ektp::chip
