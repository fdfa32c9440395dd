// apdu_roundtrip: one 4-byte APDU through real pcscd, vpcd and the card
// simulator (timing model off), and one 32 KB extended READ BINARY on a 64 KB
// card whose stated maximum is 65,535 bytes (vpcd's 2-byte length caps a message).
//   apdu_roundtrip_us=<median>   target <= 200 (about 40,000 means delayed ACK bites)
//   apdu_32k_us=<median>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/card_ops.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/control_client.hpp"

using namespace ektp;
using namespace std::chrono;

namespace {

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "apdu_roundtrip: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message);
  return std::move(r.value());
}

void must(Result<void> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message);
}

/// A fresh card of `settings` in the encoder, connected.
std::unique_ptr<reader::PcscReader> fresh_card(const test::RigEnv& rig,
                                               const std::string& settings) {
  const std::string ctl = rig.at("EKTP_ENCODER_CTL");
  auto r = std::make_unique<reader::PcscReader>(rig.at("EKTP_ENCODER_READER"));
  must(cardsim::control_request(ctl, "remove"), "remove");
  must(r->wait_card_absent(seconds(5)), "card out");
  must(cardsim::control_request(ctl, "new " + settings), "new card");
  must(cardsim::control_request(ctl, "insert"), "insert");
  must(r->connect(seconds(5)), "connect");
  return r;
}

double median_us(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  try {
    test::RigEnv rig;

    {  // a 4-byte (case 1) APDU: SELECT MF, no data, no Le
      auto s = fresh_card(rig, "capacity=8192 timing=off");
      const std::vector<std::uint8_t> apdu{0x00, 0xA4, 0x00, 0x0C};
      for (int i = 0; i < 50; ++i) must(s->transmit(apdu, seconds(2)), "warm-up");
      std::vector<double> t;
      for (int i = 0; i < 2000; ++i) {
        const auto t0 = steady_clock::now();
        auto r = must(s->transmit(apdu, seconds(2)), "SELECT MF");
        t.push_back(duration<double, std::micro>(steady_clock::now() - t0).count());
        if (r.size() != 2) die("unexpected answer to SELECT MF");
      }
      std::printf("apdu_roundtrip_us=%.0f\n", median_us(t));
    }
    {  // one extended READ BINARY of 32 KB
      auto s = fresh_card(rig, "capacity=65536 ext_max=65535 timing=off");
      test::CardOps card(*s);
      const auto data = test::pattern(32768, 9);
      must(card.create_df(0x0A01, test::kLdsAid), "create DF");
      must(card.create_ef(0x0102, data.size(), 2), "create EF");
      must(card.write_all(data, 32767), "write");
      must(card.select_fcp(0x0102), "select");
      const auto apdu =
          must(chip::encode({0x00, 0xB0, 0x00, 0x00, {}, 32768}, chip::Length::extended), "encode");
      std::vector<double> t;
      for (int i = 0; i < 50; ++i) {
        const auto t0 = steady_clock::now();
        auto r = must(s->transmit(apdu, seconds(5)), "READ BINARY 32 KB");
        t.push_back(duration<double, std::micro>(steady_clock::now() - t0).count());
        if (r.size() != 32768 + 2) die("short 32 KB read: " + std::to_string(r.size()));
      }
      std::printf("apdu_32k_us=%.0f\n", median_us(t));
    }
    (void)cardsim::control_request(rig.at("EKTP_ENCODER_CTL"), "remove");
  } catch (const std::exception& e) {
    die(e.what());
  }
  return 0;
}
