#include "chip/personalizer_card.hpp"

#include <algorithm>

#include "chip/chip_messages_card.hpp"
#include "chip/tlv.hpp"

namespace ektp::chip {

namespace {

constexpr std::uint8_t hi(std::uint16_t v) { return static_cast<std::uint8_t>(v >> 8); }
constexpr std::uint8_t lo(std::uint16_t v) { return static_cast<std::uint8_t>(v & 0xFF); }

Command select_fid(std::uint16_t fid, bool with_fcp) {
  Command c{0x00, 0xA4, 0x02, static_cast<std::uint8_t>(with_fcp ? 0x04 : 0x0C), {hi(fid), lo(fid)},
            {}};
  if (with_fcp) c.le = 256;
  return c;
}

const Command kSelectMf{0x00, 0xA4, 0x00, 0x0C, {0x3F, 0x00}, {}};

/// Exchange errors that mean a faulty card rather than a lost one.
bool card_fault(const std::string& code) {
  return code == "card.response_too_long" || code == "card.bad_length_loop" ||
         code == "card.too_many_rounds";
}

std::size_t der_uint(const Tlv& t) {
  if (t.tag != 0x02 || t.value.empty() || t.value.size() > 3) return 0;
  std::size_t v = 0;
  for (auto b : t.value) v = (v << 8) | b;
  return v;
}

}  // namespace

std::optional<FileState> parse_fcp(const Bytes& fcp) {
  auto t = parse_tlv(fcp);
  if (!t || t->tag != 0x62) return std::nullopt;
  FileState s;
  s.exists = true;
  if (const Tlv* size = t->find(0x80); size != nullptr) {
    for (auto b : size->value) s.size = (s.size << 8) | b;
  }
  if (const Tlv* lcs = t->find(0x8A); lcs != nullptr && lcs->value.size() == 1)
    s.life_cycle = lcs->value[0];
  if (const Tlv* sec = t->find(0x8C); sec != nullptr) s.security = sec->bytes();
  return s;
}

std::size_t parse_ef_atr(const Bytes& content) {
  auto t = parse_tlv(content);
  if (!t || t->tag != 0x7F66 || t->children.size() != 2) return 0;
  return std::min(der_uint(t->children[0]), der_uint(t->children[1]));
}

bool atr_announces_extended(const Bytes& atr) {
  if (atr.size() < 2) return true;
  const std::size_t historical = atr[1] & 0x0F;
  std::size_t i = 1;
  std::uint8_t td = atr[1];
  while (true) {  // interface bytes TAi TBi TCi TDi
    const std::uint8_t present = td >> 4;
    std::size_t n = 0;
    for (int bit = 0; bit < 4; ++bit) n += (present >> bit) & 1;
    if (i + n >= atr.size()) return true;
    i += n;
    if (!(present & 0x08)) break;
    td = atr[i];
  }
  const std::size_t start = i + 1;
  if (start + historical > atr.size() || historical == 0 || atr[start] != 0x80) return true;
  for (std::size_t k = start + 1;
       k < start + historical;) {  // compact TLV: tag nibble, length nibble
    const std::size_t len = atr[k] & 0x0F;
    if ((atr[k] >> 4) == 0x7 && len == 3 && k + 3 < start + historical)
      return (atr[k + 3] & 0x40) != 0;
    k += 1 + len;
  }
  return false;
}

CardLink::CardLink(const Transmit& transmit, PersoOutcome& out)
    : transmit_([&transmit, &out](const Bytes& apdu) {
        ++out.apdus;
        return transmit(apdu);
      }),
      out_(out) {}

void CardLink::stop(PersoResult result, SpoilReason reason, std::string code, std::string message) {
  out_.result = result;
  out_.reason = reason;
  out_.detail = Error{std::move(code), std::move(message)};
  throw Stop{};
}

Response CardLink::send(const Command& command, SpoilReason reason) {
  auto r = chip::exchange(command, transmit_);  // qualified: ADL would find std::exchange
  if (r) return std::move(*r);
  const Error& e = r.error();
  if (card_fault(e.code)) stop(PersoResult::spoiled, reason, e.code, e.message);
  if (!touched_) {
    stop(PersoResult::retry, SpoilReason::none, e.code,
         msg::say(msg::perso_nothing_written, e.message));
  }
  stop(PersoResult::interrupted, SpoilReason::none, e.code,
       msg::say(msg::perso_writing_begun, e.message));
}

void CardLink::refused(const std::string& what, std::uint16_t sw, SpoilReason reason) {
  const auto& text = reason == SpoilReason::chip_unreadable ? msg::perso_refused_unidentified
                                                            : msg::perso_refused_spoiled;
  stop(PersoResult::spoiled, reason, "perso.sw_" + sw_hex(sw),
       msg::say(text, what, sw_meaning(sw)));
}

Bytes CardLink::expect_ok(const Command& command, const std::string& what, SpoilReason reason) {
  Response r = send(command, reason);
  if (!r.ok()) refused(what, r.sw, reason);
  return std::move(r.data);
}

void CardLink::read_identity() {
  const Bytes cplc = expect_ok({0x80, 0xCA, 0x9F, 0x7F, {}, 256}, msg::say(msg::step_read_cplc),
                               SpoilReason::chip_unreadable);
  if (cplc.size() < 3 + 16 || cplc[0] != 0x9F || cplc[1] != 0x7F) {
    stop(PersoResult::spoiled, SpoilReason::chip_unreadable, "perso.bad_cplc",
         msg::say(msg::perso_bad_cplc));
  }
  // IC fabricator (CPLC bytes 0-1) and IC serial number (bytes 12-15).
  out_.serial = to_hex(std::span(cplc).subspan(3, 2)) + to_hex(std::span(cplc).subspan(3 + 12, 4));
  out_.uid = expect_ok({0xFF, 0xCA, 0x00, 0x00, {}, 256}, msg::say(msg::step_read_uid),
                       SpoilReason::chip_unreadable);
}

void CardLink::detect_lengths(const std::optional<Bytes>& atr, std::size_t short_write,
                              std::size_t short_read) {
  short_write_ = write_max_ = short_write;
  read_max_ = short_read;
  if (atr && !atr_announces_extended(*atr)) return;
  // EF.ATR/INFO (2F01, SFI 01 in the MF); any refusal just means short APDUs.
  if (!send(kSelectMf, SpoilReason::chip_unreadable).ok()) return;
  Response r = send({0x00, 0xB0, 0x81, 0x00, {}, 256}, SpoilReason::chip_unreadable);
  if (r.sw != 0x9000 && r.sw != 0x6282) return;
  const std::size_t ext = parse_ef_atr(r.data);
  if (ext > short_read) {
    write_max_ = ext;
    read_max_ = ext;
  }
}

bool CardLink::select_or_create_application(const Profile& profile) {
  Command select{0x00, 0xA4, 0x04, 0x0C, profile.application_aid(), {}};
  Response r = send(select, SpoilReason::chip_unreadable);
  if (r.ok()) return true;
  if (r.sw != 0x6A82)
    refused(msg::say(msg::step_select_application), r.sw, SpoilReason::chip_unreadable);
  expect_ok(kSelectMf, msg::say(msg::step_select_mf), SpoilReason::chip_unreadable);
  touched_ = true;
  Response c =
      send({0x00, 0xE0, 0x00, 0x00, profile.application_fcp(), {}}, SpoilReason::write_failed);
  if (c.sw == 0x6A84) {
    stop(PersoResult::spoiled, SpoilReason::write_failed, "perso.card_too_small",
         msg::say(msg::perso_no_room_application));
  }
  if (!c.ok()) refused(msg::say(msg::step_create_application), c.sw, SpoilReason::write_failed);
  return false;  // the new DF is current
}

FileState CardLink::file_state(std::uint16_t fid) {
  Response r = send(select_fid(fid, true), SpoilReason::chip_unreadable);
  if (r.sw == 0x6A82) return {};
  if (!r.ok())
    refused(msg::say(msg::step_select_file, to_hex(Bytes{hi(fid), lo(fid)})), r.sw,
            SpoilReason::chip_unreadable);
  auto s = parse_fcp(r.data);
  if (!s) {
    stop(PersoResult::spoiled, SpoilReason::chip_unreadable, "perso.bad_fcp",
         msg::say(msg::perso_bad_fcp));
  }
  return *s;
}

std::optional<Bytes> CardLink::try_read_file(std::uint16_t fid, std::size_t size) {
  if (!send(select_fid(fid, false), SpoilReason::chip_unreadable).ok()) return std::nullopt;
  Bytes out;
  while (out.size() < size) {
    const auto off = static_cast<std::uint16_t>(out.size());
    const auto le = static_cast<std::uint32_t>(std::min(read_max_, size - out.size()));
    Response r = send({0x00, 0xB0, hi(off), lo(off), {}, le}, SpoilReason::chip_unreadable);
    if ((r.sw != 0x9000 && r.sw != 0x6282) || r.data.empty()) return std::nullopt;
    out.insert(out.end(), r.data.begin(), r.data.end());
    if (r.sw == 0x6282) break;
  }
  return out;
}

void CardLink::check_layout(const ProfileFile& file, const FileState& state, std::size_t size) {
  if (state.size != size || state.security != file.security) {
    stop(PersoResult::spoiled, SpoilReason::write_failed, "perso.layout_mismatch",
         msg::say(msg::perso_layout_mismatch, file.name));
  }
}

void CardLink::select_ef(std::uint16_t fid, SpoilReason on_failure) {
  expect_ok(select_fid(fid, false),
            msg::say(msg::step_select_file, to_hex(Bytes{hi(fid), lo(fid)})), on_failure);
}

Bytes CardLink::read_current(std::size_t size, SpoilReason on_failure, Bytes out) {
  while (out.size() < size) {
    const auto off = static_cast<std::uint16_t>(out.size());
    const auto le = static_cast<std::uint32_t>(std::min(read_max_, size - out.size()));
    Response r = send({0x00, 0xB0, hi(off), lo(off), {}, le}, on_failure);
    if (!r.ok() || r.data.empty()) refused(msg::say(msg::step_read_back), r.sw, on_failure);
    out.insert(out.end(), r.data.begin(), r.data.end());
  }
  out.resize(size);
  return out;
}

Bytes CardLink::read_ef(const ProfileFile& file, std::size_t size, SpoilReason on_failure) {
  if (file.sfi == 0 || size == 0) {
    select_ef(file.fid, on_failure);
    return read_current(size, on_failure);
  }
  // P1 = 100sssss: READ BINARY of the EF with that SFI (it becomes current), P2 = offset 0.
  const auto le = static_cast<std::uint32_t>(std::min(read_max_, size));
  Response r =
      send({0x00, 0xB0, static_cast<std::uint8_t>(0x80 | file.sfi), 0x00, {}, le}, on_failure);
  if (!r.ok() || r.data.empty())
    refused(msg::say(msg::step_read_file_back, file.name), r.sw, on_failure);
  return read_current(size, on_failure, std::move(r.data));
}

void CardLink::write_current(const Bytes& content, const Bytes* there) {
  std::size_t off = 0;
  while (off < content.size()) {
    const std::size_t n = std::min(write_max_, content.size() - off);
    const auto first = content.begin() + static_cast<long>(off);
    if (there != nullptr &&
        std::equal(first, first + static_cast<long>(n), there->begin() + static_cast<long>(off))) {
      off += n;  // already on the card (resume)
      continue;
    }
    touched_ = true;
    const auto o = static_cast<std::uint16_t>(off);
    Response r = send({0x00, 0xD6, hi(o), lo(o), Bytes(first, first + static_cast<long>(n)), {}},
                      SpoilReason::write_failed);
    if (r.sw == 0x6700 && n > 1) {
      // The card takes less than it announced: halve down to the short size, then below.
      write_max_ = n > short_write_ ? std::max(short_write_, n / 2) : n / 2;
      continue;
    }
    if (!r.ok()) refused(msg::say(msg::step_write), r.sw, SpoilReason::write_failed);
    off += n;
  }
}

void CardLink::create_ef(const Bytes& fcp, const std::string& name) {
  touched_ = true;
  Response r = send({0x00, 0xE0, 0x00, 0x00, fcp, {}}, SpoilReason::write_failed);
  if (r.sw == 0x6A84) {
    stop(PersoResult::spoiled, SpoilReason::write_failed, "perso.card_too_small",
         msg::say(msg::perso_memory_full, name));
  }
  if (!r.ok()) refused(msg::say(msg::step_create_file, name), r.sw, SpoilReason::write_failed);
}

void CardLink::activate_ef(const ProfileFile& file) {
  touched_ = true;
  Response r =
      send({0x00, 0x44, 0x00, 0x00, {hi(file.fid), lo(file.fid)}, {}}, SpoilReason::lock_failed);
  if (!r.ok() && r.sw != 0x6985)
    refused(msg::say(msg::step_lock_file, file.name), r.sw, SpoilReason::lock_failed);
}

void CardLink::activate_application(const Profile& profile) {
  touched_ = true;
  const std::uint16_t fid = profile.application_fid();
  Response r = send({0x00, 0x44, 0x00, 0x00, {hi(fid), lo(fid)}, {}}, SpoilReason::lock_failed);
  if (!r.ok() && r.sw != 0x6985) {
    refused(msg::say(msg::step_lock_application), r.sw, SpoilReason::lock_failed);
  }
}

void CardLink::check_application_locked(const Profile& profile) {
  Response r =
      send({0x00, 0xA4, 0x04, 0x04, profile.application_aid(), 256}, SpoilReason::lock_failed);
  if (!r.ok()) refused(msg::say(msg::step_select_application), r.sw, SpoilReason::lock_failed);
  const auto s = parse_fcp(r.data);
  if (!s || s->life_cycle != 0x05) {
    stop(PersoResult::spoiled, SpoilReason::lock_failed, "perso.application_not_locked",
         msg::say(msg::perso_application_not_locked));
  }
}

void CardLink::check_locked(const ProfileFile& file) {
  const FileState s = file_state(file.fid);
  if (!s.operational() || s.security != file.security) {
    stop(PersoResult::spoiled, SpoilReason::lock_failed, "perso.not_locked",
         msg::say(msg::perso_not_locked, file.name));
  }
}

void CardLink::check_refusals(const ProfileFile& file, const Bytes& content) {
  // Addressed by SFI where the file has one (P1 = 100sssss, offset 0), else selected.
  std::uint8_t p1 = 0x00;
  if (file.sfi != 0) {
    p1 = static_cast<std::uint8_t>(0x80 | file.sfi);
  } else {
    select_ef(file.fid, SpoilReason::lock_failed);
  }
  // The SAME bytes: harmless even if the lock had failed.
  const std::size_t n = std::min<std::size_t>(16, content.size());
  Response w = send(
      {0x00, 0xD6, p1, 0x00, Bytes(content.begin(), content.begin() + static_cast<long>(n)), {}},
      SpoilReason::lock_failed);
  Response r =
      send({0x00, 0xB0, p1, 0x00, {}, static_cast<std::uint32_t>(n)}, SpoilReason::lock_failed);
  const bool write_refused = (w.sw >> 8) == 0x69;
  const bool read_refused = (r.sw >> 8) == 0x69 && r.data.empty();
  if (!write_refused || !read_refused) {
    stop(
        PersoResult::spoiled, SpoilReason::lock_failed, "perso.lock_not_enforced",
        msg::say(write_refused ? msg::perso_still_readable : msg::perso_still_writable, file.name));
  }
}

}  // namespace ektp::chip
