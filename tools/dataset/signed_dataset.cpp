#include "tools/dataset/signed_dataset.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "chip/bundle_verify.hpp"
#include "chip/sod.hpp"
#include "tools/dataset/face_drawing.hpp"
#include "tools/dataset/images.hpp"
#include "tools/dataset/record_generator.hpp"
#include "tools/dataset/record_json.hpp"

namespace ektp::dataset {
namespace {

// Random streams of one image seed, one per image (independent of each other).
constexpr std::uint64_t kFaceStream = 0xFACE;
constexpr std::uint64_t kSignatureStream = 0x5164;
constexpr std::uint64_t kFingerStream = 0xF1C6;

Result<void> write_bytes(const std::filesystem::path& path, const std::uint8_t* data,
                         std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out)
    return fail("dataset.write",
                "Cannot write " + path.string() + ". Check the folder and free space.");
  return ok();
}

Result<void> write_bytes(const std::filesystem::path& path, const chip::Bytes& bytes) {
  return write_bytes(path, bytes.data(), bytes.size());
}

}  // namespace

Result<chip::DatasetInput> make_input(const chip::CitizenRecord& record, std::uint64_t image_seed) {
  chip::DatasetInput in;
  in.record = record;
  Rng face_rng(image_seed, kFaceStream);
  auto face = make_portrait(make_face_style(face_rng, record));
  if (!face) return face.error();
  in.face = std::move(*face);
  Rng signature_rng(image_seed, kSignatureStream);
  auto signature = make_signature(signature_rng);
  if (!signature) return signature.error();
  in.signature_jpeg = std::move(*signature);
  Rng finger_rng(image_seed, kFingerStream);
  in.fingers = make_fingers(finger_rng);
  return in;
}


Result<chip::Dataset> build_signed_dataset(const chip::DatasetInput& input,
                                           const testpki::Identity& signer) {
  auto dataset = chip::build_dataset(input);
  if (!dataset) return dataset.error();
  auto sod = chip::build_sod(chip::data_groups_of(*dataset), signer.cert.get(), signer.key.get());
  if (!sod) return sod.error();
  dataset->files.push_back({*chip::find_spec("EF.SOD"), std::move(*sod)});
  return std::move(*dataset);
}

Result<MadeDataset> make_dataset(const chip::CitizenRecord& record, std::uint64_t image_seed,
                                 const testpki::Identity& signer, bool with_photo) {
  MadeDataset made;
  auto input = make_input(record, image_seed);
  if (!input) return input.error();
  made.input = std::move(*input);
  auto dataset = build_signed_dataset(made.input, signer);
  if (!dataset) return dataset.error();
  made.dataset = std::move(*dataset);
  if (with_photo) {
    Rng face_rng(image_seed, kFaceStream);  // the same face as the portrait
    auto photo = make_face_photo(make_face_style(face_rng, record), image_seed);
    if (!photo) return photo.error();
    made.face_photo = std::move(*photo);
  }
  return made;
}

Result<MadeDataset> make_generated_dataset(std::uint64_t seed, std::uint64_t index,
                                           const testpki::Identity& signer, bool with_photo) {
  // The images take their own seed from the record's, so they differ per record.
  return make_dataset(generate_record(seed, index), Rng(seed, index ^ 0x1A6E5ull).next(), signer,
                      with_photo);
}

Result<void> write_dataset(const MadeDataset& made, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail("dataset.write", "Cannot create the folder " + dir + ": " + ec.message());
  const std::filesystem::path d(dir);
  for (const auto& f : made.dataset.files) {
    char name[8];
    std::snprintf(name, sizeof name, "%04X", static_cast<unsigned>(f.spec.fid));
    if (auto r = write_bytes(d / name, f.content); !r) return r;
  }
  const std::string json = record_to_json(made.input.record).dump(2) + "\n";
  if (auto r = write_bytes(d / "record.json", reinterpret_cast<const std::uint8_t*>(json.data()),
                           json.size());
      !r) {
    return r;
  }
  if (!made.face_photo.empty()) {
    if (auto r = write_bytes(d / "face.jpg", made.face_photo); !r) return r;
  }
  if (auto r = write_bytes(d / "portrait.jpg", made.input.face.jpeg); !r) return r;
  return write_bytes(d / "signature.jpg", made.input.signature_jpeg);
}

}  // namespace ektp::dataset
