#include "tools/dataset/job_bundle.hpp"

#include <cstdio>

#include "tools/dataset/rng.hpp"

namespace ektp::dataset {

std::string make_job_id(std::uint64_t seed, std::uint64_t index) {
  Rng rng(seed, 0x10B1D000 + index);
  std::uint8_t b[16];
  for (int i = 0; i < 16; i += 8) {
    const std::uint64_t v = rng.next();
    for (int j = 0; j < 8; ++j) b[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                b[14], b[15]);
  return text;
}

chip::BundleContent bundle_content(const MadeDataset& made, const JobFields& job) {
  chip::BundleContent c;
  c.job_id = job.job_id;
  c.priority = job.priority;
  c.pickup_date = job.pickup_date;
  c.created_at = job.created_at;
  c.record = made.input.record;
  c.photo = made.face_photo;
  c.signature = made.input.signature_jpeg;
  for (const auto& f : made.dataset.files) c.chip[f.spec.name] = f.content;
  return c;
}

Result<chip::Bytes> make_job_bundle(const MadeDataset& made, const JobFields& job,
                                    const testpki::Identity& job_signer) {
  return chip::make_bundle(bundle_content(made, job), job_signer.cert.get(), job_signer.key.get());
}

}  // namespace ektp::dataset
