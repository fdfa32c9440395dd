// Long names and addresses wrap or shrink and are never cut (every character
// is in the PDF's text, every word inside the card and clear of the photo);
// what cannot fit is refused by check_fit, and by the renderer, naming the
// field and never quoting it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "daemon/face_from_record.hpp"
#include "drivers/printer/face_layout.hpp"
#include "drivers/printer/face_renderer.hpp"
#include "face_support.hpp"
#include "support/require_ok.hpp"
#include "tools/dataset/record_generator.hpp"

using namespace ektp;
using namespace ektp::facetest;

namespace {

/// The chip portrait and signature of one data set: small pictures for
/// checks that are about the text.
const printer::FaceFields& base_fields() {
  static const printer::FaceFields fields = fields_of(made(0, false));
  return fields;
}

printer::FaceFields with_record(const chip::CitizenRecord& record) {
  const auto& base = base_fields();
  return daemon::face_from_record(record, base.photo_jpeg, base.signature_jpeg);
}

/// A word box of `pdftotext -bbox`, in points from the top-left.
struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

double attribute(const std::string& tag, const std::string& name) {
  const auto at = tag.find(name + "=\"");
  REQUIRE(at != std::string::npos);
  return std::stod(tag.substr(at + name.size() + 2));
}

std::vector<Word> words_of(const std::string& html) {
  std::vector<Word> words;
  for (auto at = html.find("<word "); at != std::string::npos; at = html.find("<word ", at + 1)) {
    const auto close = html.find('>', at);
    const auto end = html.find("</word>", close);
    REQUIRE(end != std::string::npos);
    const std::string tag = html.substr(at, close - at);
    words.push_back({attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"),
                     attribute(tag, "yMax"), html.substr(close + 1, end - close - 1)});
  }
  return words;
}

/// Render `fields` and check that nothing is cut: each value's characters in
/// the extracted text, each word inside the card and outside the photo.
void check_all_printed(const printer::FaceFields& f) {
  auto pdf = printer::render_face_pdf(f);
  REQUIRE_OK(pdf);
  const std::string flat = squeeze(pdftotext(*pdf, "-raw"));
  for (const std::string* value :
       {&f.province, &f.regency_city, &f.nik, &f.name, &f.birth_place_date, &f.sex, &f.blood_type,
        &f.address, &f.rt_rw, &f.kelurahan_desa, &f.kecamatan, &f.religion, &f.marital_status,
        &f.occupation, &f.citizenship, &f.valid_until, &f.issue_city, &f.issue_date, &f.can}) {
    CHECK_MESSAGE(flat.find(squeeze(*value)) != std::string::npos, "not on the face: " << *value);
  }
  auto plan = printer::plan_face(f);
  REQUIRE_OK(plan);
  const printer::FaceBox photo = plan->photo;
  const auto words = words_of(pdftotext(*pdf, "-bbox"));
  REQUIRE(words.size() > 30);
  constexpr double kSlack = 0.01;
  for (const Word& w : words) {
    CAPTURE(w.text);
    CHECK(w.x0 >= -kSlack);
    CHECK(w.y0 >= -kSlack);
    CHECK(w.x1 <= printer::kCardWidthPt + kSlack);
    CHECK(w.y1 <= printer::kCardHeightPt + kSlack);
    const bool clear_of_photo = w.x1 <= photo.x || w.x0 >= photo.x + photo.w || w.y1 <= photo.y ||
                                w.y0 >= photo.y + photo.h;
    CHECK(clear_of_photo);
  }
}

}  // namespace

TEST_CASE("every generated record fits the face") {
  for (std::uint64_t i = 0; i < 400; ++i) {
    CAPTURE(i);
    CHECK_OK(printer::check_fit(with_record(dataset::generate_record(kSeed, i))));
  }
}

TEST_CASE("the generator's long names and addresses wrap or shrink, every character printed") {
  int long_names = 0;
  int long_addresses = 0;
  for (std::uint64_t i = 0; i < 2000 && (long_names < 3 || long_addresses < 3); ++i) {
    const auto record = dataset::generate_record(kSeed, i);
    const bool long_name = record.name.size() >= 50 && long_names < 3;
    const bool long_address = record.address.size() >= 90 && long_addresses < 3;
    if (!long_name && !long_address) continue;
    long_names += long_name ? 1 : 0;
    long_addresses += long_address ? 1 : 0;
    CAPTURE(i);
    check_all_printed(with_record(record));
  }
  CHECK(long_names == 3);
  CHECK(long_addresses == 3);
}

TEST_CASE("extreme but printable records: every character printed") {
  const auto base = dataset::generate_record(kSeed, 0);
  SUBCASE("a 60-letter name of the widest letters") {
    auto r = base;
    r.name = std::string(60, 'W');
    check_all_printed(with_record(r));
  }
  SUBCASE("a 100-character address") {
    auto r = base;
    r.address =
        "JL. PANGERAN ANTASARI GG. MUSHOLLA AL-IKHLAS NO. 17B KOMPLEKS PERUMAHAN "
        "GRIYA ASRI BLOK C2/45";
    REQUIRE(r.address.size() <= 100);
    check_all_printed(with_record(r));
  }
  SUBCASE("every free text at its longest at once") {
    auto r = base;
    r.name = "MUHAMMAD RIZKY AL FARIZI BIN ABDUL RAHMAN HAKIM SYAHPUTRA RA";
    r.address =
        "JL. PANGERAN ANTASARI GG. MUSHOLLA AL-IKHLAS NO. 17B KOMPLEKS PERUMAHAN "
        "GRIYA ASRI BLOK C2/45";
    r.birth_place = "KABUPATEN KEPULAUAN SIAU TAGULANDANG BIA";
    r.kelurahan_desa = "KELURAHAN TANJUNG UNGGAT KAMPUNG BUGIS A";
    r.kecamatan = "KECAMATAN BUKIT BESTARI TANJUNGPINANG TI";
    r.occupation = "PENATA RIAS PENGANTIN DAN PERANCANG BUSA";
    r.religion = "KEPERCAYAAN TERHADAP TUHAN YME";
    r.province = "KEPULAUAN BANGKA BELITUNG SUMATERA SELAT";
    r.regency_city = "KABUPATEN KEPULAUAN SIAU TAGULANDANG BIA";
    r.issuing_city = "KABUPATEN KEPULAUAN SIAU TAGULANDANG BIA";
    check_all_printed(with_record(r));
  }
}

TEST_CASE("a record that cannot fit is refused with the field named, never quoted") {
  auto f = with_record(dataset::generate_record(kSeed, 0));
  struct Case {
    std::string printer::FaceFields::*field;
    std::string value;
    const char* named;
  };
  const Case cases[] = {
      {&printer::FaceFields::name, std::string(100, 'W'), "name (Nama)"},
      {&printer::FaceFields::address, std::string(100, 'W'), "address (Alamat)"},
      {&printer::FaceFields::province, std::string(40, 'W'), "province"},
      {&printer::FaceFields::occupation, std::string(60, 'W'), "occupation (Pekerjaan)"},
      {&printer::FaceFields::issue_city, std::string(60, 'W'), "issuing city"},
      {&printer::FaceFields::nik, std::string(30, '8'), "NIK"},
  };
  for (const Case& c : cases) {
    auto bad = f;
    bad.*c.field = c.value;
    CAPTURE(c.named);
    auto fit = printer::check_fit(bad);
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().code == "face.does_not_fit");
    CHECK(fit.error().message.find(c.named) != std::string::npos);
    CHECK(fit.error().message.find("WWW") == std::string::npos);
    CHECK(fit.error().message.find("888") == std::string::npos);
    CHECK(fit.error().message.find("central office") != std::string::npos);  // what to do
    auto rendered = printer::render_face(bad, {.pdf = true, .png = true});
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.error() == fit.error());  // the renderer refuses the same
  }
}

TEST_CASE("too much text in several fields together is refused, naming them") {
  auto f = with_record(dataset::generate_record(kSeed, 0));
  // Each fits on its own; all at three lines at once do not.
  f.name = std::string(58, 'M');
  f.address = std::string(70, 'M');
  f.birth_place_date = std::string(40, 'M');
  f.kelurahan_desa = std::string(40, 'M');
  f.kecamatan = std::string(40, 'M');
  f.occupation = std::string(40, 'M');
  f.religion = std::string(40, 'M');
  auto fit = printer::check_fit(f);
  REQUIRE_FALSE(fit.ok());
  CHECK(fit.error().code == "face.does_not_fit");
  CHECK(fit.error().message.find("together") != std::string::npos);
  CHECK(fit.error().message.find("name") != std::string::npos);
  CHECK(fit.error().message.find("MMM") == std::string::npos);
}

TEST_CASE("a missing field or a broken picture is refused, for check_fit and the renderer alike") {
  const auto good = with_record(dataset::generate_record(kSeed, 0));
  REQUIRE_OK(printer::check_fit(good));
  auto no_name = good;
  no_name.name.clear();
  auto cut_photo = good;
  cut_photo.photo_jpeg.resize(cut_photo.photo_jpeg.size() / 2);
  auto no_photo = good;
  no_photo.photo_jpeg.clear();
  auto bad_signature = good;
  bad_signature.signature_jpeg.assign(100, 0x42);
  const std::pair<const printer::FaceFields*, const char*> cases[] = {
      {&no_name, "face.missing_field"},
      {&cut_photo, "face.bad_photo"},
      {&no_photo, "face.bad_photo"},
      {&bad_signature, "face.bad_signature"},
  };
  for (const auto& [fields, code] : cases) {
    CAPTURE(code);
    auto fit = printer::check_fit(*fields);
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().code == code);
    auto rendered = printer::render_face_pdf(*fields);
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.error() == fit.error());
  }
}
