#pragma once
/// Shared by the face tests: generated data sets (tools/dataset), their face
/// fields through the daemon's one mapping, and poppler's pdftotext/pdfinfo run
/// on a PDF in the test's own private directory (deleted afterwards).

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/printer/face_fields.hpp"
#include "tools/dataset/signed_dataset.hpp"

namespace ektp::facetest {

/// The tests' data-set seed (also the golden image's).
inline constexpr std::uint64_t kSeed = 20261123;

/// A document signer of a test PKI made once per process.
const testpki::Identity& signer();

/// Record `index` of kSeed as a signed data set with its printable photo.
dataset::MadeDataset made(std::uint64_t index, bool with_photo = true);

/// The face of `made` (daemon::face_from_record); the printable photo, or the
/// chip portrait when the data set was made without one.
printer::FaceFields fields_of(const dataset::MadeDataset& made);

/// A private directory (0700) under the build tree, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Output of `tool args... FILE.pdf` (and of pdftotext's text file) for `pdf`,
/// written into a TempDir that is removed before returning.
std::string pdftotext(const std::vector<std::uint8_t>& pdf, const std::string& options = "");
std::string pdfinfo(const std::vector<std::uint8_t>& pdf);

/// `text` without any whitespace.
std::string squeeze(const std::string& text);

}  // namespace ektp::facetest
