#include "drivers/reader/pcsc_session.hpp"

#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>

#include <algorithm>

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

/// Wait until `reader` is (or is not) holding a card, at most `timeout` in all:
/// SCardGetStatusChange restarts its timeout on every event, so the remaining
/// time is computed from one deadline.
LONG wait_presence(SCARDCONTEXT ctx, const std::string& reader, bool want_present,
                   std::chrono::milliseconds timeout) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + timeout;
  SCARD_READERSTATE rs{};
  rs.szReader = reader.c_str();
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  LONG rc = SCardGetStatusChange(ctx, 0, &rs, 1);
  while (rc == SCARD_S_SUCCESS && ((rs.dwEventState & SCARD_STATE_PRESENT) != 0) != want_present) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0) return SCARD_E_TIMEOUT;
    rs.dwCurrentState = rs.dwEventState & ~SCARD_STATE_CHANGED;
    rc = SCardGetStatusChange(ctx, static_cast<DWORD>(left.count()), &rs, 1);
  }
  return rc;
}

}  // namespace

/// The handles, shared with the device thread's jobs, so that a stuck
/// SCardTransmit can outlive the caller's wait.
struct PcscSession::State {
  std::string reader;
  SCARDCONTEXT ctx = 0;
  bool has_ctx = false;
  SCARDHANDLE card = 0;
  bool has_card = false;
  DWORD protocol = 0;
  Bytes atr;

  // Runs on whichever thread drops the last reference: the session's owner,
  // or the device thread finishing a call its owner stopped waiting for.
  ~State() {
    if (has_card) SCardDisconnect(card, SCARD_LEAVE_CARD);
    if (has_ctx) SCardReleaseContext(ctx);
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
  rc = wait_presence(ctx.handle, reader, false, timeout);
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
  st->has_ctx = true;

  auto present = readers_of(st->ctx);
  if (!present) return present.error();
  if (std::find(present->begin(), present->end(), reader) == present->end()) {
    return fail("reader.absent", msg::reader_absent(reader, *present));
  }
  rc = wait_presence(st->ctx, reader, true, wait_for_card);
  if (rc == SCARD_E_TIMEOUT) return fail("card.absent", msg::card_absent(reader));
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "waiting for a card", reader);

  rc = SCardConnect(st->ctx, reader.c_str(), SCARD_SHARE_EXCLUSIVE,
                    SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &st->card, &st->protocol);
  if (rc != SCARD_S_SUCCESS) return pcsc_error(rc, "connecting to the card", reader);
  st->has_card = true;
  BYTE atr[MAX_ATR_SIZE];
  DWORD atr_len = sizeof atr;
  DWORD state = 0, proto = 0;
  char name[256];
  DWORD name_len = sizeof name;
  if (SCardStatus(st->card, name, &name_len, &state, &proto, atr, &atr_len) == SCARD_S_SUCCESS) {
    st->atr.assign(atr, atr + atr_len);
  }
  return std::unique_ptr<PcscSession>(new PcscSession(std::move(st)));
}

PcscSession::PcscSession(std::shared_ptr<State> state) : state_(std::move(state)) {}

PcscSession::~PcscSession() = default;

Result<Bytes> PcscSession::transmit(std::span<const std::uint8_t> apdu,
                                    std::chrono::milliseconds deadline) {
  // The job holds its own reference: a call stuck past the session's lifetime
  // keeps the handles alive until it returns.
  return thread_.call<Bytes>(
      [st = state_, cmd = Bytes(apdu.begin(), apdu.end())] { return st->send(cmd); }, deadline);
}

const Bytes& PcscSession::atr() const { return state_->atr; }
const std::string& PcscSession::reader() const { return state_->reader; }

}  // namespace ektp::reader
