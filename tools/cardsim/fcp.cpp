#include "tools/cardsim/fcp.hpp"

#include "tools/cardsim/access_rules.hpp"
#include "tools/cardsim/tlv.hpp"

namespace ektp::cardsim {

namespace {
bool reserved_fid(std::uint16_t fid) {
  return fid == kMfFid || fid == 0x3FFF || fid == 0xFFFF || fid == 0x0000;
}

std::uint8_t implicit_sfi(std::uint16_t fid) {
  auto sfi = static_cast<std::uint8_t>(fid & 0x1F);
  return sfi == 0x1F ? 0 : sfi;
}
}  // namespace

std::unique_ptr<Node> parse_create_fcp(std::span<const std::uint8_t> data) {
  auto outer = parse_tlvs(data);
  if (!outer || outer->size() != 1 || (*outer)[0].tag != 0x62) return nullptr;
  auto inner = parse_tlvs((*outer)[0].value);
  if (!inner) return nullptr;

  auto node = std::make_unique<Node>();
  bool have_type = false, have_fid = false, have_size = false, have_sfi = false;
  std::uint32_t seen = 0;  // one bit per tag 80..8F: each at most once
  for (const Tlv& t : *inner) {
    if (t.tag < 0x80 || t.tag > 0x8F) return nullptr;  // strict: unknown tags are refused
    std::uint32_t mask = 1u << (t.tag - 0x80);
    if (seen & mask) return nullptr;
    seen |= mask;
    switch (t.tag) {
      case 0x80:
      case 0x81: {
        auto v = to_uint(t.value);
        if (!v || t.value.size() > 3) return nullptr;
        if (t.tag == 0x80) {
          node->size = *v;
          have_size = true;
        }
        break;
      }
      case 0x82:
        if (t.value.empty()) return nullptr;
        if (t.value[0] == 0x01) {
          node->is_df = false;
        } else if (t.value[0] == 0x38) {
          node->is_df = true;
        } else {
          return nullptr;  // record and BER-TLV EFs are not supported
        }
        have_type = true;
        break;
      case 0x83: {
        if (t.value.size() != 2) return nullptr;
        node->fid = static_cast<std::uint16_t>(t.value[0] << 8 | t.value[1]);
        if (reserved_fid(node->fid)) return nullptr;
        have_fid = true;
        break;
      }
      case 0x84:
        if (t.value.empty() || t.value.size() > 16) return nullptr;
        node->aid.assign(t.value.begin(), t.value.end());
        break;
      case 0x88:  // empty: no SFI; one byte: the SFI in b8-b4, b3-b1 = 000
        if (t.value.size() > 1) return nullptr;
        have_sfi = true;
        if (t.value.size() == 1) {
          std::uint8_t sfi = t.value[0] >> 3;
          if ((t.value[0] & 0x07) != 0 || sfi == 0 || sfi == 31) return nullptr;
          node->sfi = sfi;
        }
        break;
      case 0x8A:
        if (t.value.size() != 1) return nullptr;
        if (t.value[0] != lcs::initialisation && t.value[0] != lcs::operational) return nullptr;
        node->life_cycle = t.value[0];
        break;
      case 0x8C:
        if (!valid_compact_attributes(t.value)) return nullptr;
        node->security.assign(t.value.begin(), t.value.end());
        break;
      default:
        return nullptr;
    }
  }
  if (!have_type || !have_fid) return nullptr;
  if (node->is_df) {
    if (node->sfi != 0) return nullptr;
    node->size = 0;  // a DF's 80/81 sizes are accepted and ignored
  } else {
    if (!have_size || !node->aid.empty()) return nullptr;
    // ISO/IEC 7816-4: without tag 88 the SFI is b5-b1 of the FID (none if that
    // is 00 or 1F, which are not SFIs).
    if (!have_sfi) node->sfi = implicit_sfi(node->fid);
  }
  return node;
}

namespace {
std::vector<std::uint8_t> fcp_content(const Node& node) {
  std::vector<std::uint8_t> out;
  auto put = [&](std::uint8_t tag, std::vector<std::uint8_t> value) {
    auto t = encode_tlv(tag, value);
    out.insert(out.end(), t.begin(), t.end());
  };
  if (!node.is_df) {
    std::vector<std::uint8_t> size{static_cast<std::uint8_t>(node.size >> 8),
                                   static_cast<std::uint8_t>(node.size)};
    if (node.size > 0xFFFF) size.insert(size.begin(), static_cast<std::uint8_t>(node.size >> 16));
    put(0x80, size);
  }
  put(0x82, {static_cast<std::uint8_t>(node.is_df ? 0x38 : 0x01)});
  put(0x83, {static_cast<std::uint8_t>(node.fid >> 8), static_cast<std::uint8_t>(node.fid)});
  if (!node.aid.empty()) put(0x84, node.aid);
  // EFs always state their SFI, an empty 88 for none: a host reading an FCP
  // without 88 would take b5-b1 of the FID as the SFI.
  if (!node.is_df) {
    put(0x88, node.sfi != 0 ? std::vector<std::uint8_t>{static_cast<std::uint8_t>(node.sfi << 3)}
                            : std::vector<std::uint8_t>{});
  }
  put(0x8A, {node.life_cycle});
  if (!node.security.empty()) put(0x8C, node.security);
  return out;
}
}  // namespace

std::vector<std::uint8_t> build_fcp(const Node& node) {
  return encode_tlv(0x62, fcp_content(node));
}
std::vector<std::uint8_t> build_fci(const Node& node) {
  return encode_tlv(0x6F, fcp_content(node));
}

}  // namespace ektp::cardsim
