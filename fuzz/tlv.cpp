// Fuzz harness: bounded BER-TLV parsing (chip/tlv.hpp).
// Input: byte 0 and 1 choose the limits, the rest is parsed. Where a parse succeeds:
// the limits held, every tag is one the builder accepts, and re-encoding the tree
// gives the input back (minimal lengths) or a minimal form that parses to the same tree.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "chip/tlv.hpp"
#include "fuzz/support/fuzz_input.hpp"

using namespace ektp::chip;

namespace {

TlvLimits limits_from(std::uint8_t a, std::uint8_t b) {
  TlvLimits l;
  l.max_depth = 1 + (a & 0x0F);  // 1..16
  l.require_minimal_length = (a & 0x80) == 0;
  if ((a & 0x40) != 0) l.max_total = 256;
  if (b != 0xFF) l.max_elements = std::size_t{b} + 1;
  return l;
}

// Re-encodes `list` with minimal lengths; counts elements and the deepest level.
void encode(const std::vector<Tlv>& list, Bytes& out, std::size_t depth, std::size_t& elements,
            std::size_t& max_depth) {
  if (depth > max_depth) max_depth = depth;
  for (const Tlv& t : list) {
    ++elements;
    FUZZ_CHECK(is_valid_tag(t.tag));
    FUZZ_CHECK(tag_hex(t.tag).size() % 2 == 0);
    const std::uint8_t first = static_cast<std::uint8_t>(
        t.tag > 0xFFFF ? t.tag >> 16 : (t.tag > 0xFF ? t.tag >> 8 : t.tag));
    FUZZ_CHECK(t.constructed == ((first & 0x20) != 0));
    FUZZ_CHECK(t.constructed || t.children.empty());
    append_tag(out, t.tag);
    if (t.constructed) {
      Bytes inner;
      encode(t.children, inner, depth + 1, elements, max_depth);
      // Children fill the parent's value exactly, so their minimal encoding is no longer.
      FUZZ_CHECK(inner.size() <= t.value.size());
      append_length(out, inner.size());
      out.insert(out.end(), inner.begin(), inner.end());
    } else {
      append_length(out, t.value.size());
      out.insert(out.end(), t.value.begin(), t.value.end());
    }
  }
}

bool same_tree(const std::vector<Tlv>& a, const std::vector<Tlv>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].tag != b[i].tag || a[i].constructed != b[i].constructed) return false;
    if (a[i].constructed) {
      if (!same_tree(a[i].children, b[i].children)) return false;
    } else if (a[i].bytes() != b[i].bytes()) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ektp::fuzz::InputReader in({data, size});
  const std::uint8_t a = in.u8();
  const std::uint8_t b = in.u8();
  const TlvLimits limits = limits_from(a, b);
  const auto input = in.rest();

  auto all = parse_tlvs(input, limits);
  auto one = parse_tlv(input, limits);
  // parse_tlv is parse_tlvs with exactly one element.
  FUZZ_CHECK(one.ok() == (all.ok() && all->size() == 1));
  if (!all) return 0;

  FUZZ_CHECK(input.size() <= limits.max_total);
  for (const Tlv& t : *all) {
    FUZZ_CHECK(t.offset < input.size());
    FUZZ_CHECK(t.value.data() >= input.data() &&
               t.value.data() + t.value.size() <= input.data() + input.size());
  }

  Bytes again;
  std::size_t elements = 0;
  std::size_t depth = 0;
  encode(*all, again, 1, elements, depth);
  FUZZ_CHECK(elements <= limits.max_elements);
  FUZZ_CHECK(depth <= limits.max_depth);
  FUZZ_CHECK(again.size() <= input.size());

  if (limits.require_minimal_length) {
    // Minimal lengths: there is one encoding of the tree, and it is the input.
    FUZZ_CHECK(again.size() == input.size());
    FUZZ_CHECK(std::equal(again.begin(), again.end(), input.begin()));
  } else {
    // Long lengths allowed: the minimal form parses strictly to the same tree.
    TlvLimits strict = limits;
    strict.require_minimal_length = true;
    auto reparsed = parse_tlvs(again, strict);
    FUZZ_CHECK(reparsed.ok());
    FUZZ_CHECK(same_tree(*all, *reparsed));
  }
  return 0;
}
