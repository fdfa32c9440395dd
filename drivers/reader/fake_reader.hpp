#pragma once
/// An in-memory Reader for unit tests: the test scripts the readers, the card
/// and each response; the fake records every call and every APDU it was sent.
/// Nothing blocks and no time passes: a wait with no card ends at once with
/// its timeout outcome.

#include <deque>
#include <functional>
#include <optional>

#include "drivers/reader/reader.hpp"

namespace ektp::reader {

class FakeReader final : public Reader {
 public:
  /// The reader `name`, connected, with no card.
  explicit FakeReader(std::string name);

  // --- scripting ---
  /// The readers connected (the configured one among them or not).
  void set_readers(std::vector<std::string> names);
  /// Unplug (or plug back) the configured reader.
  void unplug();
  void plug_in();
  /// pcscd stopped: every call fails with pcsc.no_service until started again;
  /// a connected card is lost.
  void stop_service();
  void start_service();
  /// A card in the field, with its ATR and UID.
  void insert(Bytes atr = {0x3B, 0x80, 0x80, 0x01, 0x01}, Bytes uid = {0x04, 0x01, 0x02, 0x03});
  /// The card leaves the field (a connected card is lost).
  void remove();
  /// The next transmit returns this (a response or an error), in order.
  void push_response(Result<Bytes> response);
  /// Answers transmits when no scripted response is queued (default: 6D00).
  void set_responder(std::function<Result<Bytes>(const Bytes&)> responder);

  // --- what happened ---
  /// Every APDU transmitted while a card was connected, in order.
  const std::vector<Bytes>& sent() const { return sent_; }
  /// Every call, in order: "list", "wait_card", "wait_card_absent", "connect",
  /// "transmit", "uid", "disconnect:leave|reset|unpower".
  const std::vector<std::string>& calls() const { return calls_; }
  bool connected() const { return connected_; }

  // --- Reader ---
  const std::string& name() const override;
  Result<std::vector<std::string>> list_readers() override;
  Result<void> wait_card(std::chrono::milliseconds timeout) override;
  Result<void> wait_card_absent(std::chrono::milliseconds timeout) override;
  Result<CardInfo> connect(std::chrono::milliseconds wait_for_card) override;
  Result<Bytes> transmit(std::span<const std::uint8_t> apdu,
                         std::chrono::milliseconds deadline) override;
  Result<Bytes> uid(std::chrono::milliseconds deadline) override;
  Result<void> disconnect(Disposition how = Disposition::leave) override;

 private:
  /// The error every call starts with (service down, reader away), if any.
  std::optional<Error> device_error(bool in_use) const;
  bool listed() const;

  std::string name_;
  std::vector<std::string> readers_;
  bool service_ = true;
  bool card_in_ = false;
  bool connected_ = false;
  Bytes atr_, uid_;
  std::deque<Result<Bytes>> responses_;
  std::function<Result<Bytes>(const Bytes&)> responder_;
  std::vector<Bytes> sent_;
  std::vector<std::string> calls_;
};

}  // namespace ektp::reader
