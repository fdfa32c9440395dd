#include "chip/sod_security_object.hpp"

#include <string>

#include "chip/chip_messages_trust.hpp"
#include "chip/openssl_util.hpp"

namespace ektp::chip {

namespace {

// DER of id-sha256 without the tag and length: 2.16.840.1.101.3.4.2.1
constexpr std::uint8_t kSha256OidBody[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
constexpr int kMinGroups = 2;
constexpr int kMaxGroups = 16;

void put_length(std::vector<std::uint8_t>& out, std::size_t n) {
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n <= 0xFF) {
    out.insert(out.end(), {0x81, static_cast<std::uint8_t>(n)});
  } else {
    out.insert(out.end(), {0x82, static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  }
}

void put(std::vector<std::uint8_t>& out, std::uint8_t tag, std::span<const std::uint8_t> body) {
  out.push_back(tag);
  put_length(out, body.size());
  out.insert(out.end(), body.begin(), body.end());
}

Error malformed(const std::string& what) {
  return fail("sod.security_object_malformed", msg::say(msg::sod_list_malformed, what));
}

/// Bounded reader of one DER level.
class Der {
 public:
  explicit Der(std::span<const std::uint8_t> d) : d_(d) {}
  bool empty() const { return pos_ == d_.size(); }

  /// Read one element with `tag`; its body goes to `body`.
  Result<void> next(std::uint8_t tag, std::span<const std::uint8_t>& body, msg::Template<0> part) {
    const auto what = [part] { return msg::say(part); };
    if (d_.size() - pos_ < 2) return malformed(msg::say(msg::sod_part_truncated, what()));
    if (d_[pos_] != tag) return malformed(msg::say(msg::sod_part_tag, what()));
    std::size_t p = pos_ + 1;
    std::size_t len = d_[p++];
    if (len & 0x80) {
      std::size_t n = len & 0x7F;
      if (n == 0 || n > 2) return malformed(msg::say(msg::sod_part_length, what()));
      if (d_.size() - p < n) return malformed(msg::say(msg::sod_part_truncated, what()));
      len = 0;
      for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d_[p++];
      // DER: the shortest length form only.
      if (len < 0x80 || (n == 2 && len <= 0xFF)) {
        return malformed(msg::say(msg::sod_part_not_minimal, what()));
      }
    }
    if (d_.size() - p < len) return malformed(msg::say(msg::sod_part_truncated, what()));
    body = d_.subspan(p, len);
    pos_ = p + len;
    return ok();
  }

 private:
  std::span<const std::uint8_t> d_;
  std::size_t pos_ = 0;
};

/// A small non-negative DER INTEGER (minimal encoding).
Result<int> small_integer(std::span<const std::uint8_t> body, msg::Template<0> part) {
  const auto what = [part] { return msg::say(part); };
  if (body.empty() || body.size() > 2) return malformed(msg::say(msg::sod_part_range, what()));
  if (body[0] & 0x80) return malformed(msg::say(msg::sod_part_negative, what()));
  if (body.size() == 2 && body[0] == 0 && !(body[1] & 0x80)) {
    return malformed(msg::say(msg::sod_part_encoding, what()));
  }
  int v = 0;
  for (std::uint8_t b : body) v = (v << 8) | b;
  return v;
}

}  // namespace

DataGroupHashes hash_data_groups(const DataGroups& groups) {
  DataGroupHashes out;
  for (const auto& [number, bytes] : groups) out[number] = sha256(bytes);
  return out;
}

Result<std::vector<std::uint8_t>> encode_security_object(const DataGroupHashes& hashes) {
  if (hashes.size() < kMinGroups || hashes.size() > kMaxGroups) {
    return fail("sod.group_count", msg::say(msg::sod_group_count, hashes.size()));
  }
  std::vector<std::uint8_t> list;
  for (const auto& [number, hash] : hashes) {
    if (number < 1 || number > kMaxGroups) {
      return fail("sod.group_number", msg::say(msg::sod_group_number, number));
    }
    std::vector<std::uint8_t> entry;
    const std::uint8_t n = static_cast<std::uint8_t>(number);
    put(entry, 0x02, std::span(&n, 1));
    put(entry, 0x04, hash);
    put(list, 0x30, entry);
  }
  std::vector<std::uint8_t> alg;
  put(alg, 0x06, kSha256OidBody);
  std::vector<std::uint8_t> body;
  const std::uint8_t zero = 0;
  put(body, 0x02, std::span(&zero, 1));
  put(body, 0x30, alg);
  put(body, 0x30, list);
  std::vector<std::uint8_t> out;
  put(out, 0x30, body);
  return out;
}

Result<DataGroupHashes> parse_security_object(std::span<const std::uint8_t> der) {
  Der top(der);
  std::span<const std::uint8_t> seq;
  if (auto r = top.next(0x30, seq, msg::part_outer); !r) return r.error();
  if (!top.empty()) return malformed(msg::say(msg::sod_after_outer));

  Der fields(seq);
  std::span<const std::uint8_t> version, alg, list;
  if (auto r = fields.next(0x02, version, msg::part_version); !r) return r.error();
  auto v = small_integer(version, msg::part_version);
  if (!v) return v.error();
  if (*v != 0) {
    return fail("sod.security_object_version", msg::say(msg::sod_version, *v));
  }
  if (auto r = fields.next(0x30, alg, msg::part_algorithm); !r) return r.error();
  if (auto r = fields.next(0x30, list, msg::part_list); !r) return r.error();
  if (!fields.empty()) return malformed(msg::say(msg::sod_after_list));

  Der alg_fields(alg);
  std::span<const std::uint8_t> oid, params;
  if (auto r = alg_fields.next(0x06, oid, msg::part_algorithm_oid); !r) return r.error();
  if (!alg_fields.empty()) {  // parameters: absent, or NULL
    if (auto r = alg_fields.next(0x05, params, msg::part_algorithm_parameters); !r) {
      return r.error();
    }
    if (!params.empty() || !alg_fields.empty()) return malformed(msg::say(msg::sod_bad_parameters));
  }
  if (!std::equal(oid.begin(), oid.end(), std::begin(kSha256OidBody), std::end(kSha256OidBody))) {
    return fail("sod.hash_algorithm", msg::say(msg::sod_hash_algorithm));
  }

  DataGroupHashes out;
  Der entries(list);
  while (!entries.empty()) {
    if (out.size() == static_cast<std::size_t>(kMaxGroups))
      return malformed(msg::say(msg::sod_over_16));
    std::span<const std::uint8_t> entry, num, hash;
    if (auto r = entries.next(0x30, entry, msg::part_entry); !r) return r.error();
    Der e(entry);
    if (auto r = e.next(0x02, num, msg::part_group_number); !r) return r.error();
    if (auto r = e.next(0x04, hash, msg::part_group_hash); !r) return r.error();
    if (!e.empty()) return malformed(msg::say(msg::sod_entry_fields));
    auto n = small_integer(num, msg::part_group_number);
    if (!n) return n.error();
    if (*n < 1 || *n > kMaxGroups) {
      return malformed(msg::say(msg::sod_number_range, *n));
    }
    if (hash.size() != 32) {
      return malformed(msg::say(msg::sod_hash_size, *n, hash.size()));
    }
    if (out.count(*n)) return malformed(msg::say(msg::sod_listed_twice, *n));
    std::copy(hash.begin(), hash.end(), out[*n].begin());
  }
  if (out.size() < kMinGroups) return malformed(msg::say(msg::sod_too_few));
  return out;
}

}  // namespace ektp::chip
