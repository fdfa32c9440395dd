// bench_chip: the personalizer through real pcscd, vpcd and the card
// simulator with its timing model on (424 kbit/s, 2 ms per APDU exchange,
// 64-byte EEPROM pages at 4 ms), on the 8 KB short-APDU card (a ~7 KB data set
// from tools/dataset) and the 32 KB extended card (max 1,024 data bytes per
// APDU, a ~24 KB data set: the same record with a 480 x 640 portrait as DG2).
// Time per card runs from "card present" to "locked and proven".
//
//   <card>_personalize_s=     median wall time per card, timing model on
//   <card>_model_s=           the simulator's model time of the APDUs sent
//   <card>_physical_floor_s=  the model's time for the fewest APDUs (physical_floor.hpp)
//   <card>_floor_ratio=       personalize_s / physical_floor_s      (goal <= 1.2)
//   <card>_apdus=             APDUs sent; <card>_floor_apdus= the floor's
//   <card>_data_apdus=        UPDATE and READ BINARY sent
//   <card>_data_apdus_223=    the same bytes in 223-byte chunks (JMRTD's size)
//   <card>_data_apdus_vs_223= data_apdus_223 / data_apdus         (goal >= 3.5 on ext32k)
//   <card>_host_ms=           median wall time per card, timing model off
//   <card>_bytes=             the data set's size
// Usage: bench_chip [--cards N] (default 5 per card type and timing setting).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <sstream>
#include <string>
#include <vector>

#include "bench/chip/physical_floor.hpp"
#include "chip/personalizer.hpp"
#include "chip/personalizer_trace.hpp"
#include "chip/profile_ktp_open.hpp"
#include "drivers/reader/pcsc_reader.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/control_client.hpp"
#include "tools/dataset/face_drawing.hpp"
#include "tools/dataset/jpeg_codec.hpp"
#include "tools/dataset/signed_dataset.hpp"
#include "tools/pki/test_pki.hpp"

using namespace ektp;
using namespace std::chrono;

namespace {

/// The model (424 kbit/s; 2 ms per exchange as 1 ms per frame each
/// way, one frame per message up to 4,093 bytes; 64-byte pages at 4 ms).
const std::string kModel =
    "bitrate=424 frame_size=4096 frame_overhead_us=1000 page_size=64 page_write_us=4000";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_chip: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r) die(what + ": " + r.error().message);
  return std::move(r.value());
}

void must(Result<void> r, const std::string& what) {
  if (!r) die(what + ": " + r.error().message);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct CardType {
  const char* key;       ///< short8k, ext32k
  std::string settings;  ///< the simulator's card
  std::size_t max_data;  ///< extended maximum, 0 = short APDUs
};

/// A 480 x 640 portrait of the record's face (drawn, with a camera's mild
/// noise) as a JPEG of at most `max_bytes`: the larger DG2 a 32 KB card takes.
chip::FaceImage large_portrait(const chip::CitizenRecord& record, std::size_t max_bytes) {
  constexpr int kWidth = 480, kHeight = 640;
  dataset::Rng rng(20260101, 0xFACE);
  const auto style = dataset::make_face_style(rng, record);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  dataset::draw_face(cr, kWidth, kHeight, style);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      unsigned char* p = data + y * stride + 4 * x;
      const int n = static_cast<int>(rng.below(5)) - 2;
      for (int c = 0; c < 3; ++c) p[c] = static_cast<unsigned char>(std::clamp(p[c] + n, 0, 255));
    }
  }
  const dataset::Pixels pixels{data, kWidth, kHeight, stride};
  for (int quality = 95; quality >= 10; --quality) {
    auto jpeg = must(dataset::encode_jpeg(pixels, quality, false), "portrait");
    if (jpeg.size() <= max_bytes) {
      cairo_surface_destroy(surface);
      return {std::move(jpeg), kWidth, kHeight};
    }
  }
  die("no JPEG quality gives a portrait within the budget");
}

/// The ~7 KB data set: the first generated record (seed 20260101) whose
/// data set is 6,800 to 7,200 bytes (the 1,000-record median is ~6.5 KB).
dataset::MadeDataset short_dataset(const testpki::Identity& signer) {
  for (std::uint64_t index = 0; index < 200; ++index) {
    auto made = must(dataset::make_generated_dataset(20260101, index, signer, false), "data set");
    const std::size_t bytes = made.dataset.total_bytes();
    if (bytes >= 6800 && bytes <= 7200) return made;
  }
  die("no generated record gives a 6.8-7.2 KB data set");
}

/// The ~24 KB data set: the same record with a 480 x 640 portrait as DG2,
/// as large as 24,000 bytes in all allow.
chip::Dataset extended_dataset(dataset::MadeDataset made, const testpki::Identity& signer) {
  const std::size_t others = made.dataset.total_bytes() - made.input.face.jpeg.size();
  made.input.face = large_portrait(made.input.record, 24000 - others);
  return must(dataset::build_signed_dataset(made.input, signer), "32 KB data set");
}

struct Run {
  double seconds = 0;
  double model_s = 0;
  std::size_t apdus = 0, data_apdus = 0;
};

std::uint64_t counter(const std::string& counters, const std::string& key) {
  const auto at = counters.find(key + "=");
  if (at == std::string::npos) return 0;
  return std::stoull(counters.substr(at + key.size() + 1));
}

/// One fresh card in the encoder personalized; time from "card present".
Run one_card(const test::RigEnv& rig, reader::PcscReader& encoder, const chip::PersoJob& job,
             const std::string& settings) {
  const std::string ctl = rig.at("EKTP_ENCODER_CTL");
  must(cardsim::control_request(ctl, "remove"), "remove");
  must(encoder.wait_card_absent(seconds(5)), "card out");
  must(cardsim::control_request(ctl, "new " + settings), "new card");
  must(cardsim::control_request(ctl, "insert"), "insert");
  must(encoder.wait_card(seconds(5)), "card in");
  const auto t0 = steady_clock::now();
  const auto info = must(encoder.connect(seconds(5)), "connect");
  chip::ApduTrace trace;
  const chip::Transmit transmit = [&encoder](const chip::Bytes& apdu) {
    return encoder.transmit(apdu, seconds(5));
  };
  const auto out = chip::personalize(job, transmit, {.atr = info.atr, .trace = &trace});
  Run run;
  run.seconds = duration<double>(steady_clock::now() - t0).count();
  if (out.result != chip::PersoResult::good) {
    die(std::string("card not good: ") + chip::to_string(out.result) + ": " + out.detail.message);
  }
  (void)encoder.disconnect();
  run.apdus = out.apdus;
  std::istringstream lines(trace.text());
  for (std::string l; std::getline(lines, l);) {
    if (l.find(" 00 D6 ") == 4 || l.find(" 00 B0 ") == 4) ++run.data_apdus;
  }
  const auto counters = must(cardsim::control_request(ctl, "counters"), "counters");
  run.model_s = static_cast<double>(counter(counters, "physical_us")) / 1e6;
  return run;
}

void bench_card(const test::RigEnv& rig, reader::PcscReader& encoder, const CardType& type,
                const chip::PersoJob& job, int cards) {
  std::vector<double> on, off, model;
  Run last;
  for (int i = 0; i < cards; ++i) {
    last = one_card(rig, encoder, job, type.settings + " timing=on " + kModel);
    on.push_back(last.seconds);
    model.push_back(last.model_s);
  }
  for (int i = 0; i < cards; ++i) {
    off.push_back(one_card(rig, encoder, job, type.settings + " timing=off").seconds * 1000);
  }
  std::vector<std::size_t> sizes;
  std::size_t bytes = 0;
  for (const auto& c : job.contents) {
    sizes.push_back(c.size());
    bytes += c.size();
  }
  cardsim::TimingModel model_settings = must(
      [&]() -> Result<cardsim::TimingModel> {
        std::vector<std::string> kv;
        std::istringstream in(kModel);
        for (std::string s; in >> s;) kv.push_back(s);
        auto c = cardsim::parse_config(kv);
        if (!c) return c.error();
        return c->timing;
      }(),
      "timing model");
  const auto floor = bench::physical_floor(*job.profile, sizes, type.max_data, model_settings);
  const std::size_t in_223 = bench::data_apdus_in_chunks(sizes, 223);
  const double personalize_s = median(on);
  const char* k = type.key;
  std::printf("%s_bytes=%zu\n", k, bytes);
  std::printf("%s_personalize_s=%.3f\n", k, personalize_s);
  std::printf("%s_model_s=%.3f\n", k, median(model));
  std::printf("%s_physical_floor_s=%.3f\n", k, floor.seconds);
  std::printf("%s_floor_ratio=%.3f\n", k, personalize_s / floor.seconds);
  std::printf("%s_apdus=%zu\n", k, last.apdus);
  std::printf("%s_floor_apdus=%zu\n", k, floor.apdus);
  std::printf("%s_data_apdus=%zu\n", k, last.data_apdus);
  std::printf("%s_data_apdus_223=%zu\n", k, in_223);
  std::printf("%s_data_apdus_vs_223=%.2f\n", k,
              static_cast<double>(in_223) / static_cast<double>(last.data_apdus));
  std::printf("%s_host_ms=%.1f\n", k, median(off));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  int cards = 5;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cards") == 0 && i + 1 < argc) {
      cards = std::max(1, std::atoi(argv[++i]));
    } else {
      die("usage: bench_chip [--cards N]");
    }
  }
  try {
    test::RigEnv rig;
    auto pki = must(testpki::make_test_pki({.now = std::time(nullptr)}), "test PKI");
    const auto& signer = pki.document_signers.front();
    const auto& profile = chip::ktp_open_v1();
    auto small = short_dataset(signer);
    const auto job8 = must(chip::prepare_job(profile, small.dataset), "8 KB job");
    const auto job32 =
        must(chip::prepare_job(profile, extended_dataset(small, signer)), "32 KB job");

    reader::PcscReader encoder(rig.at("EKTP_ENCODER_READER"));
    must(reader::require_present(encoder), "encoder");
    bench_card(rig, encoder, {"short8k", "capacity=8192", 0}, job8, cards);
    bench_card(rig, encoder, {"ext32k", "capacity=32768 ext_max=1024", 1024}, job32, cards);
    (void)cardsim::control_request(rig.at("EKTP_ENCODER_CTL"), "remove");
  } catch (const std::exception& e) {
    die(e.what());
  }
  return 0;
}
