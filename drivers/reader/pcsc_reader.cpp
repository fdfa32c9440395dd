#include "drivers/reader/pcsc_reader.hpp"

#include "drivers/common/messages.hpp"
#include "drivers/reader/pcsc_device.hpp"
#include "drivers/reader/pcsc_errors.hpp"

namespace ektp::reader {
namespace {

using std::chrono::milliseconds;

/// A wait's own timeout plus this bounds its device-thread call (pcscd stalled).
constexpr milliseconds kWaitMargin{2000};

Error not_connected(const std::string& reader) {
  return fail("card.not_connected",
              "No card is connected in the reader \"" + reader + "\". Connect to the card first.");
}

}  // namespace

PcscReader::PcscReader(std::string name)
    : name_(std::move(name)), device_(std::make_shared<Device>()) {
  device_->reader = name_;
}

PcscReader::~PcscReader() = default;

const std::string& PcscReader::name() const { return name_; }

Result<std::vector<std::string>> PcscReader::list_readers() {
  return thread_.call<std::vector<std::string>>(
      [d = device_]() -> Result<std::vector<std::string>> {
        std::vector<std::string> names;
        const LONG rc = d->with_context([&] { return d->list(names); });
        if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "listing the readers");
        return names;
      },
      kControlDeadline);
}

namespace {

/// The outcome of a wait for presence (want_card) or absence of a card.
Result<void> wait_outcome(PcscReader::Device& d, bool want_card, milliseconds timeout) {
  const LONG rc = d.with_context([&] { return d.wait_for(want_card, timeout); });
  if (rc == SCARD_S_SUCCESS) return ok();
  if (rc == SCARD_E_TIMEOUT) {
    if (!d.reader_listed) {
      std::vector<std::string> present;
      if (d.list(present) != SCARD_S_SUCCESS) present.clear();
      return fail("reader.absent", msg::reader_absent(d.reader, present));
    }
    if (want_card) return fail("card.absent", msg::card_absent(d.reader));
    return fail("card.still_present", msg::card_still_present(d.reader));
  }
  return pcsc_error(rc, want_card ? "waiting for a card" : "waiting for the card to be taken out",
                    d.reader);
}

}  // namespace

Result<void> PcscReader::wait_card(milliseconds timeout) {
  return thread_.call<void>([d = device_, timeout] { return wait_outcome(*d, true, timeout); },
                            timeout + kWaitMargin);
}

Result<void> PcscReader::wait_card_absent(milliseconds timeout) {
  return thread_.call<void>([d = device_, timeout] { return wait_outcome(*d, false, timeout); },
                            timeout + kWaitMargin);
}

Result<CardInfo> PcscReader::connect(milliseconds wait_for_card) {
  return thread_.call<CardInfo>(
      [d = device_, wait_for_card]() -> Result<CardInfo> {
        if (auto w = wait_outcome(*d, true, wait_for_card); !w) return w.error();
        CardInfo info{d->reader, {}};
        const LONG rc = d->with_context([&] { return d->connect(info.atr); });
        if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "connecting to the card", d->reader);
        return info;
      },
      wait_for_card + kControlDeadline);
}

Result<Bytes> PcscReader::transmit(std::span<const std::uint8_t> apdu, milliseconds deadline) {
  return thread_.call<Bytes>(
      [d = device_, apdu = Bytes(apdu.begin(), apdu.end())]() -> Result<Bytes> {
        if (!d->has_card) return not_connected(d->reader);
        Bytes rx;
        const LONG rc = d->transmit(apdu, rx);
        // No retry here: a card connected before pcscd restarted is gone with
        // its handle; the next connect makes a new context.
        if (service_lost(rc)) d->drop_context();
        if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "a card command", d->reader);
        // pcscd answers a mute card, once its link closes, with success and 0 bytes.
        if (rx.size() < 2) return fail("card.no_response", msg::card_not_responding());
        return rx;
      },
      deadline);
}

Result<Bytes> PcscReader::uid(milliseconds deadline) {
  static constexpr std::uint8_t kGetUid[] = {0xFF, 0xCA, 0x00, 0x00, 0x00};
  auto r = transmit(kGetUid, deadline);
  if (!r) return r.error();
  const std::size_t n = r->size();
  if ((*r)[n - 2] != 0x90 || (*r)[n - 1] != 0x00 || n == 2) {
    return fail("card.no_uid", "The reader \"" + name_ +
                                   "\" did not give the card's UID. Take the card out and try "
                                   "again; if it happens again, the card may be faulty.");
  }
  r->resize(n - 2);
  return r;
}

Result<void> PcscReader::disconnect(Disposition how) {
  return thread_.call<void>(
      [d = device_, how]() -> Result<void> {
        if (!d->has_card) return not_connected(d->reader);
        const DWORD disp = how == Disposition::reset     ? SCARD_RESET_CARD
                           : how == Disposition::unpower ? SCARD_UNPOWER_CARD
                                                         : SCARD_LEAVE_CARD;
        const LONG rc = SCardDisconnect(d->card, disp);
        d->has_card = false;  // the handle is spent whatever the outcome
        if (service_lost(rc)) d->drop_context();
        if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "letting the card go", d->reader);
        return ok();
      },
      kControlDeadline);
}

}  // namespace ektp::reader
