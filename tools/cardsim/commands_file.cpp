// SELECT, CREATE FILE, ACTIVATE FILE (ISO/IEC 7816-4 §11.2.2, 7816-9).
#include <algorithm>

#include "tools/cardsim/access_rules.hpp"
#include "tools/cardsim/card_impl.hpp"
#include "tools/cardsim/fcp.hpp"
#include "tools/cardsim/timing.hpp"

namespace ektp::cardsim {

namespace {
std::uint16_t fid_of(const Bytes& data) {
  return static_cast<std::uint16_t>(data[0] << 8 | data[1]);
}
}  // namespace

Node* CardImpl::find_by_fid(std::uint16_t fid) {
  if (fid == kMfFid) return &fs.mf();
  if (fid == current_df->fid) return current_df;
  if (Node* n = FileSystem::child(*current_df, fid)) return n;
  if (current_df->parent) {  // the parent DF and its children (siblings of the current DF)
    if (fid == current_df->parent->fid) return current_df->parent;
    if (Node* n = FileSystem::child(*current_df->parent, fid)) return n;
  }
  return nullptr;
}

void CardImpl::make_current(Node& node) {
  if (node.is_df) {
    current_df = &node;
    current_ef = nullptr;
  } else {
    current_df = node.parent;
    current_ef = &node;
  }
}

Response CardImpl::deliver(Bytes data, const Command& c) {
  if (data.size() <= c.ne) return {std::move(data), sw::ok};
  pending.assign(data.begin() + static_cast<std::ptrdiff_t>(c.ne), data.end());
  data.resize(c.ne);
  // 61xx: xx more bytes available (00 = 256 or more).
  auto more = static_cast<std::uint16_t>(std::min<std::size_t>(pending.size(), 256) & 0xFF);
  return {std::move(data), static_cast<std::uint16_t>(0x6100 | more)};
}

Response CardImpl::deliver_fixed(Bytes data, const Command& c) {
  if (!c.le_present || !c.data.empty()) return {{}, sw::wrong_length};
  if (c.le_wildcard || c.ne == data.size()) return {std::move(data), sw::ok};
  if (data.size() > 255) return {{}, sw::wrong_length};
  return {{}, static_cast<std::uint16_t>(0x6C00 | data.size())};  // 6Cxx: Le should be xx
}

Response CardImpl::select(const Command& c) {
  if (c.p2 != 0x00 && c.p2 != 0x04 && c.p2 != 0x0C) return {{}, sw::wrong_p1p2};
  Node* target = nullptr;
  switch (c.p1) {
    case 0x00:  // MF, DF or EF by FID; empty data = MF
      if (c.data.empty()) {
        target = &fs.mf();
        break;
      }
      [[fallthrough]];
    case 0x01:  // child DF
    case 0x02:  // EF under the current DF
      if (c.data.size() != 2) return {{}, sw::wrong_length};
      if (c.p1 == 0x00) {
        target = find_by_fid(fid_of(c.data));
      } else {
        target = FileSystem::child(*current_df, fid_of(c.data));
        if (target && target->is_df != (c.p1 == 0x01)) target = nullptr;
      }
      break;
    case 0x03:  // parent DF
      if (!c.data.empty()) return {{}, sw::wrong_length};
      target = current_df->parent;
      break;
    case 0x04:  // DF name
      if (c.data.empty() || c.data.size() > 16) return {{}, sw::wrong_length};
      target = fs.find_by_aid(c.data);
      break;
    case 0x08:    // path from the MF (without 3F00)
    case 0x09: {  // path from the current DF
      if (c.data.empty() || c.data.size() % 2 != 0) return {{}, sw::wrong_length};
      target = c.p1 == 0x08 ? &fs.mf() : current_df;
      for (std::size_t i = 0; i < c.data.size() && target; i += 2)
        target =
            FileSystem::child(*target, static_cast<std::uint16_t>(c.data[i] << 8 | c.data[i + 1]));
      break;
    }
    default:
      return {{}, sw::wrong_p1p2};
  }
  if (!target) return {{}, sw::file_not_found};
  make_current(*target);
  if (c.p2 == 0x0C) return {};
  return deliver(c.p2 == 0x04 ? build_fcp(*target) : build_fci(*target), c);
}

Response CardImpl::create_file(const Command& c) {
  if (c.p1 != 0x00 || c.p2 != 0x00) return {{}, sw::wrong_p1p2};
  if (c.data.empty() || c.le_present) return {{}, sw::wrong_length};
  auto node = parse_create_fcp(c.data);
  if (!node) return {{}, sw::wrong_data};
  Node& df = *current_df;
  // The DF's own 8C decides (AM b2 EF creation, b3 DF creation), checked before
  // anything that would tell an unauthorised host which files exist.
  Operation op = node->is_df ? Operation::create_df : Operation::create_ef;
  if (std::uint16_t access = check_access(df, op, authenticated); access != sw::ok) {
    ++counters.refused_writes;
    return {{}, access};
  }
  if (node->fid == df.fid || FileSystem::child(df, node->fid)) return {{}, sw::file_exists};
  if (node->sfi != 0 && FileSystem::child_by_sfi(df, node->sfi)) return {{}, sw::file_exists};
  if (!node->aid.empty() && fs.find_by_aid(node->aid)) return {{}, sw::name_exists};
  if (fs.used_bytes() + node->size + kFileOverhead > config.capacity)
    return {{}, sw::not_enough_memory};
  if (broken_write()) return {{}, sw::memory_failure};
  Node& created = fs.add(df, std::move(node));
  pages_this_apdu += pages_touched(config.timing, 0, kFileOverhead);  // the file header
  ++counters.files_created;
  make_current(created);
  return {};
}

Response CardImpl::activate_file(const Command& c) {
  if (c.p1 != 0x00 || c.p2 != 0x00) return {{}, sw::wrong_p1p2};
  if (c.le_present) return {{}, sw::wrong_length};
  Node* target = nullptr;
  if (c.data.empty()) {
    target = current_ef ? current_ef : current_df;
  } else {
    if (c.data.size() != 2) return {{}, sw::wrong_length};
    target = find_by_fid(fid_of(c.data));
    if (!target) return {{}, sw::file_not_found};
    make_current(*target);
  }
  // Only 03 -> 05 exists here. The 8C ACTIVATE bit is not consulted: a file in
  // initialisation allows everything, and it would only matter for a deactivated
  // (07) file, which this card cannot produce (no DEACTIVATE FILE).
  if (target->life_cycle == lcs::operational) return {{}, sw::conditions_not_satisfied};
  if (broken_write()) return {{}, sw::memory_failure};
  target->life_cycle = lcs::operational;
  pages_this_apdu += 1;  // the life-cycle byte
  ++counters.files_activated;
  return {};
}

}  // namespace ektp::cardsim
