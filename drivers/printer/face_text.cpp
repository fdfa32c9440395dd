#include "drivers/printer/face_text.hpp"

#include <cstring>

#include "drivers/printer/printer_messages_face.hpp"

namespace ektp::printer {
namespace {

/// One font map and context per thread: pango objects are not thread-safe.
class TextContext {
 public:
  TextContext() {
    map_ = pango_cairo_font_map_new();
    context_ = pango_font_map_create_context(map_);
    // Outline-exact metrics: no hinting and no rounding of glyph positions, so
    // a line is as long at 72 dpi (PDF) as at 300 dpi (PNG) and the layout is
    // the same on any target.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    pango_cairo_context_set_resolution(context_, 72.0);  // 1 pango point = 1 PDF point
    pango_context_set_round_glyph_positions(context_, FALSE);
    pango_context_set_base_dir(context_, PANGO_DIRECTION_LTR);
    PangoLanguage* lang = pango_language_from_string("id");
    pango_context_set_language(context_, lang);
  }
  ~TextContext() {
    g_object_unref(context_);
    g_object_unref(map_);
  }
  TextContext(const TextContext&) = delete;
  TextContext& operator=(const TextContext&) = delete;

  PangoContext* context() const { return context_; }
  bool fonts_checked = false;

 private:
  PangoFontMap* map_ = nullptr;
  PangoContext* context_ = nullptr;
};

TextContext& text_context() {
  thread_local TextContext context;
  return context;
}

PangoFontDescription* describe(FaceFont font, double size_pt) {
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family_static(d, "DejaVu Sans");
  if (font == FaceFont::body) {
    pango_font_description_set_stretch(d, PANGO_STRETCH_SEMI_CONDENSED);
    pango_font_description_set_weight(d, PANGO_WEIGHT_NORMAL);
  } else {
    pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
  }
  pango_font_description_set_absolute_size(d, size_pt * PANGO_SCALE);
  return d;
}

/// Whether fontconfig gives the face's font for `font`, not a substitute.
bool resolves_exactly(FaceFont font) {
  PangoFontDescription* want = describe(font, 10);
  PangoFont* loaded = pango_context_load_font(text_context().context(), want);
  bool good = false;
  if (loaded != nullptr) {
    PangoFontDescription* got = pango_font_describe(loaded);
    const char* family = pango_font_description_get_family(got);
    good = family != nullptr && std::strcmp(family, "DejaVu Sans") == 0 &&
           pango_font_description_get_stretch(got) == pango_font_description_get_stretch(want) &&
           pango_font_description_get_weight(got) == pango_font_description_get_weight(want);
    pango_font_description_free(got);
    g_object_unref(loaded);
  }
  pango_font_description_free(want);
  return good;
}

}  // namespace

Result<void> check_face_fonts() {
  TextContext& tc = text_context();
  if (tc.fonts_checked) return ok();
  if (!resolves_exactly(FaceFont::body_bold)) {
    return fail("face.font_missing",
                face_texts::say(face_texts::font_missing, "DejaVu Sans Bold", "fonts-dejavu-core"));
  }
  if (!resolves_exactly(FaceFont::body)) {
    return fail(
        "face.font_missing",
        face_texts::say(face_texts::font_missing, "DejaVu Sans Condensed", "fonts-dejavu-extra"));
  }
  tc.fonts_checked = true;
  return ok();
}

LayoutPtr make_layout(const std::string& text, FaceFont font, double size_pt,
                      double wrap_width_pt) {
  LayoutPtr layout(pango_layout_new(text_context().context()));
  PangoFontDescription* d = describe(font, size_pt);
  pango_layout_set_font_description(layout.get(), d);
  pango_font_description_free(d);
  // Pango (1.44+) adds a hyphen where it breaks inside a word: that would put
  // a character on the card that is not in the record.
  PangoAttrList* attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_single_paragraph_mode(layout.get(), TRUE);
  if (wrap_width_pt > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(wrap_width_pt * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  // Plain text, never markup: a record's text cannot change the drawing.
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

namespace {
PangoRectangle logical_of(PangoLayout* layout) {
  PangoRectangle logical{};
  pango_layout_get_extents(layout, nullptr, &logical);
  return logical;
}
}  // namespace

double layout_width(PangoLayout* layout) {
  return static_cast<double>(logical_of(layout).width) / PANGO_SCALE;
}
double layout_height(PangoLayout* layout) {
  return static_cast<double>(logical_of(layout).height) / PANGO_SCALE;
}
double layout_baseline(PangoLayout* layout) {
  return static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
}
int layout_lines(PangoLayout* layout) { return pango_layout_get_line_count(layout); }

}  // namespace ektp::printer

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (through pango) keeps allocations for the life of the process
// that LeakSanitizer reports at exit: not the station's leaks. Every sanitizer
// build of a program that draws faces links this file, so the suppression sits
// here rather than in each test. (Only one __lsan_default_suppressions may
// exist per program: add further suppressions to this one.)
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
