#pragma once
/// Small RAII owners for OpenSSL 3 objects, and the text of OpenSSL's error
/// queue for messages. Used by the SOD, passive-authentication and PKI code.

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::chip {

using Bytes = std::vector<std::uint8_t>;

namespace detail {
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
inline void free_x509_stack(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
inline void free_crl_stack(STACK_OF(X509_CRL) * s) { sk_X509_CRL_pop_free(s, X509_CRL_free); }
}  // namespace detail

using X509Ptr = std::unique_ptr<X509, detail::Deleter<X509, X509_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, detail::Deleter<X509_CRL, X509_CRL_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, detail::Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CmsPtr =
    std::unique_ptr<CMS_ContentInfo, detail::Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using BioPtr = std::unique_ptr<BIO, detail::Deleter<BIO, BIO_free_all>>;
using X509StorePtr = std::unique_ptr<X509_STORE, detail::Deleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, detail::Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using X509StackPtr =
    std::unique_ptr<STACK_OF(X509), detail::Deleter<STACK_OF(X509), detail::free_x509_stack>>;
using CrlStackPtr = std::unique_ptr<STACK_OF(X509_CRL),
                                    detail::Deleter<STACK_OF(X509_CRL), detail::free_crl_stack>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, detail::Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;

/// A new reference to `cert` (X509_up_ref), owned.
X509Ptr share(X509* cert);

/// Drain OpenSSL's error queue of this thread into one line ("" when empty).
std::string openssl_error_text();

/// Clear this thread's OpenSSL error queue (before an operation whose errors we report).
void clear_openssl_errors();

/// SHA-256 of `data`.
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> data);


/// DER of a certificate / CRL.
Bytes der_of(const X509* cert);
Bytes der_of(const X509_CRL* crl);

/// PEM of a certificate / CRL / private key (unencrypted PKCS#8).
std::string pem_of(const X509* cert);
std::string pem_of(const X509_CRL* crl);
std::string pem_of_private_key(const EVP_PKEY* key);

/// Parse one certificate / CRL / private key, DER or PEM (detected), hostile input:
/// size bounded, the whole input must be consumed for DER.
Result<X509Ptr> parse_certificate(std::span<const std::uint8_t> data);
Result<X509CrlPtr> parse_crl(std::span<const std::uint8_t> data);
Result<PkeyPtr> parse_private_key(std::span<const std::uint8_t> data);

/// Read a whole (small) file; bounded to `max_bytes`.
Result<Bytes> read_file(const std::string& path, std::size_t max_bytes = 1 << 20);

/// Subject of a certificate as one line ("CN=..., O=...").
std::string subject_text(const X509* cert);

/// An ASN1_TIME as "2026-01-31 12:00:00 UTC".
std::string time_text(const ASN1_TIME* t);

/// "YYYY-MM-DD HH:MM:SS UTC" of seconds since the epoch.
std::string epoch_text(std::int64_t secs);

/// Seconds since the epoch of an ASN1_TIME (false when unreadable).
bool to_epoch(const ASN1_TIME* t, std::int64_t& out);

}  // namespace ektp::chip
