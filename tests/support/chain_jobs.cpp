#include "tests/support/chain_jobs.hpp"

#include <cstdio>

#include "chip/openssl_util.hpp"
#include "chip/profile_ktp_open.hpp"
#include "daemon/face_from_record.hpp"
#include "drivers/printer/face_renderer.hpp"
#include "tools/dataset/signed_dataset.hpp"

namespace ektp::test {

namespace {

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace

Result<chip::PersoJob> MemoryJobContent::perso_job(const spool::JobRecord& job) {
  auto it = citizens.find(job.id);
  if (it == citizens.end()) return fail("test.no_job", "no such job in the test's content");
  return it->second.perso;
}

Result<std::vector<std::uint8_t>> MemoryJobContent::face(const std::string& job_id) {
  auto it = citizens.find(job_id);
  if (it == citizens.end()) return fail("test.no_job", "no such job in the test's content");
  return it->second.face;
}

Result<ChainCitizen> make_chain_citizen(int index, const testpki::TestPki& pki, bool with_png) {
  auto made = dataset::make_generated_dataset(2026, static_cast<std::uint64_t>(index),
                                              pki.document_signers.front(), true);
  if (!made) return made.error();
  auto perso = chip::prepare_job(chip::ktp_open_v1(), made->dataset);
  if (!perso) return perso.error();
  auto face = printer::render_face(
      daemon::face_from_record(made->input.record, made->face_photo, made->input.signature_jpeg),
      {.pdf = true, .png = with_png, .png_dpi = 200});
  if (!face) return face.error();

  ChainCitizen citizen;
  char id[64];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", index + 1);
  citizen.job_id = id;
  citizen.perso = std::move(*perso);
  citizen.face = std::move(face->pdf);
  citizen.face_png = std::move(face->png);
  citizen.face_sha256 = hex(chip::sha256(citizen.face));
  return citizen;
}

spool::NewJob chain_job(const ChainCitizen& citizen, int index) {
  spool::NewJob job;
  job.id = citizen.job_id;
  const auto digest = chip::sha256(citizen.face);
  job.content_hash.assign(digest.begin(), digest.end());
  char pickup[16];
  std::snprintf(pickup, sizeof pickup, "2026-%02d-%02d", 1 + index / 28 % 12, 1 + index % 28);
  job.pickup_date = pickup;
  job.bundle_ref = "chain-test";
  job.nik_hash.assign(32, static_cast<std::uint8_t>(index));
  return job;
}

}  // namespace ektp::test
