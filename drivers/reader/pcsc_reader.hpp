#pragma once
/// The Reader contract over pcsc-lite.
///
/// Every PC/SC call runs on the reader's device thread (DeviceThread) with a
/// deadline. Waits use SCardGetStatusChange on the reader and on the
/// `\\?PnP?\Notification` pseudo-reader (reader arrival and removal), never a
/// polling loop. When pcscd has restarted (no service, service stopped,
/// invalid handle) the next call drops the old context and establishes a new
/// one (one retry per call), without restarting the process; a card connected
/// before the restart is lost (pcsc.no_service) and must be connected again.

#include <memory>

#include "drivers/reader/device_thread.hpp"
#include "drivers/reader/reader.hpp"

namespace ektp::reader {

class PcscReader final : public Reader {
 public:
  /// Drive the reader called `name` (configuration). Nothing is opened yet.
  explicit PcscReader(std::string name);
  ~PcscReader() override;

  /// Deadline for calls that do not take one (list, connect, disconnect).
  static constexpr std::chrono::milliseconds kControlDeadline{5000};

  const std::string& name() const override;
  Result<std::vector<std::string>> list_readers() override;
  Result<void> wait_card(std::chrono::milliseconds timeout) override;
  Result<void> wait_card_absent(std::chrono::milliseconds timeout) override;
  Result<CardInfo> connect(std::chrono::milliseconds wait_for_card) override;
  Result<Bytes> transmit(std::span<const std::uint8_t> apdu,
                         std::chrono::milliseconds deadline) override;
  Result<Bytes> uid(std::chrono::milliseconds deadline) override;
  Result<void> disconnect(Disposition how = Disposition::leave) override;

  struct Device;  ///< the PC/SC handles, used on the device thread only

 private:
  std::string name_;
  std::shared_ptr<Device> device_;
  DeviceThread thread_;  // declared last: stopped before device_ is released
};

}  // namespace ektp::reader
