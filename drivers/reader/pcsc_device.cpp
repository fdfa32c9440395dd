#include "drivers/reader/pcsc_device.hpp"

#include <algorithm>

namespace ektp::reader {
namespace {

constexpr const char* kPnp = "\\\\?PnP?\\Notification";
constexpr DWORD kGone = SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE;

}  // namespace

bool service_lost(LONG rc) {
  return rc == SCARD_E_NO_SERVICE || rc == SCARD_E_SERVICE_STOPPED || rc == SCARD_E_INVALID_HANDLE;
}

LONG PcscReader::Device::ensure_context() {
  if (has_ctx) return SCARD_S_SUCCESS;
  const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
  if (rc == SCARD_S_SUCCESS) has_ctx = true;
  return rc;
}

void PcscReader::Device::drop_context() {
  if (has_card) SCardDisconnect(card, SCARD_LEAVE_CARD);
  has_card = false;
  if (has_ctx) SCardReleaseContext(ctx);
  has_ctx = false;
}

LONG PcscReader::Device::list(std::vector<std::string>& out) {
  out.clear();
  DWORD len = 0;
  LONG rc = SCardListReaders(ctx, nullptr, nullptr, &len);
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
  if (rc != SCARD_S_SUCCESS) return rc;
  std::string buf(len, '\0');
  rc = SCardListReaders(ctx, nullptr, buf.data(), &len);
  if (rc == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
  if (rc != SCARD_S_SUCCESS) return rc;
  for (const char* p = buf.data(); *p != '\0'; p += std::char_traits<char>::length(p) + 1) {
    out.emplace_back(p);
  }
  return SCARD_S_SUCCESS;
}

// SCardGetStatusChange restarts its timeout on every event, so the time left
// is computed from one deadline. The PnP pseudo-reader wakes the wait when a
// reader arrives or leaves; then the list is read again.
LONG PcscReader::Device::wait_for(bool want_card, std::chrono::milliseconds timeout) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + timeout;
  bool trust_list = true;  // false: listed, but its state says gone; wait for PnP
  for (;;) {
    std::vector<std::string> names;
    if (const LONG rc = list(names); rc != SCARD_S_SUCCESS) return rc;
    reader_listed = trust_list && std::find(names.begin(), names.end(), reader) != names.end();
    SCARD_READERSTATE rs[2]{};
    DWORD n = 0;
    if (reader_listed) rs[n++].szReader = reader.c_str();
    const DWORD pnp = n;
    rs[n++].szReader = kPnp;
    for (DWORD i = 0; i < n; ++i) rs[i].dwCurrentState = SCARD_STATE_UNAWARE;
    LONG rc = SCardGetStatusChange(ctx, 0, rs, n);
    if (rc != SCARD_S_SUCCESS && rc != SCARD_E_TIMEOUT) return rc;
    bool relist = false;
    for (bool first = true;; first = false) {
      if (reader_listed) {
        const DWORD ev = rs[0].dwEventState;
        if ((ev & kGone) != 0) {
          trust_list = false;
          relist = true;
          break;
        }
        if (((ev & SCARD_STATE_PRESENT) != 0) == want_card) return SCARD_S_SUCCESS;
      }
      if (!first && (rs[pnp].dwEventState & SCARD_STATE_CHANGED) != 0) {
        trust_list = true;
        relist = true;
        break;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
      if (left.count() <= 0) return SCARD_E_TIMEOUT;
      for (DWORD i = 0; i < n; ++i)
        rs[i].dwCurrentState = rs[i].dwEventState & ~SCARD_STATE_CHANGED;
      rc = SCardGetStatusChange(ctx, static_cast<DWORD>(left.count()), rs, n);
      if (rc != SCARD_S_SUCCESS) return rc;
    }
    if (!relist) return SCARD_E_TIMEOUT;
  }
}

LONG PcscReader::Device::connect(Bytes& atr) {
  if (has_card) SCardDisconnect(card, SCARD_LEAVE_CARD);
  has_card = false;
  LONG rc = SCardConnect(ctx, reader.c_str(), SCARD_SHARE_EXCLUSIVE,
                         SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
  if (rc != SCARD_S_SUCCESS) return rc;
  has_card = true;
  BYTE buf[MAX_ATR_SIZE];
  DWORD atr_len = sizeof buf;
  DWORD state = 0, proto = 0;
  char name[256];
  DWORD name_len = sizeof name;
  rc = SCardStatus(card, name, &name_len, &state, &proto, buf, &atr_len);
  if (rc == SCARD_S_SUCCESS) atr.assign(buf, buf + atr_len);
  return rc;
}

LONG PcscReader::Device::transmit(const Bytes& apdu, Bytes& rx) {
  rx.resize(MAX_BUFFER_SIZE_EXTENDED);
  DWORD rx_len = static_cast<DWORD>(rx.size());
  const SCARD_IO_REQUEST* pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  const LONG rc = SCardTransmit(card, pci, apdu.data(), static_cast<DWORD>(apdu.size()), nullptr,
                                rx.data(), &rx_len);
  rx.resize(rc == SCARD_S_SUCCESS ? rx_len : 0);
  return rc;
}

}  // namespace ektp::reader
