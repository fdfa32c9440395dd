#include "chip/lds_cbeff.hpp"

#include <algorithm>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {
namespace {

Bytes header(std::uint8_t type, std::uint16_t format) {
  Bytes h;
  append_tlv(h, 0x80, Bytes{0x01, 0x01});
  append_tlv(h, 0x81, Bytes{type});
  append_tlv(h, 0x87, Bytes{0x01, 0x01});
  append_tlv(h, 0x88,
             Bytes{static_cast<std::uint8_t>(format >> 8), static_cast<std::uint8_t>(format)});
  return h;
}

}  // namespace

Bytes build_biometric_group(std::uint32_t outer_tag, std::uint8_t type, std::uint16_t format,
                            std::span<const std::uint8_t> block) {
  Bytes tmpl;
  append_tlv(tmpl, 0xA1, header(type, format));
  append_tlv(tmpl, 0x5F2E, block);
  Bytes group;
  append_tlv(group, 0x02, Bytes{0x01});
  append_tlv(group, 0x7F60, tmpl);
  return make_tlv(outer_tag, make_tlv(0x7F61, group));
}

Result<std::span<const std::uint8_t>> parse_biometric_group(std::span<const std::uint8_t> bytes,
                                                            std::uint32_t outer_tag,
                                                            std::uint8_t type, std::uint16_t format,
                                                            const std::string& file) {
  auto root = parse_file(bytes, outer_tag, file);
  if (!root) return root.error();
  if (auto r = expect_children(*root, {0x7F61}, file); !r) return r.error();
  const Tlv& group = root->children[0];
  if (auto r = expect_children(group, {0x02, 0x7F60}, file); !r) return r.error();
  auto count = small_int(group.children[0], file);
  if (!count) return count.error();
  if (*count != 1) {
    return lds_error(file, msg::say(msg::lds_template_count, *count));
  }
  const Tlv& tmpl = group.children[1];
  if (auto r = expect_children(tmpl, {0xA1, 0x5F2E}, file); !r) return r.error();
  const Tlv& h = tmpl.children[0];
  if (auto r = expect_children(h, {0x80, 0x81, 0x87, 0x88}, file); !r) return r.error();
  const Bytes want = header(type, format);
  if (!std::equal(h.value.begin(), h.value.end(), want.begin(), want.end())) {
    return lds_error(file, msg::say(msg::lds_biometric_header, to_hex(h.value), to_hex(want)));
  }
  const Tlv& block = tmpl.children[1];
  if (block.constructed) return lds_error(file, msg::say(msg::lds_block_constructed));
  return block.value;
}

}  // namespace ektp::chip
