#include "drivers/reader/fake_reader.hpp"

#include <algorithm>

#include "drivers/common/messages.hpp"

namespace ektp::reader {

FakeReader::FakeReader(std::string name) : name_(std::move(name)), readers_{name_} {
  responder_ = [](const Bytes&) -> Result<Bytes> { return Bytes{0x6D, 0x00}; };
}

void FakeReader::set_readers(std::vector<std::string> names) {
  readers_ = std::move(names);
  if (!listed()) card_in_ = connected_ = false;
}
void FakeReader::unplug() {
  std::erase(readers_, name_);
  card_in_ = false;
  // A connected card stays "connected" for the caller: its next call finds the reader gone.
}
void FakeReader::plug_in() {
  if (!listed()) readers_.push_back(name_);
}
void FakeReader::stop_service() {
  service_ = false;
  connected_ = false;
}
void FakeReader::start_service() { service_ = true; }
void FakeReader::insert(Bytes atr, Bytes uid) {
  card_in_ = true;
  atr_ = std::move(atr);
  uid_ = std::move(uid);
}
void FakeReader::remove() { card_in_ = false; }
void FakeReader::push_response(Result<Bytes> response) {
  responses_.push_back(std::move(response));
}
void FakeReader::set_responder(std::function<Result<Bytes>(const Bytes&)> responder) {
  responder_ = std::move(responder);
}

bool FakeReader::listed() const {
  return std::find(readers_.begin(), readers_.end(), name_) != readers_.end();
}

std::optional<Error> FakeReader::device_error(bool in_use) const {
  if (!service_) return fail("pcsc.no_service", msg::pcsc_not_running());
  if (!listed()) {
    if (in_use) return fail("reader.gone", msg::reader_unavailable(name_));
    return fail("reader.absent", msg::reader_absent(name_, readers_));
  }
  return std::nullopt;
}

const std::string& FakeReader::name() const { return name_; }

Result<std::vector<std::string>> FakeReader::list_readers() {
  calls_.emplace_back("list");
  if (!service_) return fail("pcsc.no_service", msg::pcsc_not_running());
  return readers_;
}

Result<void> FakeReader::wait_card(std::chrono::milliseconds) {
  calls_.emplace_back("wait_card");
  if (auto e = device_error(false)) return *e;
  if (!card_in_) return fail("card.absent", msg::card_absent(name_));
  return ok();
}

Result<void> FakeReader::wait_card_absent(std::chrono::milliseconds) {
  calls_.emplace_back("wait_card_absent");
  if (auto e = device_error(false)) return *e;
  if (card_in_) return fail("card.still_present", msg::card_still_present(name_));
  return ok();
}

Result<CardInfo> FakeReader::connect(std::chrono::milliseconds) {
  calls_.emplace_back("connect");
  connected_ = false;
  if (auto e = device_error(false)) return *e;
  if (!card_in_) return fail("card.absent", msg::card_absent(name_));
  connected_ = true;
  return CardInfo{name_, atr_};
}

Result<Bytes> FakeReader::transmit(std::span<const std::uint8_t> apdu, std::chrono::milliseconds) {
  calls_.emplace_back("transmit");
  if (auto e = device_error(true)) return *e;
  if (!connected_) {
    return fail("card.not_connected", "No card is connected in the reader \"" + name_ + "\".");
  }
  if (!card_in_) return fail("card.removed", msg::card_removed());
  Bytes cmd(apdu.begin(), apdu.end());
  sent_.push_back(cmd);
  if (responses_.empty()) return responder_(cmd);
  Result<Bytes> r = std::move(responses_.front());
  responses_.pop_front();
  return r;
}

Result<Bytes> FakeReader::uid(std::chrono::milliseconds) {
  calls_.emplace_back("uid");
  if (auto e = device_error(true)) return *e;
  if (!connected_) {
    return fail("card.not_connected", "No card is connected in the reader \"" + name_ + "\".");
  }
  if (!card_in_) return fail("card.removed", msg::card_removed());
  if (uid_.empty()) return fail("card.no_uid", "The reader did not give the card's UID.");
  return uid_;
}

Result<void> FakeReader::disconnect(Disposition how) {
  calls_.emplace_back(how == Disposition::reset     ? "disconnect:reset"
                      : how == Disposition::unpower ? "disconnect:unpower"
                                                    : "disconnect:leave");
  const bool was = connected_;
  connected_ = false;
  if (!was) {
    return fail("card.not_connected", "No card is connected in the reader \"" + name_ + "\".");
  }
  return ok();
}

}  // namespace ektp::reader
