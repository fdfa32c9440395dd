#include "tools/cardsim/card.hpp"

#include <algorithm>
#include <ostream>

#include "tools/cardsim/card_impl.hpp"
#include "tools/cardsim/hex.hpp"
#include "tools/cardsim/identity.hpp"
#include "tools/cardsim/timing.hpp"

namespace ektp::cardsim {

// ---- CardImpl: session, faults, one APDU end to end ----

CardImpl::CardImpl(CardConfig cfg) : config(std::move(cfg)), rng(std::random_device{}()) {
  uid = config.uid;
  reset_session();
}

void CardImpl::format_blank() {
  if (config.max_ext_length == 0) return;
  auto ef = std::make_unique<Node>();
  ef->fid = kEfAtrFid;
  ef->content = build_ef_atr(config);
  ef->size = ef->content.size();
  ef->sfi = static_cast<std::uint8_t>(kEfAtrFid & 0x1F);  // 01, as if created without tag 88
  ef->life_cycle = lcs::operational;
  ef->security = {0x03, 0xFF, 0x00};  // UPDATE never, READ always
  fs.add(fs.mf(), std::move(ef));
}

void CardImpl::reset_session() {
  current_df = &fs.mf();
  current_ef = nullptr;
  authenticated = false;
  pending.clear();
}

void CardImpl::leave_field() {
  reset_session();
  muted = false;
}

void CardImpl::arm(const Fault& fault) { faults.push_back(ArmedFault{fault, 0}); }

bool CardImpl::broken_write() const {
  for (const auto& f : faults)
    if (f.fault.kind == Fault::Kind::broken_write) return true;
  return false;
}

std::optional<std::size_t> CardImpl::tear_in_write_limit() {
  for (auto it = faults.begin(); it != faults.end(); ++it) {
    if (it->fault.kind != Fault::Kind::tear_in_write) continue;
    if (++it->seen < it->fault.at) continue;
    std::size_t limit = it->fault.bytes;
    faults.erase(it);
    return limit;
  }
  return std::nullopt;
}

namespace {
void trace_line(std::ostream* out, char mark, std::span<const std::uint8_t> bytes) {
  if (out) *out << mark << ' ' << to_hex(bytes) << '\n';
}
void trace_event(std::ostream* out, const char* what) {
  if (out) *out << "! " << what << '\n';
}
}  // namespace

Reaction CardImpl::transmit(std::span<const std::uint8_t> apdu) {
  ++counters.apdus;
  pages_this_apdu = 0;
  tear_now = false;
  trace_line(trace, '>', apdu);

  // Countdown faults (tear_in_write counts UPDATE BINARYs, in update_binary).
  bool tear = false;
  std::optional<std::uint16_t> forced;
  std::chrono::microseconds injected{0};
  for (auto it = faults.begin(); it != faults.end();) {
    const Fault& f = it->fault;
    if (f.kind == Fault::Kind::delay_per_apdu) injected += f.delay;
    bool counts = f.kind == Fault::Kind::tear_at || f.kind == Fault::Kind::status_word_at ||
                  f.kind == Fault::Kind::mute_at;
    if (!muted && counts && ++it->seen >= f.at) {
      if (f.kind == Fault::Kind::mute_at) muted = true;
      if (f.kind == Fault::Kind::tear_at) tear = true;
      if (f.kind == Fault::Kind::status_word_at) forced = f.sw;
      it = faults.erase(it);
      continue;
    }
    ++it;
  }

  Reaction reaction;
  if (muted || tear) {
    counters.physical_us += air_time_us(config.timing, apdu.size());
    trace_event(trace, muted ? "mute" : "tear");
    if (muted) {
      reaction.kind = Reaction::Kind::mute;
      return reaction;
    }
    ++counters.tears;
    leave_field();
    reaction.kind = Reaction::Kind::tear;
    return reaction;
  }

  if (apdu.size() < 2 || apdu[1] != 0xC0) pending.clear();
  Response response;
  if (forced) {
    response.status = *forced;
  } else {
    Command command;
    std::uint16_t status = sw::ok;
    if (parse_command(apdu, config.max_ext_length, command, status)) {
      command.ne = std::min(command.ne, kMaxResponseData);  // vpcd's message limit
      response = dispatch(command);
    } else {
      response.status = status;
    }
  }

  counters.pages_written += pages_this_apdu;
  std::uint64_t physical = 0;
  if (tear_now) {  // tear inside a write: the card left the field mid-programming
    physical = air_time_us(config.timing, apdu.size()) +
               pages_this_apdu * std::uint64_t{config.timing.page_write_us};
    counters.physical_us += physical;
    ++counters.tears;
    trace_event(trace, "tear");
    leave_field();
    reaction.kind = Reaction::Kind::tear;
    return reaction;
  }

  reaction.response = std::move(response.data);
  reaction.response.push_back(static_cast<std::uint8_t>(response.status >> 8));
  reaction.response.push_back(static_cast<std::uint8_t>(response.status));
  if (is_error(response.status)) ++counters.errors;
  physical =
      exchange_time_us(config.timing, apdu.size(), reaction.response.size(), pages_this_apdu);
  counters.physical_us += physical;
  if (config.timing.apply_delay) reaction.delay = std::chrono::microseconds(physical);
  reaction.delay += injected;
  trace_line(trace, '<', reaction.response);
  return reaction;
}

Response CardImpl::dispatch(const Command& c) {
  if (c.cla == 0xFF) {  // PC/SC pseudo-APDU class: only GET DATA UID
    if (c.ins == 0xCA) return get_uid(c);
    return {{}, sw::ins_not_supported};
  }
  if (c.cla == 0x80) {  // proprietary class: only GET DATA (CPLC)
    if (c.ins == 0xCA) return get_data(c);
    return {{}, sw::ins_not_supported};
  }
  if ((c.cla & 0xE0) != 0x00) return {{}, sw::cla_not_supported};
  if (c.cla & 0x10) return {{}, sw::chaining_not_supported};
  if (c.cla & 0x0C) return {{}, sw::sm_not_supported};
  if (c.cla & 0x03) return {{}, sw::channel_not_supported};
  switch (c.ins) {
    case 0xA4:
      return select(c);
    case 0xE0:
      return create_file(c);
    case 0x44:
      return activate_file(c);
    case 0xB0:
    case 0xB1:
      return read_binary(c);
    case 0xD6:
    case 0xD7:
      return update_binary(c);
    case 0x84:
      return get_challenge(c);
    case 0xCA:
      return get_data(c);
    case 0xC0:
      return get_response(c);
    default:
      return {{}, sw::ins_not_supported};
  }
}

// ---- Card: the public face ----

Card::Card(CardConfig config) : impl_(std::make_unique<CardImpl>(std::move(config))) {
  impl_->format_blank();
}
Card::~Card() = default;
Card::Card(Card&&) noexcept = default;
Card& Card::operator=(Card&&) noexcept = default;

Bytes Card::atr() const { return build_atr(impl_->config); }

void Card::power_on() {
  ++impl_->counters.sessions;
  impl_->reset_session();
  if (impl_->config.uid_mode == CardConfig::UidMode::random) {
    // ISO/IEC 14443-3: a random single-size UID starts with 08.
    impl_->uid = {0x08};
    for (int i = 0; i < 3; ++i) impl_->uid.push_back(static_cast<std::uint8_t>(impl_->rng()));
  }
  if (impl_->trace) *impl_->trace << "* power on\n";
}

void Card::power_off() {
  impl_->reset_session();
  if (impl_->trace) *impl_->trace << "* power off\n";
}

void Card::leave_field() {
  impl_->leave_field();
  if (impl_->trace) *impl_->trace << "* out of field\n";
}

bool Card::muted() const { return impl_->muted; }

Reaction Card::transmit(std::span<const std::uint8_t> apdu) { return impl_->transmit(apdu); }

void Card::arm(const Fault& fault) { impl_->arm(fault); }
void Card::disarm_all() { impl_->faults.clear(); }

std::vector<FileInfo> Card::files() const {
  std::vector<FileInfo> out;
  impl_->fs.for_each([&](const Node& n) {
    FileInfo info;
    info.path = FileSystem::path_of(n);
    info.is_df = n.is_df;
    info.aid = n.aid;
    info.size = n.size;
    info.sfi = n.sfi;
    info.life_cycle = n.life_cycle;
    info.security = n.security;
    out.push_back(std::move(info));
  });
  return out;
}

std::optional<Bytes> Card::file_content(const std::vector<std::uint16_t>& path) const {
  const Node* node = impl_->fs.at(path);
  if (!node || node->is_df) return std::nullopt;
  return node->content;
}

const Counters& Card::counters() const { return impl_->counters; }
void Card::reset_counters() { impl_->counters = Counters{}; }

void Card::set_trace(std::ostream* out) { impl_->trace = out; }

void Card::set_session_authenticated(bool authenticated) { impl_->authenticated = authenticated; }

}  // namespace ektp::cardsim
