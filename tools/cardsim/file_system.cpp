#include "tools/cardsim/file_system.hpp"

#include <algorithm>

namespace ektp::cardsim {

FileSystem::FileSystem() : mf_(std::make_unique<Node>()) {
  mf_->fid = kMfFid;
  mf_->is_df = true;
  mf_->life_cycle = lcs::operational;
}

Node& FileSystem::add(Node& df, std::unique_ptr<Node> node) {
  node->parent = &df;
  if (!node->is_df) node->content.resize(node->size, 0x00);
  df.children.push_back(std::move(node));
  return *df.children.back();
}

Node* FileSystem::child(const Node& df, std::uint16_t fid) {
  for (const auto& c : df.children)
    if (c->fid == fid) return c.get();
  return nullptr;
}

Node* FileSystem::child_by_sfi(const Node& df, std::uint8_t sfi) {
  if (sfi == 0) return nullptr;
  for (const auto& c : df.children)
    if (!c->is_df && c->sfi == sfi) return c.get();
  return nullptr;
}

namespace {
Node* find_aid(Node& node, std::span<const std::uint8_t> aid) {
  if (node.is_df && !node.aid.empty() && std::ranges::equal(node.aid, aid)) return &node;
  for (auto& c : node.children)
    if (Node* hit = find_aid(*c, aid)) return hit;
  return nullptr;
}

void visit_all(const Node& node, const std::function<void(const Node&)>& visit) {
  visit(node);
  for (const auto& c : node.children) visit_all(*c, visit);
}
}  // namespace

Node* FileSystem::find_by_aid(std::span<const std::uint8_t> aid) { return find_aid(*mf_, aid); }

Node* FileSystem::at(std::span<const std::uint16_t> path) {
  if (path.empty() || path[0] != kMfFid) return nullptr;
  Node* node = mf_.get();
  for (std::size_t i = 1; i < path.size() && node; ++i) node = child(*node, path[i]);
  return node;
}

const Node* FileSystem::at(std::span<const std::uint16_t> path) const {
  return const_cast<FileSystem*>(this)->at(path);
}

std::vector<std::uint16_t> FileSystem::path_of(const Node& node) {
  std::vector<std::uint16_t> path;
  for (const Node* n = &node; n; n = n->parent) path.insert(path.begin(), n->fid);
  return path;
}

std::size_t FileSystem::used_bytes() const {
  std::size_t used = 0;
  for_each([&](const Node& n) {
    if (n.parent) used += n.size + kFileOverhead;
  });
  return used;
}

void FileSystem::for_each(const std::function<void(const Node&)>& visit) const {
  visit_all(*mf_, visit);
}

}  // namespace ektp::cardsim
