#include "chip/tlv.hpp"

#include <cassert>

#include "chip/chip_messages_data.hpp"

namespace ektp::chip {
namespace {

struct Parser {
  std::span<const std::uint8_t> all;
  const TlvLimits& limits;
  std::size_t elements = 0;

  Error error(const char* code, std::size_t at, std::uint32_t tag, const std::string& what) const {
    const std::string where = tag == 0 ? msg::say(msg::tlv_at_byte, at)
                                       : msg::say(msg::tlv_at_byte_tag, at, tag_hex(tag));
    return fail(std::string("tlv.") + code, msg::say(msg::tlv_damaged, where, what));
  }

  // Parses elements in all[begin, end) at nesting level `depth` into `out`.
  Result<void> sequence(std::size_t begin, std::size_t end, std::size_t depth,
                        std::vector<Tlv>& out) {
    if (depth > limits.max_depth) {
      return error("too_deep", begin, 0, msg::say(msg::tlv_too_deep, limits.max_depth));
    }
    std::size_t pos = begin;
    while (pos < end) {
      if (++elements > limits.max_elements) {
        return error("too_many", pos, 0, msg::say(msg::tlv_too_many, limits.max_elements));
      }
      Tlv t;
      t.offset = pos;
      // Tag: 1 to 3 bytes.
      const std::uint8_t first = all[pos++];
      if (first == 0x00 || first == 0xFF) {
        return error("bad_tag", t.offset, 0, msg::say(msg::tlv_padding_tag));
      }
      t.constructed = (first & 0x20) != 0;
      std::uint32_t tag = first;
      if ((first & 0x1F) == 0x1F) {
        for (int i = 0;; ++i) {
          if (pos >= end) return error("truncated", t.offset, 0, msg::say(msg::tlv_tag_cut));
          const std::uint8_t b = all[pos++];
          if (i == 0 && b == 0x80) {
            return error("bad_tag", t.offset, 0, msg::say(msg::tlv_tag_leading_zero));
          }
          tag = tag << 8 | b;
          if ((b & 0x80) == 0) break;
          if (i == 1) return error("bad_tag", t.offset, 0, msg::say(msg::tlv_tag_too_long));
        }
      }
      t.tag = tag;
      // Length: short form, or 81..84 followed by 1..4 bytes.
      if (pos >= end) return error("truncated", t.offset, tag, msg::say(msg::tlv_length_missing));
      const std::uint8_t l0 = all[pos++];
      std::size_t length = l0;
      if (l0 == 0x80) {
        return error("indefinite_length", t.offset, tag, msg::say(msg::tlv_indefinite));
      }
      if (l0 > 0x80) {
        const std::size_t n = l0 & 0x7F;
        if (n > 4) {
          return error("bad_length", t.offset, tag, msg::say(msg::tlv_length_bytes, n));
        }
        if (end - pos < n) return error("truncated", t.offset, tag, msg::say(msg::tlv_length_cut));
        length = 0;
        for (std::size_t i = 0; i < n; ++i) length = length << 8 | all[pos++];
        const bool minimal = length >= 0x80 && (n == 1 || (length >> (8 * (n - 1))) != 0);
        if (limits.require_minimal_length && !minimal) {
          return error("non_minimal_length", t.offset, tag,
                       msg::say(msg::tlv_length_not_minimal, length, n + 1));
        }
      }
      if (length > end - pos) {
        return error("truncated", t.offset, tag,
                     msg::say(msg::tlv_length_beyond, length, end - pos));
      }
      t.value = all.subspan(pos, length);
      if (t.constructed) {
        auto r = sequence(pos, pos + length, depth + 1, t.children);
        if (!r) return r;
      }
      pos += length;
      out.push_back(std::move(t));
    }
    return ok();
  }
};

}  // namespace

const Tlv* Tlv::find(std::uint32_t child_tag) const {
  for (const auto& c : children) {
    if (c.tag == child_tag) return &c;
  }
  return nullptr;
}

Result<std::vector<Tlv>> parse_tlvs(std::span<const std::uint8_t> input, const TlvLimits& limits) {
  if (input.size() > limits.max_total) {
    return fail("tlv.too_large", msg::say(msg::tlv_too_large, input.size(), limits.max_total));
  }
  Parser p{input, limits};
  std::vector<Tlv> out;
  auto r = p.sequence(0, input.size(), 1, out);
  if (!r) return r.error();
  return out;
}

Result<Tlv> parse_tlv(std::span<const std::uint8_t> input, const TlvLimits& limits) {
  auto all = parse_tlvs(input, limits);
  if (!all) return all.error();
  if (all->empty()) {
    return fail("tlv.empty", msg::say(msg::tlv_empty));
  }
  if (all->size() > 1) {
    return fail("tlv.trailing", msg::say(msg::tlv_trailing, (*all)[1].offset));
  }
  return std::move(all->front());
}

std::string tag_hex(std::uint32_t tag) {
  Bytes b;
  if (tag > 0xFFFF) b.push_back(static_cast<std::uint8_t>(tag >> 16));
  if (tag > 0xFF) b.push_back(static_cast<std::uint8_t>(tag >> 8));
  b.push_back(static_cast<std::uint8_t>(tag));
  return to_hex(b);
}

bool is_valid_tag(std::uint32_t tag) {
  if (tag == 0 || tag > 0xFFFFFF) return false;
  Bytes b;
  if (tag > 0xFFFF) b.push_back(static_cast<std::uint8_t>(tag >> 16));
  if (tag > 0xFF) b.push_back(static_cast<std::uint8_t>(tag >> 8));
  b.push_back(static_cast<std::uint8_t>(tag));
  if (b[0] == 0xFF) return false;
  const bool multi = (b[0] & 0x1F) == 0x1F;
  if (!multi) return b.size() == 1;
  if (b.size() == 1 || b[1] == 0x80) return false;
  for (std::size_t i = 1; i < b.size(); ++i) {
    const bool last = i + 1 == b.size();
    if (((b[i] & 0x80) != 0) == last) return false;  // continuation bit on all but the last
  }
  return true;
}

void append_tag(Bytes& out, std::uint32_t tag) {
  assert(is_valid_tag(tag) && "append_tag: malformed tag");
  if (tag > 0xFFFF) out.push_back(static_cast<std::uint8_t>(tag >> 16));
  if (tag > 0xFF) out.push_back(static_cast<std::uint8_t>(tag >> 8));
  out.push_back(static_cast<std::uint8_t>(tag));
}

void append_length(Bytes& out, std::size_t length) {
  assert(length <= 0xFFFFFFFFu && "append_length: over 4 bytes");
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  int n = 1;
  while (n < 4 && (length >> (8 * n)) != 0) ++n;
  out.push_back(static_cast<std::uint8_t>(0x80 | n));
  for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
}

void append_tlv(Bytes& out, std::uint32_t tag, std::span<const std::uint8_t> value) {
  append_tag(out, tag);
  append_length(out, value.size());
  out.insert(out.end(), value.begin(), value.end());
}

void append_tlv(Bytes& out, std::uint32_t tag, const std::string& text) {
  append_tlv(out, tag, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

Bytes make_tlv(std::uint32_t tag, std::span<const std::uint8_t> value) {
  Bytes out;
  append_tlv(out, tag, value);
  return out;
}

}  // namespace ektp::chip
