// One file per sealed bundle, written atomically (see blob_store.hpp).
#include "spool/blob_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "spool/spool_messages_files.hpp"

namespace ektp::spool {

namespace {

constexpr std::string_view kSuffix = ".pack";
constexpr std::string_view kTempSuffix = ".pack.tmp";
constexpr std::size_t kNameHex = 32;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error io_error(texts::Template<0> what, const std::filesystem::path& where, int err) {
  const std::string why = std::strerror(err);
  auto advice = texts::advice_check_disk;
  if (err == ENOSPC || err == EDQUOT)
    advice = texts::advice_disk_full;
  else if (err == EROFS || err == EACCES || err == EPERM)
    advice = texts::advice_not_writable;
  return fail("spool.blob_io", texts::say(texts::file_io, texts::say(what), where.string(), why,
                                          texts::say(advice)));
}

std::string new_pack_name() {
  if (sodium_init() < 0) std::abort();
  std::array<unsigned char, kNameHex / 2> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, kNameHex + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  return std::string(hex.data(), kNameHex) + std::string(kSuffix);
}

bool is_pack_name(std::string_view name) {
  if (name.size() != kNameHex + kSuffix.size() || name.substr(kNameHex) != kSuffix) return false;
  for (std::size_t i = 0; i < kNameHex; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

std::optional<std::uint64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

Result<void> write_all(int fd, std::span<const std::uint8_t> bytes,
                       const std::filesystem::path& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(texts::do_write, path, errno);
    done += static_cast<std::size_t>(n);
  }
  return ok();
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

BlobStore::BlobStore(const std::filesystem::path& store_path)
    : dir_(store_path.parent_path() / (store_path.filename().string() + "-blobs")) {}

std::optional<BlobStore::Ref> BlobStore::parse(std::string_view ref) {
  const auto first = ref.find(':');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = ref.find(':', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto pack = ref.substr(0, first);
  const auto offset = parse_number(ref.substr(first + 1, second - first - 1));
  const auto length = parse_number(ref.substr(second + 1));
  if (!is_pack_name(pack) || !offset || !length) return std::nullopt;
  return Ref{std::string(pack), *offset, *length};
}

Result<void> BlobStore::ensure_dir() {
  if (::mkdir(dir_.c_str(), 0700) == 0) {
    // A new directory: make its entry in the parent durable too.
    Fd parent(::open(dir_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (parent.fd < 0 || ::fsync(parent.fd) != 0)
      return io_error(texts::do_save_directory, dir_.parent_path(), errno);
    return ok();
  }
  if (errno == EEXIST) return ok();
  return io_error(texts::do_make_directory, dir_, errno);
}

Result<void> BlobStore::sync_dir() {
  Fd d(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.fd < 0 && errno == ENOENT) return ok();  // no blob was ever stored
  if (d.fd < 0 || ::fsync(d.fd) != 0) return io_error(texts::do_save_directory, dir_, errno);
  return ok();
}

BlobStore::Plan BlobStore::plan(std::span<const std::span<const std::uint8_t>> blobs) {
  Plan p;
  p.pack = new_pack_name();
  std::uint64_t offset = 0;
  for (const auto& blob : blobs) {
    p.refs.push_back(p.pack + ":" + std::to_string(offset) + ":" + std::to_string(blob.size()));
    offset += blob.size();
  }
  return p;
}

Result<std::vector<std::string>> BlobStore::write(
    std::span<const std::span<const std::uint8_t>> blobs) {
  if (blobs.empty()) return std::vector<std::string>{};
  Plan p = plan(blobs);
  if (auto w = write_pack(p, blobs); !w) return w.error();
  return std::move(p.refs);
}

Result<void> BlobStore::write_pack(const Plan& p,
                                   std::span<const std::span<const std::uint8_t>> blobs) {
  if (auto r = ensure_dir(); !r) return r;
  const auto temp = dir_ / (p.pack.substr(0, kNameHex) + std::string(kTempSuffix));
  {
    Fd f(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (f.fd < 0) return io_error(texts::do_write_job_file, temp, errno);
    Result<void> w = ok();
    for (const auto& blob : blobs) {
      w = write_all(f.fd, blob, temp);
      if (!w) break;
    }
    if (w && ::fsync(f.fd) != 0) w = io_error(texts::do_save, temp, errno);
    if (!w) {
      ::unlink(temp.c_str());
      return w;
    }
  }
  if (::rename(temp.c_str(), (dir_ / p.pack).c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error(texts::do_store_job_file, dir_ / p.pack, err);
  }
  if (auto s = sync_dir(); !s) {
    ::unlink((dir_ / p.pack).c_str());
    return s;
  }
  return ok();
}

Result<std::vector<std::uint8_t>> BlobStore::read(const std::string& ref) const {
  const auto r = parse(ref);
  if (!r) return fail("spool.blob_missing", texts::say(texts::no_file_reference));
  const auto path = dir_ / r->pack;
  Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) {
    if (errno == ENOENT)
      return fail("spool.blob_missing", texts::say(texts::job_file_missing, path.string()));
    return io_error(texts::do_read, path, errno);
  }
  std::vector<std::uint8_t> out(r->length);
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(f.fd, out.data() + done, out.size() - done, static_cast<off_t>(r->offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(texts::do_read, path, errno);
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);  // a short file: the tag check refuses it
  return out;
}

Result<void> BlobStore::zero(std::span<const std::string> refs) {
  // Grouped by pack: one open and one sync per pack.
  std::vector<Ref> parsed;
  for (const auto& ref : refs)
    if (auto r = parse(ref)) parsed.push_back(*r);
  std::sort(parsed.begin(), parsed.end(),
            [](const Ref& a, const Ref& b) { return a.pack < b.pack; });
  for (std::size_t i = 0; i < parsed.size();) {
    const auto path = dir_ / parsed[i].pack;
    std::size_t j = i;
    while (j < parsed.size() && parsed[j].pack == parsed[i].pack) ++j;
    Fd f(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (f.fd < 0 && errno != ENOENT) return io_error(texts::do_erase, path, errno);
    if (f.fd >= 0) {
      for (std::size_t k = i; k < j; ++k) {
        const std::vector<std::uint8_t> zeros(parsed[k].length, 0);
        std::size_t done = 0;
        while (done < zeros.size()) {
          const ssize_t n = ::pwrite(f.fd, zeros.data() + done, zeros.size() - done,
                                     static_cast<off_t>(parsed[k].offset + done));
          if (n < 0 && errno == EINTR) continue;
          if (n < 0) return io_error(texts::do_erase, path, errno);
          done += static_cast<std::size_t>(n);
        }
      }
      if (::fdatasync(f.fd) != 0) return io_error(texts::do_erase, path, errno);
    }
    i = j;
  }
  return ok();
}

Result<void> BlobStore::remove_pack(const std::string& pack) {
  if (!is_pack_name(pack)) return ok();
  if (::unlink((dir_ / pack).c_str()) != 0 && errno != ENOENT)
    return io_error(texts::do_erase, dir_ / pack, errno);
  return sync_dir();
}

Result<std::vector<std::string>> BlobStore::list_packs() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::exists(dir_, ec)) return out;
  for (std::filesystem::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_pack_name(name)) out.push_back(name);
  }
  if (ec) return io_error(texts::do_list, dir_, ec.value());
  return out;
}

Result<int> BlobStore::remove_temp_files() {
  int removed = 0;
  std::error_code ec;
  if (!std::filesystem::exists(dir_, ec)) return 0;
  std::vector<std::filesystem::path> temps;
  for (std::filesystem::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
    if (ends_with(it->path().filename().string(), kTempSuffix)) temps.push_back(it->path());
  if (ec) return io_error(texts::do_list, dir_, ec.value());
  for (const auto& t : temps) {
    if (::unlink(t.c_str()) != 0 && errno != ENOENT) return io_error(texts::do_remove, t, errno);
    ++removed;
  }
  return removed;
}

}  // namespace ektp::spool
