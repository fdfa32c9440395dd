#include "chip/lds_dg7.hpp"

#include "chip/chip_messages_data.hpp"
#include "chip/lds_common.hpp"

namespace ektp::chip {

Result<Bytes> build_dg7(std::span<const std::uint8_t> jpeg) {
  if (auto r = check_jpeg(jpeg, "DG7"); !r) return r.error();
  Bytes inner;
  append_tlv(inner, 0x02, Bytes{0x01});
  append_tlv(inner, 0x5F43, jpeg);
  return make_tlv(0x67, inner);
}

Result<Bytes> parse_dg7(std::span<const std::uint8_t> bytes) {
  const std::string file = "DG7";
  auto root = parse_file(bytes, 0x67, file);
  if (!root) return root.error();
  if (auto r = expect_children(*root, {0x02, 0x5F43}, file); !r) return r.error();
  auto count = small_int(root->children[0], file);
  if (!count) return count.error();
  if (*count != 1) return lds_error(file, msg::say(msg::lds_one_signature));
  if (auto r = check_jpeg(root->children[1].value, file); !r) return r.error();
  return root->children[1].bytes();
}

}  // namespace ektp::chip
