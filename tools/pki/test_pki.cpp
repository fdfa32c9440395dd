#include "tools/pki/test_pki.hpp"

#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>

namespace ektp::testpki {

using chip::openssl_error_text;

namespace {

constexpr std::int64_t kDay = 24 * 3600;

Error pki_error(const std::string& step) {
  return fail("testpki.failed",
              "Making the test PKI failed (" + step + "): " + openssl_error_text());
}

bool set_name(X509_NAME* name, const std::string& cn) {
  const auto add = [&](const char* field, const std::string& v) {
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(v.c_str()), -1, -1,
                                      0) == 1;
  };
  return add("C", "ID") && add("O", "KTP-OPEN Test") && add("CN", cn);
}

bool add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) return false;
  const bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

/// A certificate skeleton: version 3, serial, names, dates, public key.
chip::X509Ptr skeleton(const std::string& cn, const X509* issuer, EVP_PKEY* key, Validity v,
                       long serial) {
  chip::X509Ptr x(X509_new());
  if (!x || X509_set_version(x.get(), 2) != 1 ||
      ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial) != 1 ||
      !set_name(X509_get_subject_name(x.get()), cn) ||
      X509_set_issuer_name(
          x.get(), issuer ? X509_get_subject_name(issuer) : X509_get_subject_name(x.get())) != 1 ||
      !ASN1_TIME_set(X509_getm_notBefore(x.get()), static_cast<time_t>(v.not_before)) ||
      !ASN1_TIME_set(X509_getm_notAfter(x.get()), static_cast<time_t>(v.not_after)) ||
      X509_set_pubkey(x.get(), key) != 1) {
    return nullptr;
  }
  return x;
}

Result<void> write_text(const std::filesystem::path& path, const std::string& text, bool secret) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out || !(out << text)) return fail("testpki.write", "Cannot write " + path.string() + ".");
  out.close();
  if (secret) {
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return ok();
}

}  // namespace

Result<chip::PkeyPtr> make_p256_key() {
  chip::PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return pki_error("key generation");
  return key;
}

Result<Identity> make_root(const std::string& common_name, Validity validity, long serial) {
  auto key = make_p256_key();
  if (!key) return key.error();
  chip::X509Ptr x = skeleton(common_name, nullptr, key->get(), validity, serial);
  if (!x) return pki_error("root fields");
  X509* c = x.get();
  if (!add_ext(c, c, NID_basic_constraints, "critical,CA:TRUE") ||
      !add_ext(c, c, NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !add_ext(c, c, NID_subject_key_identifier, "hash") ||
      X509_sign(c, key->get(), EVP_sha256()) <= 0) {
    return pki_error("root " + common_name);
  }
  return Identity{std::move(x), std::move(*key)};
}

Result<Identity> issue_with_eku(const Identity& issuer, const std::string& common_name,
                                const std::string& eku, Validity validity, long serial) {
  auto key = make_p256_key();
  if (!key) return key.error();
  chip::X509Ptr x = skeleton(common_name, issuer.cert.get(), key->get(), validity, serial);
  if (!x) return pki_error("signer fields");
  X509* c = x.get();
  const bool station = eku.find(chip::kEkuStation) != std::string::npos;
  const std::string usage =
      station ? "critical,digitalSignature,keyAgreement" : "critical,digitalSignature";
  if (!add_ext(c, issuer.cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !add_ext(c, issuer.cert.get(), NID_key_usage, usage) ||
      (!eku.empty() && !add_ext(c, issuer.cert.get(), NID_ext_key_usage, eku)) ||
      !add_ext(c, issuer.cert.get(), NID_subject_key_identifier, "hash") ||
      !add_ext(c, issuer.cert.get(), NID_authority_key_identifier, "keyid:always") ||
      X509_sign(c, issuer.key.get(), EVP_sha256()) <= 0) {
    return pki_error("certificate " + common_name);
  }
  return Identity{std::move(x), std::move(*key)};
}

Result<Identity> issue(const Identity& issuer, const std::string& common_name, chip::Role role,
                       Validity validity, long serial) {
  std::string eku = chip::eku_for(role);
  if (role == chip::Role::station) eku += ",clientAuth";
  return issue_with_eku(issuer, common_name, eku, validity, serial);
}

Result<chip::X509CrlPtr> make_crl(const Identity& ca, const std::vector<const X509*>& revoked,
                                  std::int64_t this_update, std::int64_t next_update) {
  chip::X509CrlPtr crl(X509_CRL_new());
  using TimePtr = std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)>;
  TimePtr last(ASN1_TIME_set(nullptr, static_cast<time_t>(this_update)), ASN1_TIME_free);
  TimePtr next(ASN1_TIME_set(nullptr, static_cast<time_t>(next_update)), ASN1_TIME_free);
  if (!crl || !last || !next || X509_CRL_set_version(crl.get(), 1) != 1 ||
      X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.cert.get())) != 1 ||
      X509_CRL_set1_lastUpdate(crl.get(), last.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl.get(), next.get()) != 1) {
    return pki_error("CRL fields");
  }
  for (const X509* cert : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    if (!r ||
        X509_REVOKED_set_serialNumber(r, const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(cert))) !=
            1 ||
        X509_REVOKED_set_revocationDate(r, last.get()) != 1 ||
        X509_CRL_add0_revoked(crl.get(), r) != 1) {
      X509_REVOKED_free(r);
      return pki_error("CRL entry");
    }
  }
  X509_CRL_sort(crl.get());
  if (X509_CRL_sign(crl.get(), ca.key.get(), EVP_sha256()) <= 0) return pki_error("CRL signature");
  return crl;
}

Result<TestPki> make_test_pki(const Options& o) {
  const Validity roots{o.now - kDay, o.now + 3650 * kDay};
  const Validity signers{o.now - kDay, o.now + 3 * 365 * kDay};
  TestPki pki;
  auto csca = make_root("KTP-OPEN Test CSCA", roots, 1);
  if (!csca) return csca.error();
  pki.csca = std::move(*csca);
  auto job_ca = make_root("KTP-OPEN Test Job CA", roots, 2);
  if (!job_ca) return job_ca.error();
  pki.job_ca = std::move(*job_ca);
  for (int i = 1; i <= o.document_signers; ++i) {
    auto ds = issue(pki.csca, "KTP-OPEN Test Document Signer " + std::to_string(i),
                    chip::Role::document_signer, signers, 100 + i);
    if (!ds) return ds.error();
    pki.document_signers.push_back(std::move(*ds));
  }
  for (int i = 1; i <= o.job_signers; ++i) {
    auto js = issue(pki.job_ca, "KTP-OPEN Test Job Signer " + std::to_string(i),
                    chip::Role::job_signer, signers, 100 + i);
    if (!js) return js.error();
    pki.job_signers.push_back(std::move(*js));
  }
  auto station = issue(pki.job_ca, "KTP-OPEN Test Station", chip::Role::station, signers, 900);
  if (!station) return station.error();
  pki.station = std::move(*station);
  auto c1 = make_crl(pki.csca, {}, o.now - 3600, o.now + 30 * kDay);
  if (!c1) return c1.error();
  pki.csca_crl = std::move(*c1);
  auto c2 = make_crl(pki.job_ca, {}, o.now - 3600, o.now + 30 * kDay);
  if (!c2) return c2.error();
  pki.job_ca_crl = std::move(*c2);
  return pki;
}

Result<void> write_test_pki(const TestPki& pki, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail("testpki.write", "Cannot create " + dir + ": " + ec.message());
  const std::filesystem::path d(dir);
  const auto put = [&](const std::string& name, const Identity& id) -> Result<void> {
    if (auto r = write_text(d / (name + ".pem"), chip::pem_of(id.cert.get()), false); !r) return r;
    return write_text(d / (name + ".key.pem"), chip::pem_of_private_key(id.key.get()), true);
  };
  std::vector<std::pair<std::string, const Identity*>> all{
      {"csca", &pki.csca}, {"jobca", &pki.job_ca}, {"station", &pki.station}};
  for (std::size_t i = 0; i < pki.document_signers.size(); ++i) {
    all.emplace_back("ds" + std::to_string(i + 1), &pki.document_signers[i]);
  }
  for (std::size_t i = 0; i < pki.job_signers.size(); ++i) {
    all.emplace_back("js" + std::to_string(i + 1), &pki.job_signers[i]);
  }
  for (const auto& [name, id] : all) {
    if (auto r = put(name, *id); !r) return r;
  }
  if (auto r = write_text(d / "csca.crl.pem", chip::pem_of(pki.csca_crl.get()), false); !r) {
    return r;
  }
  return write_text(d / "jobca.crl.pem", chip::pem_of(pki.job_ca_crl.get()), false);
}

Result<void> load_into(const TestPki& pki, chip::TrustStore& store) {
  if (auto r = store.set_root(chip::Root::csca, chip::share(pki.csca.cert.get())); !r) return r;
  if (auto r = store.set_root(chip::Root::job_ca, chip::share(pki.job_ca.cert.get())); !r) return r;
  X509_CRL_up_ref(pki.csca_crl.get());
  if (auto r = store.set_crl(chip::Root::csca, chip::X509CrlPtr(pki.csca_crl.get())); !r) return r;
  X509_CRL_up_ref(pki.job_ca_crl.get());
  return store.set_crl(chip::Root::job_ca, chip::X509CrlPtr(pki.job_ca_crl.get()));
}

}  // namespace ektp::testpki
