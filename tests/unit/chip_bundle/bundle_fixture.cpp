#include "tests/unit/chip_bundle/bundle_fixture.hpp"

namespace ektp::test {

chip::BundleContent good_content(const chip::DatasetInput& chip_input,
                                 const testpki::Identity* document_signer) {
  const auto& pki = shared_pki();
  const testpki::Identity& ds = document_signer ? *document_signer : pki.document_signers[0];
  auto dataset = chip::build_dataset(chip_input);
  REQUIRE_MESSAGE(dataset.ok(), (dataset.ok() ? "" : dataset.error().message));
  chip::BundleContent c;
  for (const auto& f : dataset->files) c.chip[f.spec.name] = f.content;
  c.chip["EF.SOD"] = sod_by(ds, chip::data_groups_of(*dataset));
  c.job_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  c.priority = 3;
  c.pickup_date = {2026, 1, 15};
  c.created_at = "2025-12-31T23:59:59Z";
  c.record = chip_input.record;
  c.photo = chip::test::jpeg_like(20 * 1024, 7);
  c.signature = chip::test::jpeg_like(2 * 1024, 8);
  return c;
}

chip::Bytes bundle_of(const chip::BundleContent& content, const testpki::Identity* signer) {
  const testpki::Identity& js = signer ? *signer : shared_pki().job_signers[0];
  auto der = chip::make_bundle(content, js.cert.get(), js.key.get());
  REQUIRE_MESSAGE(der.ok(), (der.ok() ? "" : der.error().message));
  return std::move(der.value());
}

chip::Bytes bundle_of_json(const std::string& json) {
  const testpki::Identity& js = shared_pki().job_signers[0];
  auto der = chip::make_bundle_from_json(json, js.cert.get(), js.key.get());
  REQUIRE_MESSAGE(der.ok(), (der.ok() ? "" : der.error().message));
  return std::move(der.value());
}

nlohmann::ordered_json json_of(const chip::BundleContent& content) {
  return nlohmann::ordered_json::parse(chip::bundle_to_json(content));
}

Result<chip::VerifiedBundle> verify(const chip::Bytes& der) {
  static const auto store = pinned_store();
  return chip::verify_bundle(der, *store, kNow);
}

}  // namespace ektp::test
