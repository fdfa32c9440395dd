#include "tools/printersim/printer.hpp"

#include <cctype>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "chip/openssl_util.hpp"
#include "tools/cardsim/hex.hpp"

namespace ektp::printersim {

namespace {

/// Every reason a print can raise, cleared when a print goes through.
constexpr const char* kClearAll =
    "-media-jam,-media-empty,-media-needed,-cover-open,-toner-empty,-marker-supply-empty";

std::string yes_no(bool value) { return value ? "yes" : "no"; }

/// A job name as a counter key: [A-Za-z0-9._-], anything else '_'; "-" for none.
std::string job_key(const std::string& job) {
  if (job.empty()) return "-";
  std::string key = job;
  for (char& c : key) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
    if (!plain) c = '_';
  }
  return key;
}

std::string utc_now() {
  char text[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

/// "blank-<serial>.img" -> serial.
std::string serial_of(const std::filesystem::path& image) {
  std::string stem = image.stem().string();
  return stem.rfind("blank-", 0) == 0 ? stem.substr(6) : stem;
}

}  // namespace

Printer::Printer(Hopper hopper, EncoderLink& encoder, SupplyMirror& supplies, FaceReader& faces)
    : hopper_(std::move(hopper)), encoder_(encoder), supplies_(supplies), faces_(faces) {}

void Printer::pause_for_slowness() const {
  if (slow_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms_));
}

Result<void> Printer::take_from_hopper() {
  if (hopper_.empty()) {
    mirror_media();
    return fail("printer.hopper_empty",
                "The card hopper is empty. Load blank cards into the printer, then continue.");
  }
  const std::filesystem::path image = hopper_.front();
  const std::string serial = serial_of(image);
  ++counters_.card_counter;
  ++counters_.feeds;

  if (jam_at_ > 0 && --jam_at_ == 0) {
    hopper_.pop();
    ++counters_.jams;
    position_ = Position::jammed;
    card_ = PathCard{serial, {}, {}};
    write_state_files();
    mirror_media();
    return fail("printer.jam",
                "A card is jammed in the printer. Open the printer, take the card out and "
                "put it with the spoiled cards (reject), then continue.");
  }
  // The encoder takes the card before it leaves the hopper's list: an encoder that
  // cannot be reached leaves the blank where it was (the counter still moved: the
  // printer did pick it, so the card is in the path).
  auto inserted = encoder_.insert_image(image);
  hopper_.pop();
  position_ = Position::at_encoder;
  card_ = PathCard{serial, {}, {}};
  if (double_feed_at_ > 0 && --double_feed_at_ == 0 && !hopper_.empty()) {
    // Two blanks stuck together: the printer notices the second and rejects it.
    hopper_.pop();
    ++counters_.card_counter;
    ++counters_.double_feeds;
    ++counters_.rejected;
    ++reject_bin_;
  }
  write_state_files();
  mirror_media();
  if (!inserted) {
    return fail("printer.refused", "The printer's encoder did not take the card (" +
                                       inserted.error().message +
                                       "). Reject the card and check the encoder.");
  }
  return ok();
}

Result<void> Printer::feed() {
  if (cover_open_) {
    return fail("printer.cover_open", "The printer's cover is open. Close it, then continue.");
  }
  if (position_ == Position::jammed) {
    return fail("printer.jam",
                "A card is jammed in the printer. Take it out (reject), then continue.");
  }
  if (position_ != Position::empty) {
    return fail("printer.card_in_path",
                "A card is already in the printer. Eject or reject it before feeding another.");
  }
  pause_for_slowness();
  delivered_ = false;
  return take_from_hopper();
}

Result<void> Printer::eject() {
  switch (position_) {
    case Position::empty:
      // The card whose face was printed last has come out by itself.
      if (delivered_) {
        delivered_ = false;
        return ok();
      }
      return fail("printer.no_card", "There is no card in the printer to eject.");
    case Position::printing:
      return fail("printer.printing", "The card's face is being printed; it comes out by itself.");
    case Position::jammed:
      return fail("printer.jam",
                  "A card is jammed in the printer. Take it out (reject), then continue.");
    case Position::at_encoder:
      break;
  }
  pause_for_slowness();
  (void)encoder_.remove();
  ++counters_.tray;
  ++counters_.tray_unprinted;
  position_ = Position::empty;
  write_state_files();
  return ok();
}

Result<void> Printer::reject() {
  if (position_ == Position::empty) {
    return fail("printer.no_card", "There is no card in the printer to reject.");
  }
  if (position_ == Position::printing) {
    return fail("printer.printing", "The card's face is being printed; wait until it is out.");
  }
  delivered_ = false;
  if (reject_bin_ >= reject_capacity_) {
    return fail("printer.reject_bin_full",
                "The printer's reject bin is full. Empty it, then continue.");
  }
  pause_for_slowness();
  if (position_ == Position::at_encoder) (void)encoder_.remove();
  ++counters_.rejected;
  ++reject_bin_;
  position_ = Position::empty;
  write_state_files();
  return ok();
}

std::string Printer::status_text() const {
  std::ostringstream out;
  out << "hopper=" << hopper_.level() << " hopper_low=" << yes_no(hopper_.level() <= kHopperLow)
      << " reject_bin=" << reject_bin_ << " reject_full=" << yes_no(reject_bin_ >= reject_capacity_)
      << " at_encoder=" << yes_no(position_ == Position::at_encoder)
      << " in_path=" << yes_no(position_ != Position::empty)
      << " printing=" << yes_no(position_ == Position::printing)
      << " jammed=" << yes_no(position_ == Position::jammed)
      << " cover_open=" << yes_no(cover_open_) << " ribbon=" << ribbon_
      << " counter=" << counters_.card_counter << " dead=" << yes_no(dead_);
  return out.str();
}

PrintStart Printer::refuse(std::string state, std::string message) {
  ++counters_.prints_refused;
  PrintStart start;
  start.state = std::move(state);
  start.message = std::move(message);
  return start;
}

PrintStart Printer::begin_print(const std::string& type, const std::filesystem::path& document,
                                const std::string& job) {
  // What the printer received, for the witness log: never the content.
  std::string fields;
  {
    auto bytes = chip::read_file(document.string(), 64u << 20);
    std::string sum = "unreadable";
    std::size_t size = 0;
    if (bytes) {
      sum = cardsim::to_hex(chip::sha256(*bytes));
      for (char& c : sum) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size = bytes->size();
    }
    fields = "sha256=" + sum + " size=" + std::to_string(size) +
             " type=" + (type.empty() ? "unknown" : type) + " job=" + job_key(job);
  }
  if (cover_open_) {
    witness_line(fields + " outcome=cover-open");
    return refuse("+cover-open", "The printer's cover is open. Close it.");
  }
  if (position_ == Position::jammed) {
    witness_line(fields + " outcome=jammed");
    return refuse("+media-jam", "The card is jammed in the printer.");
  }
  if (ribbon_ <= 0) {
    witness_line(fields + " outcome=ribbon-out");
    return refuse("+toner-empty,+marker-supply-empty", "The printer's ribbon is used up.");
  }
  if (position_ == Position::printing) {
    // The previous print's end never came (its print command was stopped): that card
    // is spoiled.
    ++counters_.prints_interrupted;
    ++counters_.rejected;
    ++reject_bin_;
    (void)encoder_.remove();
    position_ = Position::empty;
  }
  if (position_ == Position::empty) {
    if (hopper_.empty()) {
      witness_line(fields + " outcome=hopper-empty");
      mirror_media();
      return refuse("-media-jam,+media-empty,+media-needed", "The card hopper is empty.");
    }
    pause_for_slowness();
    auto fed = take_from_hopper();
    ++counters_.auto_feeds;
    if (!fed && position_ == Position::jammed) {
      witness_line(fields + " outcome=jammed");
      return refuse("+media-jam", "The card is jammed in the printer.");
    }
  }

  // The witness: the face's text against the chip, by the printer's own reading.
  std::string text;
  if (auto read = faces_.text_of(document)) text = std::move(*read);
  const Judgement judgement =
      judge_face(encoder_, trust_.get(), text, static_cast<std::int64_t>(std::time(nullptr)));
  text.assign(text.size(), '\0');  // the face's text holds personal data
  ++counters_.faces_printed;
  switch (judgement.verdict) {
    case FaceVerdict::verified:
      ++counters_.faces_verified;
      break;
    case FaceVerdict::unverified:
      ++counters_.faces_unverified;
      break;
    case FaceVerdict::wrong_chip:
      ++counters_.faces_wrong_chip;
      break;
  }
  position_ = Position::printing;
  card_.job = job;
  card_.document_line = fields + " face=" + to_string(judgement.verdict) +
                        " why=" + judgement.reason + " serial=" + card_.serial;
  PrintStart start;
  start.printing = true;
  start.seconds = print_seconds();
  start.verdict = judgement.verdict;
  start.state = kClearAll;
  return start;
}

Result<void> Printer::finish_print() {
  if (position_ != Position::printing) {
    return fail("printer.no_card", "No card is being printed.");
  }
  (void)encoder_.remove();
  ++counters_.tray;
  ++counters_.tray_by_job[job_key(card_.job)];
  position_ = Position::empty;
  delivered_ = true;
  witness_line(card_.document_line + " outcome=printed");
  write_state_files();
  return ok();
}

Result<void> Printer::load(int count) {
  auto loaded = hopper_.load(count);
  write_state_files();
  mirror_media();
  return loaded;
}

void Printer::unload() {
  hopper_.unload();
  write_state_files();
  mirror_media();
}

void Printer::set_ribbon(int percent) {
  ribbon_ = percent < 0 ? 0 : (percent > 100 ? 100 : percent);
  supplies_.ribbon_level(ribbon_);
}

void Printer::set_cover_open(bool open) { cover_open_ = open; }

void Printer::set_print_seconds(double seconds) {
  print_seconds_ = seconds;
  if (!state_dir_.empty()) std::ofstream(state_dir_ / "seconds_per_card") << seconds << "\n";
}

double Printer::print_seconds() const {
  if (!state_dir_.empty()) {
    std::ifstream in(state_dir_ / "seconds_per_card");
    double seconds = 0;
    if (in >> seconds && std::isfinite(seconds) && seconds >= 0) return seconds;
  }
  return print_seconds_;
}

Result<void> Printer::set_trust(const std::filesystem::path& csca) {
  auto bytes = chip::read_file(csca.string());
  if (!bytes) return bytes.error();
  auto cert = chip::parse_certificate(*bytes);
  if (!cert) return cert.error();
  auto store = std::make_unique<chip::TrustStore>();
  if (auto pinned = store->set_root(chip::Root::csca, std::move(*cert)); !pinned) return pinned;
  trust_ = std::move(store);
  return ok();
}

Result<void> Printer::arm(const std::string& fault, long value) {
  if (fault == "jam_at" && value > 0) {
    jam_at_ = value;
  } else if (fault == "double_feed_at" && value > 0) {
    double_feed_at_ = value;
  } else if (fault == "slow" && value >= 0 && value <= 60000) {
    slow_ms_ = value;
  } else if (fault == "dead") {
    dead_ = true;
  } else {
    return fail("printersim.bad_fault",
                "unknown fault or value: use jam_at N, double_feed_at N, slow MS (0..60000), "
                "dead");
  }
  return ok();
}

void Printer::clear_faults() {
  jam_at_ = 0;
  double_feed_at_ = 0;
  slow_ms_ = 0;
  dead_ = false;
}

void Printer::witness_line(const std::string& fields) {
  if (state_dir_.empty()) return;
  std::ofstream(state_dir_ / "received.log", std::ios::app) << utc_now() << " " << fields << "\n";
}

}  // namespace ektp::printersim
