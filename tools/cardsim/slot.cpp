#include "tools/cardsim/slot.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "tools/cardsim/socket_io.hpp"

namespace ektp::cardsim {

namespace {

Error no_card() {
  return fail("cardsim.no_card",
              "there is no card in hand: make one with `new` or load an image with `load`");
}

}  // namespace

Slot::Slot(VpcdEndpoint endpoint, LinkBackoff backoff)
    : link_(std::move(endpoint), *this, backoff) {}

Slot::~Slot() { link_.stop(); }

Result<void> Slot::take(Card card) {
  std::lock_guard control(control_mutex_);
  std::lock_guard lock(card_mutex_);
  if (in_field_) {
    return fail("cardsim.card_in_field",
                "the card in hand is in the reader's field: `remove` it before taking another");
  }
  card_.emplace(std::move(card));
  card_->set_trace(trace_.get());
  powered_ = false;
  torn_ = false;
  return ok();
}

Result<void> Slot::insert() {
  std::lock_guard control(control_mutex_);
  {
    std::lock_guard lock(card_mutex_);
    if (!card_) return no_card();
    if (in_field_) return ok();
    in_field_ = true;
    torn_ = false;
  }
  link_.stop();  // joins a link that a tear ended
  link_.start();
  return ok();
}

void Slot::remove() {
  std::lock_guard control(control_mutex_);
  link_.stop();  // the link thread powers the card off as it closes
  std::lock_guard lock(card_mutex_);
  if (!in_field_) return;  // not in the field, or a tear already took it out
  if (card_) {
    if (powered_) card_->power_off();
    card_->leave_field();
  }
  powered_ = false;
  in_field_ = false;
}

Result<void> Slot::with_card(const std::function<Result<void>(Card&)>& action) {
  std::lock_guard lock(card_mutex_);
  if (!card_) return no_card();
  Result<void> result = action(*card_);
  if (trace_) trace_->flush();
  return result;
}

Result<void> Slot::set_trace(const std::optional<std::filesystem::path>& file) {
  std::unique_ptr<std::ofstream> stream;
  if (file) {
    // A new trace file gets mode 0600 (it shows every byte written to the
    // card); an existing one (or /dev/stderr) keeps its own.
    int fd = ::open(file->c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      stream = std::make_unique<std::ofstream>(*file, std::ios::out | std::ios::trunc);
    }
    if (fd < 0 || !*stream) {
      return fail("cardsim.trace_open", "cannot write the APDU trace to " + file->string() + ": " +
                                            io::errno_text(errno) +
                                            "; check that the folder exists and is writable");
    }
  }
  std::lock_guard lock(card_mutex_);
  if (card_) card_->set_trace(stream.get());
  trace_ = std::move(stream);  // the old stream closes after the card stopped using it
  return ok();
}

SlotStatus Slot::status() const {
  std::lock_guard lock(card_mutex_);
  SlotStatus status;
  status.card = card_.has_value();
  status.inserted = in_field_;
  status.connected = link_.connected();
  status.muted = card_ && card_->muted();
  status.torn = torn_;
  return status;
}

Bytes Slot::field_atr() {
  std::lock_guard lock(card_mutex_);
  return card_ ? card_->atr() : Bytes{};
}

void Slot::field_power_on() {
  std::lock_guard lock(card_mutex_);
  if (!card_) return;
  card_->power_on();
  powered_ = true;
}

void Slot::field_power_off() {
  std::lock_guard lock(card_mutex_);
  if (!card_ || !powered_) return;
  card_->power_off();
  powered_ = false;
}

Reaction Slot::field_transmit(std::span<const std::uint8_t> apdu) {
  std::lock_guard lock(card_mutex_);
  if (!card_) return Reaction{Reaction::Kind::mute, {}, {}};
  // A mute card answers mute by itself until it leaves the field (Card::leave_field).
  Reaction reaction = card_->transmit(apdu);
  if (trace_) trace_->flush();  // tests read the trace while the card is in the field
  if (reaction.kind == Reaction::Kind::tear) {
    // The card left the field (the Card has ended its session): the link
    // closes the connection and ends.
    torn_ = true;
    in_field_ = false;
    powered_ = false;
  }
  return reaction;
}

}  // namespace ektp::cardsim
