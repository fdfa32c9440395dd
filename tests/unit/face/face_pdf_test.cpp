// The face PDF: exactly one CR80 landscape page, fonts embedded, the same
// bytes for the same record, and its text (pdftotext) carrying the same NIK,
// name and date of birth as the chip's DG11.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "chip/lds_dg11.hpp"
#include "drivers/printer/face_renderer.hpp"
#include "face_support.hpp"
#include "support/require_ok.hpp"

using namespace ektp;
using namespace ektp::facetest;

namespace {

std::string as_text(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

TEST_CASE("the face is one landscape CR80 page of exactly 85.60 x 53.98 mm") {
  auto pdf = printer::render_face_pdf(fields_of(made(0)));
  REQUIRE_OK(pdf);
  REQUIRE(pdf->size() > 1000);

  // The MediaBox as written: 85.60 mm = 242.645669 pt, 53.98 mm = 153.014173 pt.
  const std::string bytes = as_text(*pdf);
  const auto at = bytes.find("/MediaBox [");
  REQUIRE(at != std::string::npos);
  CHECK(bytes.find("/MediaBox [", at + 1) == std::string::npos);  // one page box
  std::istringstream box(bytes.substr(at + 11, 80));
  double x0 = -1, y0 = -1, w = 0, h = 0;
  box >> x0 >> y0 >> w >> h;
  REQUIRE(box.good());
  CHECK(x0 == 0);
  CHECK(y0 == 0);
  CHECK(w == doctest::Approx(85.60 / 25.4 * 72).epsilon(1e-6));
  CHECK(h == doctest::Approx(53.98 / 25.4 * 72).epsilon(1e-6));
  CHECK(w > h);  // landscape

  // And as poppler reads it.
  const std::string info = pdfinfo(*pdf);
  INFO(info);
  CHECK(info.find("Pages:           1") != std::string::npos);
  CHECK(info.find("Page size:       242.646 x 153.014 pts") != std::string::npos);
  CHECK(info.find("Page rot:        0") != std::string::npos);
  CHECK(info.find("Title:           e-KTP card face") != std::string::npos);
}

TEST_CASE("the fonts are embedded and the PDF carries no personal data outside the page") {
  const auto fields = fields_of(made(1));
  auto pdf = printer::render_face_pdf(fields);
  REQUIRE_OK(pdf);
  const std::string bytes = as_text(*pdf);
  CHECK(bytes.find("/FontFile") != std::string::npos);  // embedded (subset) fonts
  CHECK(bytes.find("DejaVuSans") != std::string::npos);
  // The text is drawn as glyphs: neither the NIK nor the name is in clear in the file.
  CHECK(bytes.find(fields.nik) == std::string::npos);
  CHECK(bytes.find(fields.name) == std::string::npos);
  // The photo is embedded as the JPEG it came as.
  CHECK(bytes.find("/DCTDecode") != std::string::npos);
}

TEST_CASE("the same record gives the same PDF bytes") {
  const auto fields = fields_of(made(2));
  auto first = printer::render_face_pdf(fields);
  auto second = printer::render_face_pdf(fields);
  REQUIRE_OK(first);
  REQUIRE_OK(second);
  CHECK(*first == *second);
  // Not by luck within one second: the file has no creation date at all.
  CHECK(as_text(*first).find("CreationDate") == std::string::npos);
}

TEST_CASE("NIK, name and date of birth on the face equal the chip's DG11") {
  for (std::uint64_t index : {3u, 4u, 5u, 6u, 7u}) {
    CAPTURE(index);
    const auto m = made(index);
    // The chip side: DG11 as written to the chip, parsed by chip/.
    const auto* dg11 = m.dataset.find(0x010B);
    REQUIRE(dg11 != nullptr);
    chip::CitizenRecord chip_record;
    REQUIRE_OK(chip::parse_dg11(dg11->content, chip_record));

    auto pdf = printer::render_face_pdf(fields_of(m));
    REQUIRE_OK(pdf);
    const std::string text = pdftotext(*pdf, "-raw");
    const std::string flat = squeeze(text);

    CHECK(text.find(chip_record.nik) != std::string::npos);
    // Wrapped names break lines: compare without whitespace.
    CHECK(flat.find(squeeze(chip_record.name)) != std::string::npos);
    CHECK(text.find(chip_record.birth_date.dmy()) != std::string::npos);
    CHECK(flat.find(squeeze(chip_record.birth_place + "," + chip_record.birth_date.dmy())) !=
          std::string::npos);
  }
}
