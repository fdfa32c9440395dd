#pragma once
/// The card's file tree: the MF (3F00), DFs and transparent EFs, each with
/// its FCP attributes and (for EFs) its EEPROM content.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace ektp::cardsim {

inline constexpr std::uint16_t kMfFid = 0x3F00;
/// EEPROM bytes every file (EF or DF, not the MF) costs besides its content:
/// header, FCP and allocation table entry, as on common chips (documented in README.md).
inline constexpr std::size_t kFileOverhead = 32;

/// Life-cycle status bytes (ISO/IEC 7816-4 §5.3.3.2, tag 8A).
namespace lcs {
inline constexpr std::uint8_t initialisation = 0x03;
inline constexpr std::uint8_t operational = 0x05;  ///< activated
}  // namespace lcs

/// One file. DFs own their children; `parent` is null only for the MF.
struct Node {
  std::uint16_t fid = 0;
  bool is_df = false;
  std::vector<std::uint8_t> aid;  ///< DF name (tag 84)
  std::size_t size = 0;           ///< EF size (tag 80)
  std::uint8_t sfi = 0;           ///< 1..30, 0 = none
  std::uint8_t life_cycle = lcs::initialisation;
  std::vector<std::uint8_t> security;  ///< tag 8C value, empty = none
  std::vector<std::uint8_t> content;   ///< EF content, always `size` bytes
  Node* parent = nullptr;
  std::vector<std::unique_ptr<Node>> children;
};

/// The tree and its queries. Nodes never move, so Node* stay valid until removed.
class FileSystem {
 public:
  FileSystem();

  Node& mf() { return *mf_; }
  const Node& mf() const { return *mf_; }

  /// Add `node` under `df` (no checks: the caller validated it).
  Node& add(Node& df, std::unique_ptr<Node> node);

  /// The child of `df` with this FID, or null.
  static Node* child(const Node& df, std::uint16_t fid);
  /// The EF of `df` with this short file identifier, or null.
  static Node* child_by_sfi(const Node& df, std::uint8_t sfi);
  /// The DF whose name equals `aid`, anywhere in the tree, or null.
  Node* find_by_aid(std::span<const std::uint8_t> aid);
  /// The file at `path` (FIDs from 3F00 down), or null.
  Node* at(std::span<const std::uint16_t> path);
  const Node* at(std::span<const std::uint16_t> path) const;

  /// FIDs from the MF down to `node`.
  static std::vector<std::uint16_t> path_of(const Node& node);

  /// EEPROM bytes used: content sizes plus kFileOverhead per file (MF excluded).
  std::size_t used_bytes() const;

  /// Visit every file, parents before children, in creation order.
  void for_each(const std::function<void(const Node&)>& visit) const;

 private:
  std::unique_ptr<Node> mf_;
};

}  // namespace ektp::cardsim
