#include "drivers/reader/pcsc_session.hpp"

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "drivers/common/messages.hpp"
#include "drivers/reader/pcsc_errors.hpp"

namespace ektp::reader {
namespace {

struct Context {
  SCARDCONTEXT handle = 0;
  bool valid = false;
  ~Context() {
    if (valid) SCardReleaseContext(handle);
  }
};

Result<std::vector<std::string>> readers_of(SCARDCONTEXT ctx) {
  DWORD len = 0;
  LONG rc = SCardListReaders(ctx, nullptr, nullptr, &len);
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "listing the readers");
  std::string buf(len, '\0');
  rc = SCardListReaders(ctx, nullptr, buf.data(), &len);
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "listing the readers");
  std::vector<std::string> out;
  for (const char* p = buf.data(); *p != '\0'; p += std::char_traits<char>::length(p) + 1) {
    out.emplace_back(p);
  }
  return out;
}

}  // namespace

/// Shared between the caller and the device thread, so that a stuck
/// SCardTransmit can outlive the caller's wait.
struct PcscSession::State {
  std::string reader;
  SCARDCONTEXT ctx = 0;
  SCARDHANDLE card = 0;
  DWORD protocol = 0;
  Bytes atr;

  std::mutex m;
  std::condition_variable cv;
  std::optional<Bytes> request;
  std::uint64_t issued = 0;     // id of the last request handed to the device thread
  std::uint64_t completed = 0;  // id of the last request the device thread finished
  Result<Bytes> response = Bytes{};
  bool stop = false;
  std::thread worker;

  void run() {
    std::unique_lock lock(m);
    for (;;) {
      cv.wait(lock, [&] { return stop || request.has_value(); });
      if (request) {
        Bytes apdu = std::move(*request);
        request.reset();
        const std::uint64_t id = issued;
        lock.unlock();
        Result<Bytes> r = send(apdu);
        lock.lock();
        response = std::move(r);
        completed = id;
        cv.notify_all();
      } else if (stop) {
        return;
      }
    }
  }

  Result<Bytes> send(const Bytes& apdu) {
    Bytes rx(MAX_BUFFER_SIZE_EXTENDED);
    DWORD rx_len = static_cast<DWORD>(rx.size());
    const SCARD_IO_REQUEST* pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG rc = SCardTransmit(card, pci, apdu.data(), static_cast<DWORD>(apdu.size()), nullptr,
                                  rx.data(), &rx_len);
    if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "a card command", reader);
    // pcscd answers a mute card, once its link closes, with success and 0 bytes.
    if (rx_len < 2) {
      return fail("card.no_response", msg::card_not_responding());
    }
    rx.resize(rx_len);
    return rx;
  }
};

Result<std::vector<std::string>> list_readers() {
  Context ctx;
  const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx.handle);
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "connecting to pcscd");
  ctx.valid = true;
  return readers_of(ctx.handle);
}

Result<void> wait_card_absent(const std::string& reader, std::chrono::milliseconds timeout) {
  Context ctx;
  LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx.handle);
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "connecting to pcscd");
  ctx.valid = true;
  SCARD_READERSTATE rs{};
  rs.szReader = reader.c_str();
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  rc = SCardGetStatusChange(ctx.handle, 0, &rs, 1);
  while (rc == SCARD_S_SUCCESS && (rs.dwEventState & SCARD_STATE_PRESENT)) {
    rs.dwCurrentState = rs.dwEventState;
    rc = SCardGetStatusChange(ctx.handle, static_cast<DWORD>(timeout.count()), &rs, 1);
  }
  if (rc == SCARD_E_TIMEOUT) return fail("card.still_present", msg::card_still_present(reader));
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "waiting for the card to be taken out", reader);
  return ok();
}

Result<std::unique_ptr<PcscSession>> PcscSession::connect(const std::string& reader,
                                                          std::chrono::milliseconds wait_for_card) {
  auto st = std::make_shared<State>();
  st->reader = reader;
  LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &st->ctx);
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "connecting to pcscd");
  auto release = [&] { SCardReleaseContext(st->ctx); };

  auto present = readers_of(st->ctx);
  if (!present) {
    release();
    return present.error();
  }
  if (std::find(present->begin(), present->end(), reader) == present->end()) {
    release();
    return fail("reader.absent", msg::reader_absent(reader, *present));
  }

  SCARD_READERSTATE rs{};
  rs.szReader = reader.c_str();
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  rc = SCardGetStatusChange(st->ctx, 0, &rs, 1);
  while (rc == SCARD_S_SUCCESS && !(rs.dwEventState & SCARD_STATE_PRESENT)) {
    rs.dwCurrentState = rs.dwEventState;
    rc = SCardGetStatusChange(st->ctx, static_cast<DWORD>(wait_for_card.count()), &rs, 1);
  }
  if (rc == SCARD_E_TIMEOUT) {
    release();
    return fail("card.absent", msg::card_absent(reader));
  }
  if (rc != SCARD_S_SUCCESS) {
    release();
    return pcsc_error(rc, "waiting for a card", reader);
  }

  rc = SCardConnect(st->ctx, reader.c_str(), SCARD_SHARE_EXCLUSIVE,
                    SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &st->card, &st->protocol);
  if (rc != SCARD_S_SUCCESS) {
    release();
    return pcsc_error(rc, "connecting to the card", reader);
  }
  BYTE atr[MAX_ATR_SIZE];
  DWORD atr_len = sizeof atr;
  DWORD state = 0, proto = 0;
  char name[256];
  DWORD name_len = sizeof name;
  if (SCardStatus(st->card, name, &name_len, &state, &proto, atr, &atr_len) == SCARD_S_SUCCESS) {
    st->atr.assign(atr, atr + atr_len);
  }
  st->worker = std::thread([raw = st.get()] { raw->run(); });
  return std::unique_ptr<PcscSession>(new PcscSession(std::move(st)));
}

PcscSession::PcscSession(std::shared_ptr<State> state) : state_(std::move(state)) {}

PcscSession::~PcscSession() {
  {
    std::lock_guard lock(state_->m);
    state_->stop = true;
  }
  state_->cv.notify_all();
  // Blocks until a stuck SCardTransmit returns (pcscd ends it when the card
  // leaves the field); the call cannot be cancelled.
  state_->worker.join();
  SCardDisconnect(state_->card, SCARD_LEAVE_CARD);
  SCardReleaseContext(state_->ctx);
}

Result<Bytes> PcscSession::transmit(std::span<const std::uint8_t> apdu,
                                    std::chrono::milliseconds deadline) {
  auto& st = *state_;
  std::unique_lock lock(st.m);
  if (st.completed != st.issued) {
    return fail("card.not_responding", msg::card_not_responding());
  }
  st.request = Bytes(apdu.begin(), apdu.end());
  const std::uint64_t id = ++st.issued;
  st.cv.notify_all();
  if (!st.cv.wait_for(lock, deadline, [&] { return st.completed == id; })) {
    return fail("card.not_responding", msg::card_timeout(deadline));
  }
  return std::move(st.response);
}

const Bytes& PcscSession::atr() const { return state_->atr; }
const std::string& PcscSession::reader() const { return state_->reader; }

}  // namespace ektp::reader
