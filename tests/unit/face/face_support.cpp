#include "face_support.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/face_from_record.hpp"
#include "support/paths.hpp"

namespace ektp::facetest {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

/// Run `command` (paths we made, no user text); its exit status must be 0.
void run(const std::string& command) {
  const int status = std::system(command.c_str());
  REQUIRE_MESSAGE(status == 0, "command failed: " << command);
}

}  // namespace

const testpki::Identity& signer() {
  static const testpki::TestPki pki = [] {
    auto made = testpki::make_test_pki({1767225600, 1, 1});  // 2026-01-01
    REQUIRE_MESSAGE(made.ok(), (made.ok() ? "" : made.error().message));
    return std::move(made.value());
  }();
  return pki.document_signers.front();
}

dataset::MadeDataset made(std::uint64_t index, bool with_photo) {
  auto m = dataset::make_generated_dataset(kSeed, index, signer(), with_photo);
  REQUIRE_MESSAGE(m.ok(), (m.ok() ? "" : m.error().message));
  return std::move(m.value());
}

printer::FaceFields fields_of(const dataset::MadeDataset& m) {
  const auto& photo = m.face_photo.empty() ? m.input.face.jpeg : m.face_photo;
  return daemon::face_from_record(m.input.record, photo, m.input.signature_jpeg);
}

TempDir::TempDir() {
  std::string pattern = test::build_dir() + "/face-test-XXXXXX";
  REQUIRE(mkdtemp(pattern.data()) != nullptr);  // mode 0700
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string pdftotext(const std::vector<std::uint8_t>& pdf, const std::string& options) {
  TempDir dir;
  write_all(dir.path() + "/face.pdf", pdf);
  run("pdftotext -q " + options + " '" + dir.path() + "/face.pdf' '" + dir.path() + "/face.txt'");
  return read_all(dir.path() + "/face.txt");
}

std::string pdfinfo(const std::vector<std::uint8_t>& pdf) {
  TempDir dir;
  write_all(dir.path() + "/face.pdf", pdf);
  run("pdfinfo '" + dir.path() + "/face.pdf' > '" + dir.path() + "/info.txt'");
  return read_all(dir.path() + "/info.txt");
}

std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

}  // namespace ektp::facetest
