#include "tests/unit/fuzz_replay/seed_writer.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "chip/batch_file.hpp"
#include "chip/bundle.hpp"
#include "chip/bundle_json.hpp"
#include "chip/bundle_verify.hpp"
#include "chip/lds_dataset.hpp"
#include "chip/sod.hpp"
#include "fuzz/support/fuzz_input.hpp"
#include "fuzz/support/fuzz_pki.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"
#include "tests/unit/fuzz_replay/seed_writer_parts.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::test {
namespace {

using namespace seeds;

constexpr std::int64_t kDay = 24 * 3600;

std::string c_array(const char* name, const Bytes& der) {
  std::ostringstream s;
  s << "inline constexpr std::uint8_t " << name << "[] = {";
  for (std::size_t i = 0; i < der.size(); ++i) {
    if (i % 16 == 0) s << "\n   ";
    s << " 0x" << chip::to_hex(std::span(&der[i], 1)) << ",";
  }
  s << "\n};\n";
  return s.str();
}

/// The small data set of the seeds: synthetic JPEG-like images keep the files small.
chip::DatasetInput seed_input() { return chip::test::sample_input(1500, 400); }

Result<void> write_lds(Writer& w, const chip::Dataset& set) {
  Bytes whole;
  std::uint16_t present = 0;
  for (std::size_t i = 0; i < set.files.size(); ++i) {
    const auto& f = set.files[i];
    if (auto r = w.put("lds", std::string("valid_") + f.spec.name, 0x00, f.content); !r) return r;
    present = static_cast<std::uint16_t>(present | (1u << i));
    fuzz::append_chunk(whole, f.content);
  }
  const Bytes head{static_cast<std::uint8_t>(present >> 8), static_cast<std::uint8_t>(present)};
  if (auto r = w.put("lds", "valid_dataset", 0x01, cat({head, whole})); !r) return r;
  // Edge cases: each file cut short, a file with a byte after it.
  for (const auto& f : set.files) {
    Bytes cut(f.content.begin(),
              f.content.begin() + static_cast<std::ptrdiff_t>(f.content.size() / 2));
    if (auto r = w.put("lds", std::string("edge_cut_") + f.spec.name, 0x00, cut); !r) return r;
  }
  Bytes extra = set.files[1].content;
  extra.push_back(0x00);
  return w.put("lds", "edge_trailing_DG1", 0x00, extra);
}

Result<void> write_sod(Writer& w, const chip::Dataset& set, const testpki::TestPki& pki) {
  const auto groups = chip::data_groups_of(set);
  const auto framed = [&](const Bytes& sod, const chip::DataGroups& gs) {
    Bytes b = chunk(sod);
    for (const auto& [number, content] : gs) {
      b.push_back(static_cast<std::uint8_t>(number));
      fuzz::append_chunk(b, content);
    }
    return b;
  };
  auto good = chip::build_sod(groups, pki.document_signers[0].cert.get(),
                              pki.document_signers[0].key.get());
  if (!good) return good.error();
  auto revoked = chip::build_sod(groups, pki.document_signers[1].cert.get(),
                                 pki.document_signers[1].key.get());
  if (!revoked) return revoked.error();
  auto wrong_role =
      chip::build_sod(groups, pki.job_signers[0].cert.get(), pki.job_signers[0].key.get());
  if (!wrong_role) return wrong_role.error();
  auto changed = groups;
  changed.begin()->second.back() ^= 0x01;
  auto missing = groups;
  missing.erase(missing.begin());

  if (auto r = w.put("sod", "valid_passive_auth", 0x00, framed(*good, groups)); !r) return r;
  if (auto r = w.put("sod", "edge_revoked_signer", 0x00, framed(*revoked, groups)); !r) return r;
  if (auto r = w.put("sod", "edge_job_signer", 0x00, framed(*wrong_role, groups)); !r) return r;
  if (auto r = w.put("sod", "edge_group_changed", 0x00, framed(*good, changed)); !r) return r;
  if (auto r = w.put("sod", "edge_group_missing", 0x00, framed(*good, missing)); !r) return r;
  auto parsed = chip::parse_sod(*good);
  if (!parsed) return parsed.error();
  if (auto r = w.put("sod", "valid_security_object", 0x01, parsed->content); !r) return r;
  return w.put("sod", "valid_frame", 0x02, *good);
}

chip::BundleContent seed_content(const chip::Dataset& set) {
  chip::BundleContent c;
  for (const auto& f : set.files) c.chip[f.spec.name] = f.content;
  c.job_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  c.priority = 3;
  c.pickup_date = {2026, 1, 15};
  c.created_at = "2025-12-31T23:59:59Z";
  c.record = seed_input().record;
  c.photo = chip::test::jpeg_like(600, 7);
  c.signature = chip::test::jpeg_like(300, 8);
  return c;
}

Result<void> write_bundles(Writer& w, const chip::Dataset& set, const testpki::TestPki& pki) {
  const chip::BundleContent content = seed_content(set);
  const std::string json = chip::bundle_to_json(content);
  if (auto r = w.put("bundle_json", "valid_bundle_json", text_bytes(json)); !r) return r;
  const std::map<std::string, std::string> json_edges = {
      {"edge_empty_object", "{}"},
      {"edge_deep", R"({"a":{"b":{"c":{"d":1}}}})"},
      {"edge_duplicate_key", R"({"version":1,"version":1})"},
      {"edge_version_2", R"({"version":2})"},
      {"edge_bad_base64", R"({"version":1,"photo":"@@@="})"},
  };
  for (const auto& [name, text] : json_edges) {
    if (auto r = w.put("bundle_json", name, text_bytes(text)); !r) return r;
  }

  const auto& js = pki.job_signers;
  auto good = chip::make_bundle(content, js[0].cert.get(), js[0].key.get());
  if (!good) return good.error();
  auto revoked = chip::make_bundle(content, js[1].cert.get(), js[1].key.get());
  if (!revoked) return revoked.error();
  auto by_ds = chip::make_bundle(content, pki.document_signers[0].cert.get(),
                                 pki.document_signers[0].key.get());
  if (!by_ds) return by_ds.error();
  if (auto r = w.put("bundle", "valid_bundle", 0x00, *good); !r) return r;
  if (auto r = w.put("bundle", "edge_revoked_signer", 0x00, *revoked); !r) return r;
  if (auto r = w.put("bundle", "edge_document_signer", 0x00, *by_ds); !r) return r;
  if (auto r = w.put("bundle", "valid_json_resigned", 0x01, text_bytes(json)); !r) return r;
  chip::BundleContent other_nik = content;
  other_nik.record.name = "BUDI SANTOSO";
  return w.put("bundle", "edge_name_mismatch", 0x01, text_bytes(chip::bundle_to_json(other_nik)));
}

Result<void> write_batch(Writer& w, const chip::Dataset& set, const testpki::TestPki& pki) {
  const chip::BundleContent content = seed_content(set);
  auto bundle =
      chip::make_bundle(content, pki.job_signers[0].cert.get(), pki.job_signers[0].key.get());
  if (!bundle) return bundle.error();
  // 0: a whole file, for the seeds' station (not the one the harness opens with).
  std::ostringstream file;
  auto writer = chip::BatchWriter::start(file, pki.station.cert.get(), 2);
  if (!writer) return writer.error();
  if (auto r = writer->add(*bundle); !r) return r;
  if (auto r = writer->add(text_bytes("second bundle")); !r) return r;
  if (auto r = writer->finish(); !r) return r;
  if (auto r = w.put("batch", "whole_file_other_station", 0x00, text_bytes(file.str())); !r)
    return r;
  // 1: genuine start (shape: declared | records << 2 | finish 0x10), chunks, tail.
  const Bytes one = text_bytes("bundle one"), two = text_bytes("bundle two");
  if (auto r = w.put("batch", "genuine_two_finished", 0x01, cat({{0x1A}, chunk(one), chunk(two)}));
      !r)
    return r;
  if (auto r = w.put("batch", "genuine_no_end_mark", 0x01, cat({{0x0A}, chunk(one), chunk(two)}));
      !r)
    return r;
  if (auto r = w.put("batch", "genuine_then_tail", 0x01,
                     cat({{0x16}, chunk(one), hex("00000011"), Bytes(17, 0x55)}));
      !r)
    return r;
  return w.put("batch", "genuine_empty", 0x01, Bytes{0x10});
}

}  // namespace

Result<void> write_fuzz_seeds(const std::string& source_root) {
  Writer w{source_root};
  auto made = testpki::make_test_pki({fuzz::kFuzzNow, 2, 2});
  if (!made) return made.error();
  testpki::TestPki& pki = *made;
  // The second document signer and job signer are revoked (seeds for pki.revoked).
  auto csca_crl = testpki::make_crl(pki.csca, {pki.document_signers[1].cert.get()},
                                    fuzz::kFuzzNow - 3600, fuzz::kFuzzNow + 30 * kDay);
  if (!csca_crl) return csca_crl.error();
  auto job_crl = testpki::make_crl(pki.job_ca, {pki.job_signers[1].cert.get()},
                                   fuzz::kFuzzNow - 3600, fuzz::kFuzzNow + 30 * kDay);
  if (!job_crl) return job_crl.error();

  auto dataset = chip::build_dataset(seed_input());
  if (!dataset) return dataset.error();
  auto sod = chip::build_sod(chip::data_groups_of(*dataset), pki.document_signers[0].cert.get(),
                             pki.document_signers[0].key.get());
  if (!sod) return sod.error();
  const auto* spec = chip::find_spec("EF.SOD");
  dataset->files.push_back({*spec, *sod});

  if (auto r = write_tlv(w, *dataset); !r) return r;
  if (auto r = write_apdu(w); !r) return r;
  if (auto r = write_lds(w, *dataset); !r) return r;
  if (auto r = write_sod(w, *dataset, pki); !r) return r;
  if (auto r = write_bundles(w, *dataset, pki); !r) return r;
  if (auto r = write_batch(w, *dataset, pki); !r) return r;

  std::ofstream inc(fs::path(source_root) / "fuzz" / "support" / "fixed_roots.inc",
                    std::ios::trunc);
  inc << "// The seeds' test CSCA and Job CA with their CRLs (DER; public certificates only),\n"
         "// written with the seeds by tests/unit/fuzz_replay (EKTP_WRITE_FUZZ_SEEDS=1).\n"
         "// Generated: do not edit.\n"
      << c_array("kFixedCsca", chip::der_of(pki.csca.cert.get()))
      << c_array("kFixedCscaCrl", chip::der_of(csca_crl->get()))
      << c_array("kFixedJobCa", chip::der_of(pki.job_ca.cert.get()))
      << c_array("kFixedJobCaCrl", chip::der_of(job_crl->get()));
  if (!inc) return fail("seeds.write", "Cannot write fuzz/support/fixed_roots.inc");
  return ok();
}

}  // namespace ektp::test
