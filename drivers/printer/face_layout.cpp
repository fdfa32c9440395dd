#include "drivers/printer/face_layout.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

#include "drivers/printer/printer_messages_face.hpp"

namespace ektp::printer {
namespace {

// Geometry in points, measured against photographs of the e-KTP face.
constexpr double kMarginX = 8.5;
constexpr double kBottom = kCardHeightPt - 4.5;  // lowest ink on the card

constexpr double kHeaderTop = 5.0;
constexpr double kHeaderPitch = 9.5;
constexpr std::array kHeaderSizes{8.0, 7.5, 7.0, 6.5, 6.0};

constexpr double kNikTop = 24.5;
constexpr double kNikLabelSize = 9.0;
constexpr double kNikValueSize = 10.0;

constexpr double kRowsTop = 39.5;
constexpr double kLabelSize = 6.0;
constexpr double kIndent = 6.0;                        // RT/RW, Kel/Desa, Kecamatan under Alamat
constexpr double kColonGap = 2.5;                      // widest label to colon
constexpr double kValueGap = 4.0;                      // colon to value
constexpr double kBloodOffset = 40.0;                  // "Gol. Darah" from the value column
constexpr std::array kValueSizes{6.0, 5.6, 5.2, 4.8};  // wrap first, then shrink
constexpr std::array kPitches{7.3, 6.9, 6.5};          // then close up the rows

constexpr double kPhotoW = 52.0;
constexpr double kPhotoH = kPhotoW * 4.0 / 3.0;  // 3:4 portrait
constexpr double kPhotoX = kCardWidthPt - 10.0 - kPhotoW;
constexpr double kPhotoY = 39.5;
constexpr double kPhotoCentre = kPhotoX + kPhotoW / 2.0;
constexpr double kValueRight = kPhotoX - 4.0;  // values stop short of the photo
constexpr double kUnderPhotoWidth = 66.0;
constexpr std::array kCitySizes{6.0, 5.6, 5.2, 4.8};
constexpr int kCityMaxLines = 2;
constexpr double kDateSize = 6.0;
constexpr double kSignatureMaxH = 16.0;
constexpr double kSignatureMinH = 10.0;
constexpr double kSignatureAspect = 3.0;  // 240 x 80 as the data set draws it
constexpr double kCanSize = 5.0;

/// A label : value row. `what` names the field in messages (English, no data).
struct RowSpec {
  const char* label;
  const char* what;
  std::string FaceFields::*value;
  int max_lines;
  bool indented;
};

constexpr std::size_t kSexRow = 2;  // also holds Gol. Darah
const std::array<RowSpec, 12> kRows{{
    {"Nama", "name", &FaceFields::name, 3, false},
    {"Tempat/Tgl Lahir", "place and date of birth", &FaceFields::birth_place_date, 2, false},
    {"Jenis Kelamin", "sex", &FaceFields::sex, 1, false},
    {"Alamat", "address", &FaceFields::address, 3, false},
    {"RT/RW", "RT/RW", &FaceFields::rt_rw, 1, true},
    {"Kel/Desa", "kelurahan/desa", &FaceFields::kelurahan_desa, 2, true},
    {"Kecamatan", "kecamatan", &FaceFields::kecamatan, 2, true},
    {"Agama", "religion", &FaceFields::religion, 2, false},
    {"Status Perkawinan", "marital status", &FaceFields::marital_status, 1, false},
    {"Pekerjaan", "occupation", &FaceFields::occupation, 2, false},
    {"Kewarganegaraan", "citizenship", &FaceFields::citizenship, 1, false},
    {"Berlaku Hingga", "validity", &FaceFields::valid_until, 1, false},
}};

Error no_room(const std::string& what, const std::string& label, int max_lines) {
  return fail(
      "face.does_not_fit",
      face_texts::say(max_lines == 1 ? face_texts::no_room_line : face_texts::no_room_lines,
                      face_texts::field_text(what), face_texts::field_text(label), max_lines));
}

Error missing(const std::string& what) {
  return fail("face.missing_field",
              face_texts::say(face_texts::missing_field, face_texts::field_text(what)));
}

/// Columns: the colon and value x, from the widest label.
struct Columns {
  double colon_x = 0;
  double value_x = 0;
  double blood_label_x = 0;
  double blood_value_x = 0;
};

Columns columns() {
  double widest = 0;
  for (const RowSpec& row : kRows) {
    LayoutPtr l = make_layout(row.label, FaceFont::body, kLabelSize);
    widest = std::max(widest, layout_width(l.get()) + (row.indented ? kIndent : 0.0));
  }
  Columns c;
  c.colon_x = kMarginX + widest + kColonGap;
  c.value_x = c.colon_x + kValueGap;
  c.blood_label_x = c.value_x + kBloodOffset;
  LayoutPtr blood = make_layout("Gol. Darah", FaceFont::body, kLabelSize);
  c.blood_value_x = c.blood_label_x + layout_width(blood.get()) + kColonGap + kValueGap;
  return c;
}

/// The rows' value sizes: wrap, then shrink, then close up (see the header).
class RowFitter {
 public:
  RowFitter(const FaceFields& f, const Columns& c) : fields_(f), cols_(c) {
    for (auto& row : lines_) row.fill(0);
  }

  double width(std::size_t row) const {
    return row == kSexRow ? cols_.blood_label_x - 3.0 - cols_.value_x : kValueRight - cols_.value_x;
  }

  LayoutPtr value_layout(std::size_t row, std::size_t size) const {
    return make_layout(fields_.*kRows[row].value, FaceFont::body, kValueSizes[size], width(row));
  }

  int lines(std::size_t row, std::size_t size) {
    int& n = lines_[row][size];
    if (n == 0) n = layout_lines(value_layout(row, size).get());
    return n;
  }

  /// First size (largest) within each row's line limit.
  Result<void> initial() {
    for (std::size_t r = 0; r < kRows.size(); ++r) {
      std::size_t s = 0;
      while (s < kValueSizes.size() && lines(r, s) > kRows[r].max_lines) ++s;
      if (s == kValueSizes.size())
        return no_room(kRows[r].what, kRows[r].label, kRows[r].max_lines);
      size_[r] = s;
    }
    return ok();
  }

  /// Height the rows take at `pitch`: every row one pitch, each extra line of
  /// a wrapped value one line of its size more.
  double height(double pitch) {
    double h = 0;
    for (std::size_t r = 0; r < kRows.size(); ++r) h += pitch + extra(r);
    return h;
  }

  double extra(std::size_t r) {
    const int n = lines(r, size_[r]);
    if (n <= 1) return 0;
    LayoutPtr l = value_layout(r, size_[r]);
    return layout_height(l.get()) / n * (n - 1);
  }

  /// Shrink the wrapped row with the most lines one size; false when none can.
  bool shrink_one() {
    std::size_t best = kRows.size();
    for (std::size_t r = 0; r < kRows.size(); ++r) {
      if (lines(r, size_[r]) <= 1 || size_[r] + 1 >= kValueSizes.size()) continue;
      if (best == kRows.size() || lines(r, size_[r]) > lines(best, size_[best])) best = r;
    }
    if (best == kRows.size()) return false;
    ++size_[best];
    return true;
  }

  Error too_much_text() {
    std::string names;
    for (std::size_t r = 0; r < kRows.size(); ++r) {
      if (lines(r, size_[r]) <= 1) continue;
      names += (names.empty() ? "" : ", ") + face_texts::field_text(kRows[r].what);
    }
    return fail("face.does_not_fit", face_texts::say(face_texts::too_much_text, names));
  }

  std::size_t size(std::size_t row) const { return size_[row]; }

 private:
  const FaceFields& fields_;
  const Columns& cols_;
  std::array<std::array<int, kValueSizes.size()>, kRows.size()> lines_{};
  std::array<std::size_t, kRows.size()> size_{};
};

/// Place `layout` so that its first baseline is at `baseline`.
void put(FacePlan& plan, LayoutPtr layout, double x, double baseline) {
  const double y = baseline - layout_baseline(layout.get());
  plan.texts.push_back({std::move(layout), x, y});
}

Result<void> plan_header(const FaceFields& f, FacePlan& plan) {
  const std::string lines[2] = {"PROVINSI " + f.province, f.regency_city};
  const char* whats[2] = {"province", "regency or city"};
  const char* labels[2] = {"PROVINSI", "KABUPATEN/KOTA"};
  const double room = kCardWidthPt - 2 * kMarginX;
  for (int i = 0; i < 2; ++i) {
    LayoutPtr chosen;
    for (double size : kHeaderSizes) {
      LayoutPtr l = make_layout(lines[i], FaceFont::body_bold, size);
      if (layout_width(l.get()) <= room) {
        chosen = std::move(l);
        break;
      }
    }
    if (!chosen) return no_room(whats[i], labels[i], 1);
    const double x = (kCardWidthPt - layout_width(chosen.get())) / 2.0;
    plan.texts.push_back({std::move(chosen), x, kHeaderTop + i * kHeaderPitch});
  }
  return ok();
}

Result<void> plan_nik(const FaceFields& f, const Columns& c, FacePlan& plan) {
  LayoutPtr label = make_layout("NIK", FaceFont::body_bold, kNikLabelSize);
  const double baseline = kNikTop + layout_baseline(label.get());
  LayoutPtr value = make_layout(f.nik, FaceFont::body_bold, kNikValueSize);
  LayoutPtr colon = make_layout(":", FaceFont::body_bold, kNikLabelSize);
  const double value_x = c.colon_x + layout_width(colon.get()) + kValueGap;
  if (value_x + layout_width(value.get()) > kCardWidthPt - kMarginX)
    return no_room("NIK", "NIK", 1);
  put(plan, std::move(label), kMarginX, baseline);
  put(plan, std::move(colon), c.colon_x, baseline);
  put(plan, std::move(value), value_x, baseline);
  return ok();
}

Result<void> plan_rows(const FaceFields& f, const Columns& c, FacePlan& plan) {
  RowFitter fit(f, c);
  if (auto r = fit.initial(); !r) return r;
  const double room = kBottom - kRowsTop;
  double pitch = 0;
  while (pitch == 0) {
    for (double p : kPitches) {
      // The last row needs one line, not a whole pitch, below its top.
      if (fit.height(p) - p + kLabelSize * 1.2 <= room) {
        pitch = p;
        break;
      }
    }
    if (pitch == 0 && !fit.shrink_one()) return fit.too_much_text();
  }
  double top = kRowsTop;
  for (std::size_t r = 0; r < kRows.size(); ++r) {
    LayoutPtr label = make_layout(kRows[r].label, FaceFont::body, kLabelSize);
    const double baseline = top + layout_baseline(label.get());
    put(plan, std::move(label), kMarginX + (kRows[r].indented ? kIndent : 0.0), baseline);
    put(plan, make_layout(":", FaceFont::body, kLabelSize), c.colon_x, baseline);
    put(plan, fit.value_layout(r, fit.size(r)), c.value_x, baseline);
    if (r == kSexRow) {
      LayoutPtr blood = make_layout(f.blood_type, FaceFont::body, kValueSizes[0]);
      if (c.blood_value_x + layout_width(blood.get()) > kValueRight) {
        return no_room("blood type", "Gol. Darah", 1);
      }
      put(plan, make_layout("Gol. Darah", FaceFont::body, kLabelSize), c.blood_label_x, baseline);
      put(plan, make_layout(":", FaceFont::body, kLabelSize), c.blood_value_x - kValueGap,
          baseline);
      put(plan, std::move(blood), c.blood_value_x, baseline);
    }
    top += pitch + fit.extra(r);
  }
  return ok();
}

/// Under the photo: the issuing city (wraps, shrinks), the date, the
/// signature in the room left above the CAN.
Result<void> plan_photo_column(const FaceFields& f, FacePlan& plan) {
  plan.photo = {kPhotoX, kPhotoY, kPhotoW, kPhotoH};
  LayoutPtr can = make_layout("CAN " + f.can, FaceFont::body, kCanSize);
  const double can_top = kBottom - layout_height(can.get());
  const double can_x = kCardWidthPt - kMarginX - layout_width(can.get());
  if (can_x < kPhotoX - 8.0) return no_room("CAN", "CAN", 1);
  LayoutPtr date = make_layout(f.issue_date, FaceFont::body, kDateSize);
  if (layout_width(date.get()) > kUnderPhotoWidth) return no_room("date of issue", "date", 1);
  const double city_top = kPhotoY + kPhotoH + 1.0;
  for (double size : kCitySizes) {
    LayoutPtr city = make_layout(f.issue_city, FaceFont::body, size, kUnderPhotoWidth);
    pango_layout_set_alignment(city.get(), PANGO_ALIGN_CENTER);
    if (layout_lines(city.get()) > kCityMaxLines) continue;
    const double date_top = city_top + layout_height(city.get());
    const double sign_top = date_top + layout_height(date.get()) + 1.0;
    const double sign_h = std::min(kSignatureMaxH, can_top - 1.0 - sign_top);
    if (sign_h < kSignatureMinH) continue;
    const double sign_w = std::min(kUnderPhotoWidth, sign_h * kSignatureAspect);
    plan.texts.push_back({std::move(city), kPhotoCentre - kUnderPhotoWidth / 2.0, city_top});
    const double date_x = kPhotoCentre - layout_width(date.get()) / 2.0;
    plan.texts.push_back({std::move(date), date_x, date_top});
    plan.signature = {kPhotoCentre - sign_w / 2.0, sign_top, sign_w, sign_h};
    plan.texts.push_back({std::move(can), can_x, can_top});
    return ok();
  }
  return no_room("issuing city", "city under the photo", kCityMaxLines);
}

}  // namespace

Result<FacePlan> plan_face(const FaceFields& f) {
  const std::pair<const std::string*, const char*> required[] = {
      {&f.province, "province"},
      {&f.regency_city, "regency or city"},
      {&f.nik, "NIK"},
      {&f.name, "name"},
      {&f.birth_place_date, "place and date of birth"},
      {&f.sex, "sex"},
      {&f.blood_type, "blood type"},
      {&f.address, "address"},
      {&f.rt_rw, "RT/RW"},
      {&f.kelurahan_desa, "kelurahan/desa"},
      {&f.kecamatan, "kecamatan"},
      {&f.religion, "religion"},
      {&f.marital_status, "marital status"},
      {&f.occupation, "occupation"},
      {&f.citizenship, "citizenship"},
      {&f.valid_until, "validity"},
      {&f.issue_city, "issuing city"},
      {&f.issue_date, "date of issue"},
      {&f.can, "card access number (CAN)"},
  };
  for (const auto& [value, what] : required) {
    if (value->empty()) return missing(what);
  }
  if (auto r = check_face_fonts(); !r) return r.error();
  FacePlan plan;
  const Columns cols = columns();
  if (auto r = plan_header(f, plan); !r) return r.error();
  if (auto r = plan_nik(f, cols, plan); !r) return r.error();
  if (auto r = plan_rows(f, cols, plan); !r) return r.error();
  if (auto r = plan_photo_column(f, plan); !r) return r.error();
  return plan;
}

}  // namespace ektp::printer
