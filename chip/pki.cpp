#include "chip/pki.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <limits>

#include "chip/chip_messages_trust.hpp"

namespace ektp::chip {

namespace {

std::string quoted(const X509* cert) { return "'" + subject_text(cert) + "'"; }

/// The role's name for people, in the current language (role_name() is the English).
std::string role_words(Role role) {
  switch (role) {
    case Role::document_signer:
      return msg::say(msg::role_document_signer);
    case Role::job_signer:
      return msg::say(msg::role_job_signer);
    case Role::station:
      return msg::say(msg::role_station);
  }
  return "?";
}

// Staleness of the CRL is judged by TrustStore (crl_grace) before OpenSSL runs.
int ignore_crl_expiry(int ok, X509_STORE_CTX* ctx) {
  if (!ok && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CRL_HAS_EXPIRED) return 1;
  return ok;
}

Error chain_error(X509_STORE_CTX* ctx, X509* leaf, Role role, Root root, const X509* root_cert,
                  std::int64_t now) {
  const int err = X509_STORE_CTX_get_error(ctx);
  const int depth = X509_STORE_CTX_get_error_depth(ctx);
  X509* at = X509_STORE_CTX_get_current_cert(ctx);
  if (!at) at = leaf;
  const std::string who = depth == 0
                              ? msg::say(msg::who_role_certificate, role_words(role), quoted(leaf))
                              : msg::say(msg::who_pinned_root, root_name(root), quoted(at));
  const std::string when = epoch_text(now);
  switch (err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return fail("pki.expired",
                  msg::say(msg::pki_expired, who, time_text(X509_get0_notAfter(at)), when));
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return fail("pki.not_yet_valid",
                  msg::say(msg::pki_not_yet_valid, who, time_text(X509_get0_notBefore(at)), when));
    case X509_V_ERR_CERT_REVOKED: {
      char* text = i2s_ASN1_INTEGER(nullptr, X509_get0_serialNumber(leaf));
      const std::string serial = text ? text : "?";
      OPENSSL_free(text);
      return fail("pki.revoked", msg::say(msg::pki_revoked, who, serial, root_name(root)));
    }
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE: {
      char issuer[256] = "";
      X509_NAME_oneline(X509_get_issuer_name(at), issuer, sizeof issuer);
      return fail("pki.unknown_issuer", msg::say(msg::pki_unknown_issuer, who, root_name(root),
                                                 quoted(root_cert), issuer));
    }
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
      return fail("pki.crl_problem", msg::say(msg::pki_crl_unusable, root_name(root),
                                              X509_verify_cert_error_string(err), when));
    default:
      return fail("pki.chain_invalid",
                  msg::say(msg::pki_chain_invalid, who, X509_verify_cert_error_string(err), when));
  }
}

}  // namespace

Root root_for(Role role) { return role == Role::document_signer ? Root::csca : Root::job_ca; }

const char* role_name(Role role) {
  switch (role) {
    case Role::document_signer:
      return "document signer";
    case Role::job_signer:
      return "job signer";
    case Role::station:
      return "station";
  }
  return "?";
}

const char* root_name(Root root) { return root == Root::csca ? "CSCA" : "Job CA"; }

const char* eku_for(Role role) {
  switch (role) {
    case Role::document_signer:
      return kEkuDocumentSigner;
    case Role::job_signer:
      return kEkuJobSigner;
    case Role::station:
      return kEkuStation;
  }
  return "";
}

Result<void> check_role(const X509* leaf, Role role) {
  X509* cert = const_cast<X509*>(leaf);  // OpenSSL caches extension flags on first use
  const std::string who = msg::say(msg::who_certificate, quoted(leaf));
  if (X509_check_ca(cert) != 0) {
    return fail("pki.signer_is_ca", msg::say(msg::pki_signer_is_ca, who, role_words(role)));
  }
  if (!(X509_get_extension_flags(cert) & EXFLAG_KUSAGE) ||
      !(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE)) {
    return fail("pki.key_usage", msg::say(msg::pki_key_usage, who, role_words(role)));
  }
  int critical = 0;
  auto* eku = static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(cert, NID_ext_key_usage, &critical, nullptr));
  if (!eku) {
    return fail("pki.role_missing", msg::say(msg::pki_no_role, who, role_words(role)));
  }
  bool has_role = false;
  std::optional<Role> other;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku); ++i) {
    char oid[128];
    OBJ_obj2txt(oid, sizeof oid, sk_ASN1_OBJECT_value(eku, i), 1);
    for (Role r : {Role::document_signer, Role::job_signer, Role::station}) {
      if (std::string(oid) != eku_for(r)) continue;
      if (r == role) {
        has_role = true;
      } else {
        other = r;
      }
    }
  }
  EXTENDED_KEY_USAGE_free(eku);
  if (other) {
    return fail("pki.role_crossed",
                msg::say(msg::pki_role_crossed, who, role_words(*other), role_words(role)));
  }
  if (!has_role) {
    return fail("pki.role_missing",
                msg::say(msg::pki_role_missing, who, role_words(role), eku_for(role)));
  }
  return ok();
}

TrustStore::TrustStore(TrustOptions options) : options_(options) {}

Result<void> TrustStore::set_root(Root root, X509Ptr cert) {
  if (!cert) return fail("pki.no_root", msg::say(msg::pki_no_root_given));
  X509* c = cert.get();
  const std::string who = msg::say(msg::who_given_root, root_name(root), quoted(c));
  clear_openssl_errors();
  if (X509_check_issued(c, c) != X509_V_OK || X509_verify(c, X509_get0_pubkey(c)) != 1) {
    return fail("pki.root_not_self_signed", msg::say(msg::pki_root_not_self_signed, who));
  }
  if (X509_check_ca(c) != 1 || !(X509_get_extension_flags(c) & EXFLAG_KUSAGE) ||
      !(X509_get_key_usage(c) & KU_KEY_CERT_SIGN)) {
    return fail("pki.root_not_ca", msg::say(msg::pki_root_not_ca, who));
  }
  X509StorePtr store(X509_STORE_new());
  if (!store || X509_STORE_add_cert(store.get(), c) != 1) {
    return fail("pki.internal", msg::say(msg::pki_store_failed, openssl_error_text()));
  }
  std::unique_lock lock(config_mutex_);
  Anchor& a = anchors_[root];
  a.cert = std::move(cert);
  a.store = std::move(store);
  a.crl.reset();
  a.crl_next_update = 0;
  ++generation_;
  std::lock_guard cache_lock(cache_mutex_);
  cache_.clear();
  return ok();
}

Result<void> TrustStore::set_crl(Root root, X509CrlPtr crl) {
  if (!crl) return fail("pki.crl_problem", msg::say(msg::pki_no_crl));
  std::unique_lock lock(config_mutex_);
  auto it = anchors_.find(root);
  if (it == anchors_.end()) {
    return fail("pki.no_root", msg::say(msg::pki_crl_without_root, root_name(root)));
  }
  Anchor& a = it->second;
  clear_openssl_errors();
  if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(a.cert.get())) != 0 ||
      X509_CRL_verify(crl.get(), X509_get0_pubkey(a.cert.get())) != 1) {
    openssl_error_text();  // drop
    return fail("pki.crl_bad_signature", msg::say(msg::pki_crl_bad_signature, root_name(root)));
  }
  std::int64_t next = std::numeric_limits<std::int64_t>::max();
  if (const ASN1_TIME* t = X509_CRL_get0_nextUpdate(crl.get()); t && !to_epoch(t, next)) {
    return fail("pki.crl_problem", msg::say(msg::pki_crl_next_update));
  }
  a.crl = std::move(crl);
  a.crl_next_update = next;
  ++generation_;
  std::lock_guard cache_lock(cache_mutex_);
  cache_.clear();
  return ok();
}

void TrustStore::clear_crl(Root root) {
  std::unique_lock lock(config_mutex_);
  if (auto it = anchors_.find(root); it != anchors_.end()) it->second.crl.reset();
  ++generation_;
  std::lock_guard cache_lock(cache_mutex_);
  cache_.clear();
}

const X509* TrustStore::root(Root root) const {
  std::shared_lock lock(config_mutex_);
  auto it = anchors_.find(root);
  return it == anchors_.end() ? nullptr : it->second.cert.get();
}

std::size_t TrustStore::cache_size() const {
  std::lock_guard lock(cache_mutex_);
  return cache_.size();
}

Result<SignerCheck> TrustStore::verify_signer(X509* leaf, Role role, std::int64_t now,
                                              const std::vector<X509*>& untrusted) const {
  if (!leaf) return fail("pki.no_signer", msg::say(msg::pki_no_signer));
  if (auto r = check_role(leaf, role); !r) return r.error();

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(leaf, EVP_sha256(), digest, &len);
  std::string key(1, static_cast<char>('0' + static_cast<int>(role)));
  key.append(reinterpret_cast<const char*>(digest), len);

  std::shared_lock config_lock(config_mutex_);
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.generation == generation_ &&
        now >= it->second.valid_from && now <= it->second.valid_until) {
      return SignerCheck{it->second.subject, it->second.crl_checked, true};
    }
  }
  CacheEntry entry;
  auto checked = verify_chain(leaf, role, now, untrusted, entry);
  if (!checked) return checked;
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= options_.cache_capacity) cache_.clear();
  cache_[key] = entry;
  return checked;
}

Result<SignerCheck> TrustStore::verify_chain(X509* leaf, Role role, std::int64_t now,
                                             const std::vector<X509*>& untrusted,
                                             CacheEntry& entry) const {
  const Root root = root_for(role);
  auto it = anchors_.find(root);
  if (it == anchors_.end()) {
    return fail("pki.no_root", msg::say(msg::pki_no_root, root_name(root), role_words(role)));
  }
  const Anchor& a = it->second;
  if (a.crl && options_.crl_grace && now > a.crl_next_update &&
      now - a.crl_next_update > options_.crl_grace->count()) {
    return fail("pki.crl_stale", msg::say(msg::pki_crl_stale, root_name(root),
                                          time_text(X509_CRL_get0_nextUpdate(a.crl.get()))));
  }

  X509StackPtr chain_in(sk_X509_new_null());
  for (X509* c : untrusted) {
    if (c != leaf) sk_X509_push(chain_in.get(), share(c).release());
  }
  CrlStackPtr crls(sk_X509_CRL_new_null());
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  clear_openssl_errors();
  if (!ctx || X509_STORE_CTX_init(ctx.get(), a.store.get(), leaf, chain_in.get()) != 1) {
    return fail("pki.internal", msg::say(msg::pki_verify_start, openssl_error_text()));
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(now));
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
  if (a.crl) {
    X509_CRL_up_ref(a.crl.get());
    sk_X509_CRL_push(crls.get(), a.crl.get());
    X509_STORE_CTX_set0_crls(ctx.get(), crls.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);
  }
  X509_STORE_CTX_set_verify_cb(ctx.get(), ignore_crl_expiry);
  if (X509_verify_cert(ctx.get()) != 1) {
    Error e = chain_error(ctx.get(), leaf, role, root, a.cert.get(), now);
    clear_openssl_errors();
    return e;
  }
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
  // KTP-OPEN has no intermediate CAs: a signer is issued by the pinned root itself.
  if (sk_X509_num(chain) != 2) {
    return fail("pki.chain_too_long",
                msg::say(msg::pki_chain_too_long, role_words(role), quoted(leaf), root_name(root)));
  }
  entry.valid_from = std::numeric_limits<std::int64_t>::min();
  entry.valid_until = std::numeric_limits<std::int64_t>::max();
  for (int i = 0; i < sk_X509_num(chain); ++i) {
    X509* c = sk_X509_value(chain, i);
    std::int64_t from = 0, until = 0;
    if (!to_epoch(X509_get0_notBefore(c), from) || !to_epoch(X509_get0_notAfter(c), until)) {
      return fail("pki.chain_invalid", msg::say(msg::pki_chain_date));
    }
    entry.valid_from = std::max(entry.valid_from, from);
    entry.valid_until = std::min(entry.valid_until, until);
  }
  if (a.crl) {
    std::int64_t last = 0;
    if (to_epoch(X509_CRL_get0_lastUpdate(a.crl.get()), last)) {
      entry.valid_from = std::max(entry.valid_from, last);
    }
    if (options_.crl_grace && a.crl_next_update < std::numeric_limits<std::int64_t>::max()) {
      entry.valid_until =
          std::min(entry.valid_until, a.crl_next_update + options_.crl_grace->count());
    }
  }
  entry.generation = generation_;
  entry.subject = subject_text(leaf);
  entry.crl_checked = a.crl != nullptr;
  return SignerCheck{entry.subject, entry.crl_checked, false};
}

}  // namespace ektp::chip
