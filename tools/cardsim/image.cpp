// The card image: the persistent state as JSON, written atomically.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tools/cardsim/access_rules.hpp"
#include "tools/cardsim/card_impl.hpp"
#include "tools/cardsim/hex.hpp"

namespace ektp::cardsim {

namespace {

using nlohmann::json;
constexpr const char* kFormat = "ektp-cardsim-image";
constexpr int kVersion = 1;

json node_to_json(const Node& n) {
  json j = {{"fid", to_hex(std::vector<std::uint8_t>{static_cast<std::uint8_t>(n.fid >> 8),
                                                     static_cast<std::uint8_t>(n.fid)})},
            {"df", n.is_df},
            {"aid", to_hex(n.aid)},
            {"size", n.size},
            {"sfi", n.sfi},
            {"life_cycle", n.life_cycle},
            {"security", to_hex(n.security)},
            {"content", to_hex(n.content)},
            {"children", json::array()}};
  for (const auto& c : n.children) j["children"].push_back(node_to_json(*c));
  return j;
}

/// Thrown inside this file only; load_image turns it into an Error.
struct Corrupt {
  std::string what;
};

Bytes hex_field(const json& j, const char* key) {
  auto bytes = from_hex(j.at(key).get<std::string>());
  if (!bytes) throw Corrupt{std::string("field '") + key + "' is not hex"};
  return *bytes;
}

void json_to_node(const json& j, Node& n, int depth) {
  if (depth > 8) throw Corrupt{"the file tree is deeper than a card allows"};
  Bytes fid = hex_field(j, "fid");
  if (fid.size() != 2) throw Corrupt{"a file identifier is not 2 bytes"};
  n.fid = static_cast<std::uint16_t>(fid[0] << 8 | fid[1]);
  n.is_df = j.at("df").get<bool>();
  n.aid = hex_field(j, "aid");
  n.size = j.at("size").get<std::size_t>();
  n.sfi = j.at("sfi").get<std::uint8_t>();
  n.life_cycle = j.at("life_cycle").get<std::uint8_t>();
  n.security = hex_field(j, "security");
  n.content = hex_field(j, "content");
  if (n.life_cycle != lcs::initialisation && n.life_cycle != lcs::operational)
    throw Corrupt{"a file has an unknown life cycle"};
  if (!n.security.empty() && !valid_compact_attributes(n.security))
    throw Corrupt{"a file has malformed security attributes"};
  if (n.sfi > 30 || (n.is_df && (n.sfi != 0 || !n.content.empty())))
    throw Corrupt{"a file has an invalid SFI or content"};
  if (!n.is_df && n.content.size() != n.size) throw Corrupt{"a file's content and size differ"};
  const json& children = j.at("children");
  if (!n.is_df && !children.empty()) throw Corrupt{"an EF has children"};
  std::set<std::uint16_t> fids;
  for (const json& cj : children) {
    auto child = std::make_unique<Node>();
    json_to_node(cj, *child, depth + 1);
    if (!fids.insert(child->fid).second) throw Corrupt{"two files share a file identifier"};
    child->parent = &n;
    n.children.push_back(std::move(child));
  }
}

Error io_error(const std::filesystem::path& file, const std::string& what, int error) {
  return fail("cardsim.image_io", "Could not save the card image " + file.string() + ": " + what +
                                      " (" + std::strerror(error) +
                                      "). Check that the directory exists and is writable.");
}

}  // namespace

Result<void> Card::save_image(const std::filesystem::path& file) const {
  const CardConfig& c = impl_->config;
  json image = {{"format", kFormat},
                {"version", kVersion},
                {"identity",
                 {{"serial", to_hex(c.serial)},
                  {"uid", to_hex(c.uid)},
                  {"uid_mode", c.uid_mode == CardConfig::UidMode::random ? "random" : "fixed"},
                  {"capacity", c.capacity},
                  {"ext_max", c.max_ext_length},
                  {"atr", to_hex(c.atr)}}},
                {"mf", node_to_json(impl_->fs.mf())}};
  std::string text = image.dump(1) + "\n";

  // Atomic: a temporary file in the same directory, fsync, rename, fsync the directory.
  std::filesystem::path dir = file.parent_path().empty() ? "." : file.parent_path();
  std::filesystem::path tmp =
      dir / ("." + file.filename().string() + ".tmp." + std::to_string(getpid()));
  // Mode 0600: the image holds the chip's whole content. O_EXCL after removing
  // a leftover temporary file, so that the mode is ours and not a stale file's.
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_error(file, "cannot create " + tmp.string(), errno);
  int error = 0;
  std::size_t done = 0;
  while (error == 0 && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) error = errno;
    if (n == 0) error = EIO;  // no progress and no errno: do not report a stale one
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  const char* step = "writing failed";
  if (error == 0 && ::fsync(fd) != 0) {
    error = errno;
    step = "flushing to disk failed";
  }
  // Always close; a close error counts only when nothing failed before it.
  if (::close(fd) != 0 && error == 0) {
    error = errno;
    step = "flushing to disk failed";
  }
  if (error != 0) {
    ::unlink(tmp.c_str());
    return io_error(file, step, error);
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    error = errno;
    ::unlink(tmp.c_str());
    return io_error(file, "renaming the temporary file failed", error);
  }
  // Best effort: the new image is in place; this makes the rename itself durable.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return ok();
}

Result<Card> Card::load_image(const std::filesystem::path& file, CardConfig config) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return fail("cardsim.image_unreadable", "Could not open the card image " + file.string() +
                                                ": check the path and its permissions.");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto corrupt = [&](const std::string& why) {
    return fail("cardsim.image_corrupt", "The card image " + file.string() +
                                             " is damaged or not a card image (" + why +
                                             "). Use another image or start from a blank card.");
  };
  try {
    json image = json::parse(buffer.str());
    if (image.at("format") != kFormat) return corrupt("unknown format");
    if (image.at("version") != kVersion) return corrupt("unsupported version");
    const json& id = image.at("identity");
    // The chip's identity and build come from the image; timing from `config`.
    config.serial = hex_field(id, "serial");
    config.uid = hex_field(id, "uid");
    config.uid_mode =
        id.at("uid_mode") == "random" ? CardConfig::UidMode::random : CardConfig::UidMode::fixed;
    config.capacity = id.at("capacity").get<std::size_t>();
    config.max_ext_length = id.at("ext_max").get<std::size_t>();
    config.atr = hex_field(id, "atr");
    if (config.serial.size() != 8) return corrupt("the serial is not 8 bytes");

    FileSystem fs;
    fs.mf().children.clear();
    json_to_node(image.at("mf"), fs.mf(), 0);
    if (fs.mf().fid != kMfFid || !fs.mf().is_df) return corrupt("the root is not the MF");
    if (fs.used_bytes() > config.capacity) return corrupt("the files exceed the capacity");

    Card card(config);
    card.impl_->fs = std::move(fs);
    card.impl_->reset_session();
    return card;
  } catch (const json::exception& e) {
    return corrupt(e.what());
  } catch (const Corrupt& e) {
    return corrupt(e.what);
  }
}

}  // namespace ektp::cardsim
