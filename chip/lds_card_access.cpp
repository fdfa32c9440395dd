#include "chip/lds_card_access.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_common.hpp"
#include "chip/tlv.hpp"

namespace ektp::chip {
namespace {

constexpr std::uint32_t kSet = 0x31, kSequence = 0x30, kOid = 0x06, kInteger = 0x02;

Error bad(const std::string& what) { return lds_error("EF.CardAccess", what); }

void append_integer(Bytes& out, int value) {
  // Small non-negative values only (version, parameter id): one or two bytes.
  Bytes v;
  if (value > 0x7F) v.push_back(static_cast<std::uint8_t>(value >> 8));
  v.push_back(static_cast<std::uint8_t>(value & 0xFF));
  append_tlv(out, kInteger, v);
}

std::optional<int> small_integer(const Tlv& t) {
  if (t.tag != kInteger || t.value.empty() || t.value.size() > 2 || (t.value[0] & 0x80)) {
    return std::nullopt;
  }
  if (t.value.size() == 2 && t.value[0] == 0 && !(t.value[1] & 0x80)) return std::nullopt;
  int v = 0;
  for (std::uint8_t b : t.value) v = (v << 8) | b;
  return v;
}

}  // namespace

std::string oid_text(std::span<const std::uint8_t> content) {
  if (content.empty() || content.size() > 64 || (content.back() & 0x80)) return "";
  std::string out;
  std::uint64_t arc = 0;
  bool first = true;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (arc == 0 && content[i] == 0x80) return "";  // non-minimal arc
    arc = (arc << 7) | (content[i] & 0x7F);
    if (arc > (1ull << 56)) return "";
    if (content[i] & 0x80) continue;
    if (first) {
      const std::uint64_t top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      out = std::to_string(top) + "." + std::to_string(arc - 40 * top);
      first = false;
    } else {
      out += "." + std::to_string(arc);
    }
    arc = 0;
  }
  return out;
}

Bytes oid_content(const std::string& dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = dotted.find('.', start);
    const std::string_view part = std::string_view(dotted).substr(
        start, dot == std::string::npos ? std::string::npos : dot - start);
    std::uint64_t arc = 0;
    auto [next, ec] = std::from_chars(part.data(), part.data() + part.size(), arc);
    if (part.empty() || ec != std::errc() || next != part.data() + part.size()) return {};
    arcs.push_back(arc);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) return {};
  Bytes out;
  const auto put = [&](std::uint64_t v) {
    std::uint8_t tmp[10];
    int n = 0;
    do {
      tmp[n++] = static_cast<std::uint8_t>(v & 0x7F);
      v >>= 7;
    } while (v);
    while (n--) out.push_back(static_cast<std::uint8_t>(tmp[n] | (n ? 0x80 : 0)));
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

PaceInfo ktp_open_pace_info() { return {kPaceEcdhGmAes128, 2, kParamBrainpoolP256r1}; }

Result<Bytes> build_card_access(const std::vector<PaceInfo>& infos) {
  Bytes set;
  for (const auto& info : infos) {
    const Bytes oid = oid_content(info.protocol);
    if (oid.empty()) return fail("lds.invalid", msg::say(msg::lds_pace_oid));
    Bytes seq;
    append_tlv(seq, kOid, oid);
    append_integer(seq, info.version);
    if (info.parameter_id) append_integer(seq, *info.parameter_id);
    append_tlv(set, kSequence, seq);
  }
  return make_tlv(kSet, set);
}

Result<std::vector<PaceInfo>> parse_card_access(std::span<const std::uint8_t> bytes) {
  auto root = parse_tlv(bytes, lds_limits());
  if (!root) return bad(msg::say(msg::lds_not_der, root.error().message));
  if (root->tag != kSet) return bad(msg::say(msg::lds_no_set));
  const std::string pace_prefix = std::string(kIdPace) + ".";
  std::vector<PaceInfo> out;
  for (const Tlv& info : root->children) {
    if (info.tag != kSequence || info.children.empty() || info.children[0].tag != kOid) {
      return bad(msg::say(msg::lds_not_security_info));
    }
    const std::string oid = oid_text(info.children[0].value);
    if (oid.empty()) return bad(msg::say(msg::lds_bad_oid));
    if (oid.rfind(pace_prefix, 0) != 0) continue;  // not PACE
    const std::string rest = oid.substr(pace_prefix.size());
    if (std::count(rest.begin(), rest.end(), '.') != 1) continue;  // id-PACE-DH-GM etc.
    if (info.children.size() < 2 || info.children[1].tag != kInteger) {
      continue;  // PACEDomainParameterInfo: the same OIDs, a SEQUENCE second
    }
    PaceInfo p;
    p.protocol = oid;
    const auto version = small_integer(info.children[1]);
    if (!version || *version != 2) return bad(msg::say(msg::lds_pace_version));
    p.version = *version;
    if (info.children.size() > 3) return bad(msg::say(msg::lds_pace_extra));
    if (info.children.size() == 3) {
      p.parameter_id = small_integer(info.children[2]);
      if (!p.parameter_id) return bad(msg::say(msg::lds_pace_parameter));
    }
    out.push_back(std::move(p));
  }
  if (out.empty()) return bad(msg::say(msg::lds_no_pace));
  return out;
}

}  // namespace ektp::chip
