#pragma once
/// A generated face drawn with cairo: head and shoulders in front of the
/// e-KTP photo background (red for holders born in odd years, blue for even
/// years), with seeded variation of skin, hair, head covering, clothes and
/// features. Not a person: a stand-in for the photo central would send.

#include <cairo.h>

#include "chip/record.hpp"
#include "tools/dataset/rng.hpp"

namespace ektp::dataset {

/// Everything that makes one drawn face; drawn the same at any size.
struct FaceStyle {
  bool red_background = false;
  double skin[3] = {0.8, 0.6, 0.45};  ///< RGB 0..1
  double hair[3] = {0.1, 0.08, 0.06};
  double shirt[3] = {1, 1, 1};
  double head_width = 0.30;   ///< of the image width
  double head_height = 0.40;  ///< of the image height
  double eye_gap = 0.38;      ///< of the head width
  double mouth_smile = 0.2;   ///< -1 .. 1
  enum class Hair { short_hair, long_hair, bald, hijab, peci } hair_style = Hair::short_hair;
  bool glasses = false;
  bool moustache = false;
};

/// A style for `record`'s holder (sex, religion and birth year shape it), varied by `rng`.
FaceStyle make_face_style(Rng& rng, const chip::CitizenRecord& record);

/// Draw `style` filling a `width` x `height` image on `cr`.
void draw_face(cairo_t* cr, int width, int height, const FaceStyle& style);

}  // namespace ektp::dataset
