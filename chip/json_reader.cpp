#include "chip/json_reader.hpp"

#include <charconv>
#include <string>

namespace ektp::chip {
namespace {

using nlohmann::json;

struct Stop {
  JsonRefusal refusal;
};

class Reader {
 public:
  Reader(std::span<const std::uint8_t> text, int max_depth)
      : p_(text.data()),
        begin_(text.data()),
        end_(text.data() + text.size()),
        max_depth_(max_depth) {}

  json document() {
    skip_ws();
    json v = value(0);
    skip_ws();
    if (p_ != end_) malformed();
    return v;
  }

 private:
  [[noreturn]] void refuse(JsonRefusal::Kind kind) {
    throw Stop{{kind, static_cast<std::size_t>(p_ - begin_)}};
  }
  [[noreturn]] void malformed() { refuse(JsonRefusal::Kind::malformed); }

  void skip_ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  void expect(char c) {
    if (p_ == end_ || *p_ != static_cast<std::uint8_t>(c)) malformed();
    ++p_;
  }
  void literal(const char* word) {
    for (; *word; ++word) expect(*word);
  }

  json value(int depth) {
    if (p_ == end_) malformed();
    switch (*p_) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return json(string());
      case 't':
        literal("true");
        return json(true);
      case 'f':
        literal("false");
        return json(false);
      case 'n':
        literal("null");
        return json(nullptr);
      default:
        return number();
    }
  }

  json object(int depth) {
    if (depth > max_depth_) refuse(JsonRefusal::Kind::too_deep);
    ++p_;  // {
    json obj = json::object();
    skip_ws();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return obj;
    }
    for (;;) {
      skip_ws();
      if (p_ == end_ || *p_ != '"') malformed();
      const std::uint8_t* key_at = p_;
      std::string key = string();
      if (obj.contains(key)) {
        p_ = key_at;
        refuse(JsonRefusal::Kind::duplicate_key);
      }
      skip_ws();
      expect(':');
      skip_ws();
      obj.emplace(std::move(key), value(depth));
      skip_ws();
      if (p_ == end_) malformed();
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      expect('}');
      return obj;
    }
  }

  json array(int depth) {
    if (depth > max_depth_) refuse(JsonRefusal::Kind::too_deep);
    ++p_;  // [
    json arr = json::array();
    skip_ws();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return arr;
    }
    for (;;) {
      skip_ws();
      arr.push_back(value(depth));
      skip_ws();
      if (p_ == end_) malformed();
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      expect(']');
      return arr;
    }
  }

  unsigned hex4() {
    if (end_ - p_ < 4) malformed();
    unsigned v = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      const std::uint8_t c = *p_;
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        malformed();
    }
    return v;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  void escape(std::string& out) {
    ++p_;  // backslash
    if (p_ == end_) malformed();
    const std::uint8_t c = *p_++;
    switch (c) {
      case '"':
        out.push_back('"');
        return;
      case '\\':
        out.push_back('\\');
        return;
      case '/':
        out.push_back('/');
        return;
      case 'b':
        out.push_back('\b');
        return;
      case 'f':
        out.push_back('\f');
        return;
      case 'n':
        out.push_back('\n');
        return;
      case 'r':
        out.push_back('\r');
        return;
      case 't':
        out.push_back('\t');
        return;
      case 'u':
        break;
      default:
        --p_;
        malformed();
    }
    unsigned cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) malformed();  // a lone low surrogate
    if (cp >= 0xD800 && cp <= 0xDBFF) {             // a high one needs its low one
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') malformed();
      p_ += 2;
      const unsigned low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) malformed();
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    put_utf8(out, cp);
  }

  /// One UTF-8 sequence of 2 to 4 bytes, strictly (no overlong forms, no surrogates).
  void utf8(std::string& out) {
    const std::uint8_t c = *p_;
    int n = 0;
    unsigned cp = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF)
      n = 1, cp = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
      n = 2, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3, cp = c & 0x07, min = 0x10000;
    else
      malformed();
    if (end_ - p_ <= n) malformed();
    for (int i = 1; i <= n; ++i) {
      if ((p_[i] & 0xC0) != 0x80) malformed();
      cp = (cp << 6) | (p_[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) malformed();
    out.append(reinterpret_cast<const char*>(p_), static_cast<std::size_t>(n + 1));
    p_ += n + 1;
  }

  std::string string() {
    ++p_;  // opening quote
    std::string out;
    for (;;) {
      // The fast path: a run of plain printable ASCII, copied at once.
      const std::uint8_t* run = p_;
      while (p_ != end_ && *p_ >= 0x20 && *p_ < 0x80 && *p_ != '"' && *p_ != '\\') ++p_;
      out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p_ - run));
      if (p_ == end_) malformed();
      const std::uint8_t c = *p_;
      if (c == '"') {
        ++p_;
        return out;
      }
      if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        malformed();  // control characters must be escaped
      } else {
        utf8(out);
      }
    }
  }

  json number() {
    const std::uint8_t* start = p_;
    bool negative = false, integer = true;
    if (*p_ == '-') {
      negative = true;
      ++p_;
    }
    const auto digits = [&] {
      const std::uint8_t* d = p_;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ - d;
    };
    if (p_ == end_) malformed();
    if (*p_ == '0') {
      ++p_;
    } else if (digits() == 0) {
      malformed();
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      integer = false;
      if (digits() == 0) malformed();
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (digits() == 0) malformed();
    }
    const char* first = reinterpret_cast<const char*>(start);
    const char* last = reinterpret_cast<const char*>(p_);
    if (integer) {
      if (negative) {
        std::int64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc()) return json(v);
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(first, last, v).ec == std::errc()) return json(v);
      }
    }
    // Fractions, exponents and integers beyond 64 bits are real numbers (from_chars:
    // independent of the locale's decimal point).
    double v = 0;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (end != last || ec != std::errc()) malformed();  // out of range: refused, as nlohmann does
    return json(v);
  }

  const std::uint8_t* p_;
  const std::uint8_t* begin_;
  const std::uint8_t* end_;
  int max_depth_;
};

}  // namespace

std::variant<nlohmann::json, JsonRefusal> read_strict_json(std::span<const std::uint8_t> text,
                                                           int max_depth) {
  try {
    return Reader(text, max_depth).document();
  } catch (const Stop& stop) {
    return stop.refusal;
  }
}

}  // namespace ektp::chip
