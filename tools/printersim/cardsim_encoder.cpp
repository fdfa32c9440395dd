#include <sstream>
#include <thread>

#include "tools/cardsim/control_client.hpp"
#include "tools/cardsim/control_protocol.hpp"
#include "tools/cardsim/hex.hpp"
#include "tools/printersim/rig_seams.hpp"

namespace ektp::printersim {

Result<std::string> CardsimEncoder::request(const std::string& line) {
  auto client = cardsim::ControlClient::connect(control_, std::chrono::seconds(10));
  if (!client) return client.error();
  return client->request(line);
}

Result<void> CardsimEncoder::insert_image(const std::filesystem::path& image) {
  auto status = request("status");
  if (!status) return status.error();
  if (status->find("inserted=yes") != std::string::npos) {
    if (auto removed = remove(); !removed) return removed;
  }
  auto loaded = request("load " + image.string());
  if (!loaded) return loaded.error();
  // A card takes time to move: pcscd sees a card leave only when it next polls the
  // reader (pcsc-lite polls every 400 ms). A new card in the field sooner would look
  // to it like the old one still there, whose handles then fail.
  std::this_thread::sleep_until(last_removed_ + kCardGap);
  auto inserted = request("insert");
  if (!inserted) return inserted.error();
  return ok();
}

Result<void> CardsimEncoder::remove() {
  auto answer = request("remove");
  last_removed_ = std::chrono::steady_clock::now();
  if (!answer) return answer.error();
  return ok();
}

Result<bool> CardsimEncoder::card_present() {
  // "card=yes inserted=yes connected=... muted=... torn=..."
  auto answer = request("status");
  if (!answer) return answer.error();
  return answer->find("card=yes") != std::string::npos &&
         answer->find("inserted=yes") != std::string::npos;
}

Result<std::vector<ChipFile>> CardsimEncoder::files() {
  // "n=<count> <path>:<size|df>:<lcs>:<sfi> ..."
  auto answer = request("files");
  if (!answer) return answer.error();
  std::vector<ChipFile> out;
  std::istringstream words(*answer);
  std::string word;
  words >> word;  // n=
  while (words >> word) {
    const auto first = word.find(':');
    const auto second = word.find(':', first + 1);
    const auto third = word.find(':', second + 1);
    if (first == std::string::npos || second == std::string::npos || third == std::string::npos) {
      return fail("printersim.encoder", "the card simulator's file list could not be read");
    }
    auto path = cardsim::parse_fid_path(word.substr(0, first));
    auto lcs = cardsim::from_hex(word.substr(second + 1, third - second - 1));
    if (!path || !lcs || lcs->size() != 1) {
      return fail("printersim.encoder", "the card simulator's file list could not be read");
    }
    out.push_back(
        {std::move(*path), word.substr(first + 1, second - first - 1) == "df", lcs->front()});
  }
  return out;
}

Result<Bytes> CardsimEncoder::read(const std::vector<std::uint16_t>& path) {
  auto answer = request("read " + cardsim::format_fid_path(path));
  if (!answer) return answer.error();
  auto bytes = cardsim::from_hex(*answer);
  if (!bytes) return fail("printersim.encoder", "the card simulator's file content is not hex");
  return std::move(*bytes);
}

}  // namespace ektp::printersim
