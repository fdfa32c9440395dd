#include "chip/openssl_util.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <cstdio>
#include <ctime>
#include <fstream>

#include "chip/chip_messages_trust.hpp"

namespace ektp::chip {

namespace {

constexpr std::size_t kMaxObjectBytes = 64 * 1024;  // certificates, CRLs, keys

bool looks_like_pem(std::span<const std::uint8_t> data) {
  static constexpr char kDash[] = "-----BEGIN";
  for (std::size_t i = 0; i + sizeof(kDash) - 1 <= data.size() && i < 256; ++i) {
    if (std::equal(kDash, kDash + sizeof(kDash) - 1, data.begin() + static_cast<long>(i))) {
      return true;
    }
  }
  return false;
}

BioPtr memory_bio(std::span<const std::uint8_t> data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::string bio_text(BIO* bio) {
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  return n > 0 ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

template <class T, T* (*D2i)(T**, const unsigned char**, long), class Ptr>
Result<Ptr> parse_der_or_pem(std::span<const std::uint8_t> data,
                             T* (*pem_read)(BIO*, T**, pem_password_cb*, void*),
                             msg::Template<0> kind) {
  const auto what = [kind] { return msg::say(kind); };  // only when refusing
  if (data.empty() || data.size() > kMaxObjectBytes) {
    return fail("pki.object_size", msg::say(msg::object_size, what(), kMaxObjectBytes));
  }
  clear_openssl_errors();
  if (looks_like_pem(data)) {
    BioPtr bio = memory_bio(data);
    T* obj = bio ? pem_read(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!obj) {
      return fail("pki.object_unreadable",
                  msg::say(msg::object_pem_unreadable, what(), openssl_error_text()));
    }
    return Ptr(obj);
  }
  const unsigned char* p = data.data();
  Ptr obj(D2i(nullptr, &p, static_cast<long>(data.size())));
  if (!obj || p != data.data() + data.size()) {
    return fail("pki.object_unreadable",
                msg::say(msg::object_der_unreadable, what(), openssl_error_text()));
  }
  return obj;
}

}  // namespace

X509Ptr share(X509* cert) {
  if (cert) X509_up_ref(cert);
  return X509Ptr(cert);
}

std::string openssl_error_text() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

void clear_openssl_errors() { ERR_clear_error(); }

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> data) {
  std::array<std::uint8_t, 32> out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

Bytes der_of(const X509* cert) {
  int n = i2d_X509(cert, nullptr);
  if (n <= 0) return {};
  Bytes out(static_cast<std::size_t>(n));
  unsigned char* p = out.data();
  i2d_X509(cert, &p);
  return out;
}

Bytes der_of(const X509_CRL* crl) {
  int n = i2d_X509_CRL(crl, nullptr);
  if (n <= 0) return {};
  Bytes out(static_cast<std::size_t>(n));
  unsigned char* p = out.data();
  i2d_X509_CRL(crl, &p);
  return out;
}

std::string pem_of(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return bio_text(bio.get());
}

std::string pem_of(const X509_CRL* crl) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509_CRL(bio.get(), crl);
  return bio_text(bio.get());
}

std::string pem_of_private_key(const EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

Result<X509Ptr> parse_certificate(std::span<const std::uint8_t> data) {
  return parse_der_or_pem<X509, d2i_X509, X509Ptr>(data, PEM_read_bio_X509,
                                                   msg::object_certificate);
}

Result<X509CrlPtr> parse_crl(std::span<const std::uint8_t> data) {
  return parse_der_or_pem<X509_CRL, d2i_X509_CRL, X509CrlPtr>(data, PEM_read_bio_X509_CRL,
                                                              msg::object_crl);
}

Result<PkeyPtr> parse_private_key(std::span<const std::uint8_t> data) {
  return parse_der_or_pem<EVP_PKEY, d2i_AutoPrivateKey, PkeyPtr>(data, PEM_read_bio_PrivateKey,
                                                                 msg::object_private_key);
}

Result<Bytes> read_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("file.unreadable", msg::say(msg::file_cannot_open, path));
  Bytes out;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.insert(out.end(), buf, buf + in.gcount());
    if (out.size() > max_bytes) {
      return fail("file.too_large", msg::say(msg::file_too_large, path, max_bytes));
    }
  }
  return out;
}

std::string subject_text(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0,
                     XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  return bio_text(bio.get());
}

std::string time_text(const ASN1_TIME* t) {
  std::int64_t secs = 0;
  if (!to_epoch(t, secs)) return "(unreadable date)";
  return epoch_text(secs);
}

std::string epoch_text(std::int64_t secs) {
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

bool to_epoch(const ASN1_TIME* t, std::int64_t& out) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return false;
  out = static_cast<std::int64_t>(timegm(&tm));
  return true;
}

}  // namespace ektp::chip
