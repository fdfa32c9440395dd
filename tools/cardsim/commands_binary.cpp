// READ BINARY and UPDATE BINARY, even (B0/D6) and odd (B1/D7) INS
// (ISO/IEC 7816-4 §11.3.3 and §11.3.5).
#include <algorithm>

#include "tools/cardsim/access_rules.hpp"
#include "tools/cardsim/card_impl.hpp"
#include "tools/cardsim/timing.hpp"
#include "tools/cardsim/tlv.hpp"

namespace ektp::cardsim {

namespace {

/// The EF a binary command addresses, the offset, and (UPDATE) the bytes to write.
struct Target {
  Node* ef = nullptr;
  std::size_t offset = 0;
  std::span<const std::uint8_t> payload;
  std::uint16_t status = sw::ok;
};

Target refused(std::uint16_t status) {
  Target t;
  t.status = status;
  return t;
}

/// A short EF identifier must be 1 to 30 (0 and 31 are not SFIs).
bool valid_sfi(std::uint8_t sfi) { return sfi >= 1 && sfi <= 30; }

/// Resolve P1 P2 (and, for the odd INS, the 54 offset data object).
///
/// Even INS (B0/D6): P1 b8 = 1 -> P1 = 100sssss, SFI in b5-b1, P2 = offset 0..255;
/// P1 b8 = 0 -> P1 P2 = 15-bit offset in the current EF.
/// Odd INS (B1/D7), as ISO/IEC 7816-4 words it: P1-P2 = 0000 -> the current EF; the
/// first eleven bits 0 and P2 b5-b1 not all equal (1..30) -> that SFI; otherwise
/// P1-P2 is the file identifier of the EF. The offset is always in the 54 object.
Target resolve(CardImpl& card, const Command& c, bool update) {
  Target t;
  bool odd = (c.ins & 0x01) != 0;
  auto p1p2 = static_cast<std::uint16_t>(c.p1 << 8 | c.p2);
  bool explicit_file = false;  // addressed by SFI or FID: becomes the current EF
  if (!odd) {
    if (c.p1 & 0x80) {
      auto sfi = static_cast<std::uint8_t>(c.p1 & 0x1F);
      if ((c.p1 & 0x60) != 0 || !valid_sfi(sfi)) return refused(sw::wrong_p1p2);
      t.ef = FileSystem::child_by_sfi(*card.current_df, sfi);
      if (!t.ef) return refused(sw::file_not_found);
      t.offset = c.p2;
      explicit_file = true;
    } else {
      t.ef = card.current_ef;
      t.offset = p1p2;
    }
  } else if (p1p2 == 0x0000) {
    t.ef = card.current_ef;
  } else if ((p1p2 & 0xFFE0) == 0 && valid_sfi(c.p2 & 0x1F)) {
    t.ef = FileSystem::child_by_sfi(*card.current_df, c.p2 & 0x1F);
    if (!t.ef) return refused(sw::file_not_found);
    explicit_file = true;
  } else {
    t.ef = card.find_by_fid(p1p2);
    if (!t.ef) return refused(sw::file_not_found);
    explicit_file = true;
  }

  if (odd) {  // data: 54 offset (then, for UPDATE, 53 or 73 with the bytes)
    if (c.data.empty()) return refused(sw::wrong_length);
    auto objects = parse_tlvs(c.data);
    if (!objects || objects->size() != (update ? 2u : 1u)) return refused(sw::wrong_data);
    const Tlv& offset = (*objects)[0];
    if (offset.tag != 0x54 || offset.value.empty() || offset.value.size() > 3)
      return refused(sw::wrong_data);
    t.offset = *to_uint(offset.value);
    if (update) {
      const Tlv& body = (*objects)[1];
      if (body.tag != 0x53 && body.tag != 0x73) return refused(sw::wrong_data);
      t.payload = body.value;
    }
  } else if (update) {
    t.payload = c.data;
  }

  if (!t.ef) return refused(sw::no_current_ef);
  if (t.ef->is_df) return refused(sw::incompatible_file);
  if (explicit_file) card.make_current(*t.ef);
  return t;
}

std::size_t header_size(std::size_t n) { return 1 + encode_length(n).size(); }

}  // namespace

Response CardImpl::read_binary(const Command& c) {
  bool odd = (c.ins & 0x01) != 0;
  if (!c.le_present || (!odd && !c.data.empty())) return {{}, sw::wrong_length};
  Target t = resolve(*this, c, false);
  if (t.status != sw::ok) return {{}, t.status};
  if (std::uint16_t access = check_access(*t.ef, Operation::read, authenticated);
      access != sw::ok) {
    ++counters.refused_reads;
    return {{}, access};
  }
  if (t.offset >= t.ef->size) return {{}, sw::offset_beyond_end};
  std::size_t available = t.ef->size - t.offset;

  std::size_t n = std::min(available, c.ne);
  std::size_t wrapped = n;  // response bytes counted against Ne
  if (odd) {                // the data comes in a 53 data object that must fit Ne too
    while (n > 0 && header_size(n) + n > c.ne) --n;
    if (n == 0) return {{}, sw::wrong_length};
    wrapped = header_size(n) + n;
  }
  auto first = t.ef->content.begin() + static_cast<std::ptrdiff_t>(t.offset);
  Bytes data(first, first + static_cast<std::ptrdiff_t>(n));
  if (odd) data = encode_tlv(0x53, data);
  counters.bytes_read += n;
  bool short_read = n == available && wrapped < c.ne;  // end of file before Ne bytes
  return {std::move(data), short_read ? sw::end_of_file : sw::ok};
}

namespace {
Response update_checked(CardImpl& card, const Command& c, std::optional<std::size_t> tear_limit) {
  if (c.data.empty() || c.le_present) return {{}, sw::wrong_length};
  Target t = resolve(card, c, true);
  if (t.status != sw::ok) return {{}, t.status};
  if (t.payload.empty()) return {{}, sw::wrong_length};
  if (std::uint16_t access = check_access(*t.ef, Operation::update, card.authenticated);
      access != sw::ok) {
    ++card.counters.refused_writes;
    return {{}, access};
  }
  if (t.offset >= t.ef->size) return {{}, sw::offset_beyond_end};
  if (t.payload.size() > t.ef->size - t.offset) return {{}, sw::wrong_length};
  if (card.broken_write()) return {{}, sw::memory_failure};

  std::size_t n = t.payload.size();
  if (tear_limit) n = std::min(n, *tear_limit);  // the field is gone after n bytes
  std::copy_n(t.payload.begin(), n, t.ef->content.begin() + static_cast<std::ptrdiff_t>(t.offset));
  std::size_t pages = pages_touched(card.config.timing, t.offset, n);
  card.pages_this_apdu += pages;
  ++card.counters.updates;
  card.counters.bytes_written += n;
  return {};
}
}  // namespace

Response CardImpl::update_binary(const Command& c) {
  // tear_in_write counts every UPDATE BINARY; when it fires the card tears
  // whether or not the command got as far as writing.
  auto tear_limit = tear_in_write_limit();
  Response r = update_checked(*this, c, tear_limit);
  if (tear_limit) tear_now = true;
  return r;
}

}  // namespace ektp::cardsim
