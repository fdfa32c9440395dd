#pragma once
/// Shared set-up for the personalizer tests: signed KTP-OPEN jobs (an ~7 KB
/// data set for the 8 KB card, an ~24 KB one for the 32 KB card), the
/// witness check on a card's file system, and an in-process card behind the
/// personalizer's Transmit seam.

#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "chip/personalizer.hpp"
#include "chip/profile_ktp_open.hpp"
#include "chip/sod.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"
#include "tests/unit/chip_sod/sod_fixture.hpp"
#include "tools/cardsim/card.hpp"

namespace ektp::test {

/// A data set from the sample record with a portrait of `face_bytes`, EF.SOD
/// signed by the test PKI's first document signer.
inline chip::Dataset signed_dataset(std::size_t face_bytes, std::size_t signature_bytes = 1000) {
  auto built = chip::build_dataset(chip::test::sample_input(face_bytes, signature_bytes));
  REQUIRE_MESSAGE(built.ok(), (built.ok() ? "" : built.error().message));
  chip::Dataset d = std::move(*built);
  chip::DataGroups groups;
  for (const auto& f : d.files) {
    if (f.spec.fid != 0x011E) groups[f.spec.fid & 0xFF] = f.content;
  }
  d.files.push_back(
      {*chip::find_spec("EF.SOD"), sod_by(shared_pki().document_signers.at(0), groups)});
  return d;
}

inline chip::PersoJob job_of(const chip::Dataset& d) {
  auto job = chip::prepare_job(chip::ktp_open_v1(), d);
  REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
  return std::move(*job);
}

/// The 8 KB card's job (~7 KB) and the 32 KB card's (~24 KB); made once.
inline const chip::PersoJob& job_8k() {
  static const chip::Dataset d = signed_dataset(3500);
  static const chip::PersoJob job = job_of(d);
  return job;
}
inline const chip::PersoJob& job_32k() {
  static const chip::Dataset d = signed_dataset(20000, 1000);
  static const chip::PersoJob job = job_of(d);
  return job;
}

inline std::size_t total_bytes(const chip::PersoJob& job) {
  std::size_t n = 0;
  for (const auto& c : job.contents) n += c.size();
  return n;
}

/// What the card's file system shows for the application (the witness).
struct Witness {
  bool exactly_signed = false;  ///< the application holds exactly the job's files, same content
  bool all_activated = false;   ///< every one of them operational
  bool application_activated = false;  ///< the application DF operational
  std::size_t app_files = 0;           ///< EFs in the application
  std::string why;                     ///< first difference, for failure messages
};

inline Witness witness(const cardsim::Card& card, const chip::PersoJob& job) {
  Witness w;
  const auto& files = job.profile->files();
  const std::uint16_t app = job.profile->application_fid();
  bool equal = true, active = true;
  for (const auto& info : card.files()) {
    if (info.is_df && info.path.size() == 2 && info.path[1] == app) {
      w.application_activated = info.life_cycle == 0x05;
    }
    if (info.is_df || info.path.size() != 3 || info.path[1] != app) continue;
    ++w.app_files;
    active = active && info.life_cycle == 0x05;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto c = card.file_content({0x3F00, app, files[i].fid});
    if (!c || *c != job.contents[i]) {
      if (equal) w.why = files[i].name + (c ? " differs" : " is missing");
      equal = false;
    }
  }
  w.exactly_signed = equal && w.app_files == files.size();
  w.all_activated = active && w.app_files == files.size();
  return w;
}

/// An in-process card behind the Transmit seam. A tear is the card leaving
/// the field: the seam power-cycles it (as taking it out and putting it back
/// would) and answers the host "card removed".
struct SimSeam {
  cardsim::Card card;
  std::size_t tears = 0;
  std::size_t mutes = 0;
  /// Optional host-side filter: a response to return instead of asking the card.
  std::function<std::optional<chip::Bytes>(const chip::Bytes&)> intercept;

  explicit SimSeam(cardsim::CardConfig config) : card(std::move(config)) { card.power_on(); }

  chip::Transmit transmit() {
    return [this](const chip::Bytes& apdu) -> Result<chip::Bytes> {
      if (intercept) {
        if (auto r = intercept(apdu)) return *r;
      }
      auto reaction = card.transmit(apdu);
      switch (reaction.kind) {
        case cardsim::Reaction::Kind::respond:
          return reaction.response;
        case cardsim::Reaction::Kind::tear:
          ++tears;
          card.leave_field();
          card.power_on();
          return fail("card.removed", "The card was taken out of the encoder.");
        case cardsim::Reaction::Kind::mute:
          ++mutes;
          return fail("card.not_responding", "The card does not answer.");
      }
      return fail("card.removed", "unreachable");
    };
  }

  chip::PersoOutcome run(const chip::PersoJob& job) { return chip::personalize(job, transmit()); }
};

inline cardsim::CardConfig card_8k() { return {}; }
inline cardsim::CardConfig card_32k() {
  cardsim::CardConfig c;
  c.capacity = 32768;
  c.max_ext_length = 1024;
  return c;
}

}  // namespace ektp::test
