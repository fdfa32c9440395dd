#include "chip/lds_common.hpp"

#include "chip/chip_messages_data.hpp"

namespace ektp::chip {

TlvLimits lds_limits() {
  TlvLimits l;
  l.max_depth = 6;
  l.max_total = 40 * 1024;
  l.max_elements = 256;
  return l;
}

Error lds_error(const std::string& file, const std::string& what) {
  return fail("lds.invalid", msg::say(msg::lds_invalid, file, what));
}

Result<Tlv> parse_file(std::span<const std::uint8_t> bytes, std::uint32_t tag,
                       const std::string& file) {
  auto t = parse_tlv(bytes, lds_limits());
  if (!t) {
    std::string what = t.error().message;
    if (!what.empty() && what.back() == '.') what.pop_back();
    if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z')
      what[0] = static_cast<char>(what[0] - 'A' + 'a');
    return lds_error(file, what);
  }
  if (t->tag != tag) {
    return lds_error(file, msg::say(msg::lds_wrong_tag, tag_hex(t->tag), tag_hex(tag)));
  }
  if (!t->constructed) return lds_error(file, msg::say(msg::lds_not_constructed));
  return t;
}

Result<void> expect_children(const Tlv& parent, std::initializer_list<std::uint32_t> tags,
                             const std::string& file) {
  std::size_t i = 0;
  for (std::uint32_t want : tags) {
    if (i >= parent.children.size()) {
      return lds_error(file, msg::say(msg::lds_element_missing, tag_hex(want)));
    }
    if (parent.children[i].tag != want) {
      return lds_error(file, msg::say(msg::lds_element_misplaced, tag_hex(parent.children[i].tag),
                                      tag_hex(want)));
    }
    ++i;
  }
  if (i != parent.children.size()) {
    return lds_error(file, msg::say(msg::lds_element_extra, tag_hex(parent.children[i].tag)));
  }
  return ok();
}

Bytes tag_list(std::initializer_list<std::uint32_t> tags) {
  Bytes out;
  for (auto t : tags) append_tag(out, t);
  return out;
}

std::string text(const Tlv& t) { return std::string(t.value.begin(), t.value.end()); }

Result<int> small_int(const Tlv& t, const std::string& file) {
  if (t.constructed || t.value.size() != 1) {
    return lds_error(file, msg::say(msg::lds_not_small_int, tag_hex(t.tag)));
  }
  return static_cast<int>(t.value[0]);
}

Result<void> check_jpeg(std::span<const std::uint8_t> j, const std::string& what) {
  if (j.size() < 4 || j.size() > kMaxImageBytes) {
    return lds_error(what, msg::say(msg::lds_image_size, j.size(), kMaxImageBytes));
  }
  if (j[0] != 0xFF || j[1] != 0xD8 || j[2] != 0xFF || j[j.size() - 2] != 0xFF ||
      j[j.size() - 1] != 0xD9) {
    return lds_error(what, msg::say(msg::lds_not_jpeg));
  }
  return ok();
}

void put_u16(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

void put_u32(Bytes& out, std::uint32_t v) {
  put_u16(out, v >> 16);
  put_u16(out, v & 0xFFFF);
}

std::uint32_t get_u16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at] << 8 | b[at + 1]);
}

std::uint32_t get_u32(std::span<const std::uint8_t> b, std::size_t at) {
  return get_u16(b, at) << 16 | get_u16(b, at + 2);
}

}  // namespace ektp::chip
