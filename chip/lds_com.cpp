#include "chip/lds_com.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {

Bytes build_com(const std::vector<std::uint8_t>& dg_tags) {
  Bytes inner;
  append_tlv(inner, 0x5F01, std::string(kLdsVersion));
  append_tlv(inner, 0x5F36, std::string(kUnicodeVersion));
  append_tlv(inner, 0x5C, dg_tags);
  return make_tlv(0x60, inner);
}

Result<ComInfo> parse_com(std::span<const std::uint8_t> bytes) {
  const std::string file = "EF.COM";
  auto root = parse_file(bytes, 0x60, file);
  if (!root) return root.error();
  if (auto r = expect_children(*root, {0x5F01, 0x5F36, 0x5C}, file); !r) return r.error();
  ComInfo c;
  c.lds_version = text(root->children[0]);
  c.unicode_version = text(root->children[1]);
  const auto is_digits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  if (c.lds_version.size() != 4 || !is_digits(c.lds_version)) {
    return lds_error(file, msg::say(msg::lds_version_digits));
  }
  if (c.unicode_version.size() != 6 || !is_digits(c.unicode_version)) {
    return lds_error(file, msg::say(msg::lds_unicode_digits));
  }
  const auto& list = root->children[2].value;
  if (list.empty() || list.size() > 16) {
    return lds_error(file, msg::say(msg::lds_list_size, list.size()));
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::uint8_t t = list[i];
    // Data-group templates are application class, constructed, one byte (60..7E).
    if ((t & 0xE0) != 0x60 || (t & 0x1F) == 0x1F) {
      return lds_error(file, msg::say(msg::lds_list_not_dg, tag_hex(t)));
    }
    if (std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end()) {
      return lds_error(file, msg::say(msg::lds_list_twice, tag_hex(t)));
    }
    c.tags.push_back(t);
  }
  return c;
}

}  // namespace ektp::chip
