#pragma once
/// The printer simulator's seams as the rig binds them: the card simulator's control
/// socket for the encoder, ippeveprinter's web pages for the supply levels, and
/// pdftotext for a face's text.

#include <chrono>
#include <filesystem>
#include <string>

#include "tools/printersim/seams.hpp"

namespace ektp::printersim {

/// The encoder's card through the card simulator's control socket (tools/cardsim).
class CardsimEncoder final : public EncoderLink {
 public:
  explicit CardsimEncoder(std::filesystem::path control) : control_(std::move(control)) {}
  Result<void> insert_image(const std::filesystem::path& image) override;
  Result<void> remove() override;
  Result<bool> card_present() override;
  Result<std::vector<ChipFile>> files() override;
  Result<Bytes> read(const std::vector<std::uint16_t>& path) override;

 private:
  Result<std::string> request(const std::string& line);
  std::filesystem::path control_;
  std::chrono::steady_clock::time_point last_removed_{};
};

/// The least time between a card leaving the encoder and the next one arriving.
inline constexpr std::chrono::milliseconds kCardGap{800};

/// ippeveprinter's input tray and supply levels, set through its web interface
/// (`/media`, `/supplies`): its printer-state-reasons (media-empty, media-low,
/// toner-empty, marker-supply-*) follow, and CUPS's with them. Without a host
/// (empty) nothing is mirrored. Failures are ignored (the printer may be down).
class IppSupplies final : public SupplyMirror {
 public:
  /// `host`, `port`: ippeveprinter's (e.g. localhost 8631).
  IppSupplies(std::string host, int port) : host_(std::move(host)), port_(port) {}
  void hopper_level(int cards) override;
  void ribbon_level(int percent) override;

 private:
  void get(const std::string& target);
  std::string host_;
  int port_;
};

/// A document's text through `pdftotext -q FILE -` (read from its standard output,
/// no temporary file).
class PdfToText final : public FaceReader {
 public:
  Result<std::string> text_of(const std::filesystem::path& document) override;
};

}  // namespace ektp::printersim
