#include "tools/dataset/face_drawing.hpp"

#include <cmath>

namespace ektp::dataset {
namespace {

void set_rgb(cairo_t* cr, const double (&c)[3], double scale = 1.0) {
  cairo_set_source_rgb(cr, c[0] * scale, c[1] * scale, c[2] * scale);
}

void ellipse(cairo_t* cr, double cx, double cy, double rx, double ry) {
  cairo_save(cr);
  cairo_translate(cr, cx, cy);
  cairo_scale(cr, rx, ry);
  cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
  cairo_restore(cr);
}

void copy(double (&to)[3], double r, double g, double b) {
  to[0] = r;
  to[1] = g;
  to[2] = b;
}

}  // namespace

FaceStyle make_face_style(Rng& rng, const chip::CitizenRecord& record) {
  FaceStyle s;
  s.red_background = record.birth_date.year % 2 == 1;
  const double tone = rng.real(0.0, 1.0);  // light .. dark brown
  copy(s.skin, 0.93 - 0.42 * tone, 0.76 - 0.40 * tone, 0.62 - 0.36 * tone);
  const double grey =
      record.issue_date.year - record.birth_date.year > 55 ? rng.real(0.3, 0.75) : 0;
  const double h = rng.real(0.05, 0.2);
  copy(s.hair, h + grey, h * 0.8 + grey, h * 0.6 + grey);
  static constexpr double kShirts[][3] = {{1, 1, 1},        {0.15, 0.2, 0.35}, {0.55, 0.1, 0.1},
                                          {0.2, 0.4, 0.25}, {0.1, 0.1, 0.1},   {0.6, 0.45, 0.25}};
  const auto& shirt = kShirts[rng.below(std::size(kShirts))];
  copy(s.shirt, shirt[0], shirt[1], shirt[2]);
  s.head_width = rng.real(0.30, 0.36);
  s.head_height = rng.real(0.46, 0.52);
  s.eye_gap = rng.real(0.34, 0.42);
  s.mouth_smile = rng.real(-0.2, 0.6);
  const bool female = record.sex == chip::Sex::female;
  const bool muslim = record.religion == "ISLAM";
  if (female) {
    s.hair_style = muslim && rng.chance(0.7) ? FaceStyle::Hair::hijab : FaceStyle::Hair::long_hair;
    if (s.hair_style == FaceStyle::Hair::hijab) {
      static constexpr double kHijab[][3] = {{0.95, 0.95, 0.95},
                                             {0.1, 0.1, 0.12},
                                             {0.5, 0.3, 0.45},
                                             {0.35, 0.45, 0.6},
                                             {0.75, 0.65, 0.5}};
      const auto& c = kHijab[rng.below(std::size(kHijab))];
      copy(s.hair, c[0], c[1], c[2]);
    }
  } else {
    const std::size_t k = rng.weighted({70, 10, muslim ? 15 : 0});
    s.hair_style = k == 0 ? FaceStyle::Hair::short_hair
                          : (k == 1 ? FaceStyle::Hair::bald : FaceStyle::Hair::peci);
    s.moustache = rng.chance(0.3);
  }
  s.glasses = rng.chance(0.2);
  return s;
}

void draw_face(cairo_t* cr, int width, int height, const FaceStyle& s) {
  const double w = width, h = height;
  // Background: the e-KTP photo colours.
  if (s.red_background) {
    cairo_set_source_rgb(cr, 0.80, 0.12, 0.12);
  } else {
    cairo_set_source_rgb(cr, 0.12, 0.30, 0.70);
  }
  cairo_paint(cr);

  const double cx = w / 2;
  const double head_rx = w * s.head_width / 2 * 1.3;
  const double head_ry = h * s.head_height / 2;
  const double head_cy = h * 0.43;

  // Long hair falls behind the shoulders.
  if (s.hair_style == FaceStyle::Hair::long_hair) {
    set_rgb(cr, s.hair);
    ellipse(cr, cx, head_cy + head_ry * 0.45, head_rx * 1.3, head_ry * 1.25);
    cairo_fill(cr);
  }
  // Shoulders and shirt, with a collar.
  set_rgb(cr, s.shirt);
  ellipse(cr, cx, h * 1.0, w * 0.55, h * 0.24);
  cairo_fill(cr);
  // Neck.
  set_rgb(cr, s.skin, 0.9);
  cairo_rectangle(cr, cx - head_rx * 0.42, head_cy + head_ry * 0.6, head_rx * 0.84, h * 0.16);
  cairo_fill(cr);
  set_rgb(cr, s.shirt, 0.8);
  cairo_move_to(cr, cx - head_rx * 0.6, h * 0.79);
  cairo_line_to(cr, cx, h * 0.9);
  cairo_line_to(cr, cx + head_rx * 0.6, h * 0.79);
  cairo_set_line_width(cr, w * 0.02);
  cairo_stroke(cr);

  // A hijab wraps the head and falls over the shoulders.
  if (s.hair_style == FaceStyle::Hair::hijab) {
    set_rgb(cr, s.hair);
    ellipse(cr, cx, head_cy - head_ry * 0.05, head_rx * 1.25, head_ry * 1.18);
    cairo_fill(cr);
    cairo_move_to(cr, cx - head_rx * 1.25, head_cy);
    cairo_curve_to(cr, cx - head_rx * 1.6, h * 0.85, cx - w * 0.35, h, cx, h);
    cairo_curve_to(cr, cx + w * 0.35, h, cx + head_rx * 1.6, h * 0.85, cx + head_rx * 1.25,
                   head_cy);
    cairo_close_path(cr);
    cairo_fill(cr);
  }
  // Ears, head.
  set_rgb(cr, s.skin, 0.92);
  if (s.hair_style != FaceStyle::Hair::hijab) {
    ellipse(cr, cx - head_rx, head_cy, head_rx * 0.16, head_ry * 0.18);
    ellipse(cr, cx + head_rx, head_cy, head_rx * 0.16, head_ry * 0.18);
    cairo_fill(cr);
  }
  set_rgb(cr, s.skin);
  ellipse(cr, cx, head_cy, head_rx, head_ry * (s.hair_style == FaceStyle::Hair::hijab ? 0.9 : 1.0));
  cairo_fill(cr);

  // Hair on top / cap.
  set_rgb(cr, s.hair);
  switch (s.hair_style) {
    case FaceStyle::Hair::short_hair:
    case FaceStyle::Hair::long_hair:
      // The top of the head, above a parting line, clipped to a slightly larger head.
      cairo_save(cr);
      ellipse(cr, cx, head_cy - head_ry * 0.03, head_rx * 1.07, head_ry * 1.05);
      cairo_clip(cr);
      cairo_move_to(cr, cx - head_rx * 1.2, head_cy - head_ry * 0.2);
      cairo_curve_to(cr, cx - head_rx * 0.6, head_cy - head_ry * 0.8, cx + head_rx * 0.2,
                     head_cy - head_ry * 0.5, cx + head_rx * 1.2, head_cy - head_ry * 0.3);
      cairo_line_to(cr, cx + head_rx * 1.2, 0);
      cairo_line_to(cr, cx - head_rx * 1.2, 0);
      cairo_close_path(cr);
      cairo_fill(cr);
      cairo_restore(cr);
      break;
    case FaceStyle::Hair::peci:
      cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
      cairo_rectangle(cr, cx - head_rx * 0.95, head_cy - head_ry * 1.08, head_rx * 1.9,
                      head_ry * 0.45);
      cairo_fill(cr);
      break;
    default:
      break;
  }

  // Eyes, brows, nose, mouth.
  const double eye_dx = head_rx * 2 * s.eye_gap / 2;
  const double eye_y = head_cy - head_ry * 0.05;
  for (double side : {-1.0, 1.0}) {
    const double ex = cx + side * eye_dx;
    cairo_set_source_rgb(cr, 0.97, 0.97, 0.95);
    ellipse(cr, ex, eye_y, head_rx * 0.17, head_ry * 0.06);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.1, 0.06);
    ellipse(cr, ex, eye_y, head_rx * 0.07, head_ry * 0.055);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.12, 0.1, 0.08);
    cairo_set_line_width(cr, h * 0.008);
    cairo_move_to(cr, ex - head_rx * 0.2, eye_y - head_ry * 0.14);
    cairo_curve_to(cr, ex - head_rx * 0.05, eye_y - head_ry * 0.2, ex + head_rx * 0.1,
                   eye_y - head_ry * 0.2, ex + head_rx * 0.2, eye_y - head_ry * 0.13);
    cairo_stroke(cr);
    if (s.glasses) {
      cairo_set_line_width(cr, h * 0.006);
      ellipse(cr, ex, eye_y, head_rx * 0.27, head_ry * 0.13);
      cairo_stroke(cr);
    }
  }
  set_rgb(cr, s.skin, 0.75);
  cairo_set_line_width(cr, h * 0.007);
  cairo_move_to(cr, cx, eye_y + head_ry * 0.05);
  cairo_line_to(cr, cx - head_rx * 0.1, eye_y + head_ry * 0.35);
  cairo_line_to(cr, cx + head_rx * 0.05, eye_y + head_ry * 0.37);
  cairo_stroke(cr);
  if (s.moustache) {
    set_rgb(cr, s.hair);
    ellipse(cr, cx, eye_y + head_ry * 0.45, head_rx * 0.3, head_ry * 0.045);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.55, 0.25, 0.25);
  cairo_set_line_width(cr, h * 0.01);
  const double my = eye_y + head_ry * 0.58;
  cairo_move_to(cr, cx - head_rx * 0.3, my);
  cairo_curve_to(cr, cx - head_rx * 0.1, my + head_ry * 0.1 * s.mouth_smile, cx + head_rx * 0.1,
                 my + head_ry * 0.1 * s.mouth_smile, cx + head_rx * 0.3, my);
  cairo_stroke(cr);
}

}  // namespace ektp::dataset
