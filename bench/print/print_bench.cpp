// bench_print: printing figures. render_ms = the fit check plus the PDF of
// one face (what the station does per card before printing), median over N
// faces of varied generated records (long names and addresses included);
// making the records and pictures is not timed.
//
// With the rig: release_to_out_overhead_ms and cups_overhead_ratio, the chain's overhead
// around the printer (chain_figures.hpp), over --cards N cards (default 10) at
// --print-ms MS per card (default 1000).
//
//   ./tools/bench print [--faces N] [--cards N] [--print-ms MS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/print/chain_figures.hpp"
#include "daemon/face_from_record.hpp"
#include "drivers/printer/face_renderer.hpp"
#include "tools/dataset/signed_dataset.hpp"

using namespace ektp;

namespace {

constexpr std::uint64_t kSeed = 20261123;

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char** argv) {
  int faces = 60;
  int cards = 10;
  int print_ms = 1000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--faces") == 0 && i + 1 < argc) {
      faces = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--cards") == 0 && i + 1 < argc) {
      cards = std::max(0, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--print-ms") == 0 && i + 1 < argc) {
      print_ms = std::max(0, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: bench_print [--faces N] [--cards N] [--print-ms MS]\n");
      return 2;
    }
  }

  auto pki = testpki::make_test_pki({1767225600, 1, 1});
  if (!pki) {
    std::fprintf(stderr, "test PKI: %s\n", pki.error().message.c_str());
    return 1;
  }
  // Varied records: every 7th index, which brings in long names and addresses.
  std::vector<printer::FaceFields> inputs;
  std::size_t long_text = 0;
  for (int i = 0; i < faces; ++i) {
    auto made = dataset::make_generated_dataset(kSeed, static_cast<std::uint64_t>(i) * 7,
                                                pki->document_signers.front(), true);
    if (!made) {
      std::fprintf(stderr, "data set: %s\n", made.error().message.c_str());
      return 1;
    }
    const auto& r = made->input.record;
    long_text += (r.name.size() >= 40 || r.address.size() >= 60) ? 1 : 0;
    inputs.push_back(daemon::face_from_record(r, made->face_photo, made->input.signature_jpeg));
  }

  std::vector<double> times;
  double first_ms = 0;
  std::size_t pdf_bytes = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto fit = printer::check_fit(inputs[i]);
    auto pdf = fit ? printer::render_face_pdf(inputs[i]) : fit.error();
    const double ms = ms_since(start);
    if (!pdf) {
      std::fprintf(stderr, "face %zu refused: %s\n", i, pdf.error().message.c_str());
      return 1;
    }
    if (i == 0) first_ms = ms;  // loads fontconfig's cache: reported apart
    times.push_back(ms);
    pdf_bytes += pdf->size();
  }

  std::printf("faces=%zu long_text_faces=%zu\n", inputs.size(), long_text);
  std::printf("render_ms=%.2f\n", percentile(times, 0.5));
  std::printf("render_p95_ms=%.2f render_max_ms=%.2f render_first_ms=%.2f\n",
              percentile(times, 0.95), percentile(times, 1.0), first_ms);
  std::printf("pdf_kb=%.1f\n",
              static_cast<double>(pdf_bytes) / 1024.0 / static_cast<double>(inputs.size()));
  std::fflush(stdout);
  return cards > 0 ? bench::chain_figures(cards, print_ms) : 0;
}
