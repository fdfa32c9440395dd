// Batch file reader: hostile input. Every length is bounded before anything is
// allocated; the content key is wiped when the reader goes.

#include <openssl/cms.h>

#include <string_view>

#include "chip/batch_file.hpp"
#include "chip/batch_format.hpp"
#include "chip/chip_messages_bundle.hpp"
#include "chip/openssl_util.hpp"

namespace ektp::chip {
namespace fmt = batch_format;

namespace {

Error refused(const char* code, const std::string& what) {
  const bool cut = std::string_view(code) == "batch.truncated";
  return fail(code, msg::say(cut ? msg::batch_cut : msg::batch_refused, what));
}

/// Reads exactly n bytes; false when the stream ends first.
bool read_exact(std::istream& in, void* into, std::size_t n) {
  in.read(static_cast<char*>(into), static_cast<std::streamsize>(n));
  return static_cast<std::size_t>(in.gcount()) == n;
}

Result<Bytes> open_envelope(std::span<const std::uint8_t> der, const X509* cert, EVP_PKEY* key) {
  clear_openssl_errors();
  const unsigned char* p = der.data();
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms || p != der.data() + der.size()) {
    openssl_error_text();
    return refused("batch.malformed", msg::say(msg::batch_header_unreadable));
  }
  const int type = OBJ_obj2nid(CMS_get0_type(cms.get()));
  if (type != NID_id_smime_ct_authEnvelopedData && type != NID_pkcs7_enveloped) {
    return refused("batch.malformed", msg::say(msg::batch_header_not_encrypted));
  }
  BioPtr out(BIO_new(BIO_s_mem()));
  if (CMS_decrypt(cms.get(), key, const_cast<X509*>(cert), nullptr, out.get(), CMS_BINARY) != 1) {
    openssl_error_text();
    return fail("batch.not_for_station", msg::say(msg::batch_not_for_station));
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(out.get(), &data);
  Bytes plain(data, data + (n > 0 ? n : 0));
  if (n > 0) OPENSSL_cleanse(data, static_cast<std::size_t>(n));
  return plain;
}

}  // namespace

struct BatchReader::State {
  std::unique_ptr<std::istream> in;
  crypto_secretstream_xchacha20poly1305_state stream{};
  std::array<std::uint8_t, 32> ad{};
  std::uint64_t declared = 0;
  std::uint64_t read = 0;
  bool ended = false;
  bool failed = false;
};

BatchReader::BatchReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
BatchReader::BatchReader(BatchReader&&) noexcept = default;
BatchReader& BatchReader::operator=(BatchReader&&) noexcept = default;
BatchReader::~BatchReader() {
  if (state_) sodium_memzero(&state_->stream, sizeof state_->stream);
}

Result<BatchReader> BatchReader::open(std::unique_ptr<std::istream> in, const X509* station_cert,
                                      EVP_PKEY* station_key) {
  if (sodium_init() < 0) return fail("batch.internal", msg::say(msg::batch_sodium));
  if (!in || !*in) return refused("batch.truncated", msg::say(msg::batch_unreadable));
  std::array<char, 8> magic{};
  if (!read_exact(*in, magic.data(), magic.size()) || magic != fmt::kMagic) {
    return fail("batch.not_a_batch", msg::say(msg::batch_not_a_batch));
  }
  std::array<std::uint8_t, 4> length{};
  if (!read_exact(*in, length.data(), length.size())) {
    return refused("batch.truncated", msg::say(msg::batch_cut_header));
  }
  const std::uint32_t header_size = fmt::get_u32(length.data());
  if (header_size == 0 || header_size > BatchLimits::header_bytes) {
    return refused("batch.malformed",
                   msg::say(msg::batch_header_size, header_size, BatchLimits::header_bytes));
  }
  Bytes header(header_size);
  if (!read_exact(*in, header.data(), header.size())) {
    return refused("batch.truncated", msg::say(msg::batch_cut_header));
  }
  auto plain = open_envelope(header, station_cert, station_key);
  if (!plain) return plain.error();
  struct Wipe {
    Bytes& b;
    ~Wipe() { sodium_memzero(b.data(), b.size()); }
  } wipe{*plain};
  if (plain->size() != fmt::kEnvelopedBytes || (*plain)[0] != fmt::kVersion) {
    return refused("batch.malformed", msg::say(msg::batch_header_version));
  }
  auto state = std::make_unique<State>();
  state->declared = fmt::get_u64(plain->data() + 1 + fmt::kKeyBytes);
  if (state->declared > BatchLimits::bundles) {
    return refused("batch.malformed", msg::say(msg::batch_too_many, BatchLimits::bundles));
  }
  state->ad = sha256(header);
  std::array<std::uint8_t, fmt::kStreamHeaderBytes> stream_header{};
  if (!read_exact(*in, stream_header.data(), stream_header.size())) {
    return refused("batch.truncated", msg::say(msg::batch_cut_after_header));
  }
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state->stream, stream_header.data(),
                                                      plain->data() + 1) != 0) {
    return refused("batch.damaged", msg::say(msg::batch_stream_header));
  }
  state->in = std::move(in);
  return BatchReader(std::move(state));
}

Result<std::optional<Bytes>> BatchReader::next() {
  State& s = *state_;
  if (s.failed) return refused("batch.damaged", msg::say(msg::batch_after_error));
  if (s.ended) return std::optional<Bytes>{};
  const auto stop = [&](const char* code, const std::string& what) {
    s.failed = true;
    return refused(code, msg::say(msg::batch_at_record, what, s.read + 1));
  };
  std::array<std::uint8_t, 4> length{};
  if (!read_exact(*s.in, length.data(), length.size())) {
    return stop("batch.truncated", msg::say(msg::batch_no_end_mark));
  }
  const std::uint32_t size = fmt::get_u32(length.data());
  if (size < fmt::kRecordOverhead || size > BatchLimits::record_bytes + fmt::kRecordOverhead) {
    return stop("batch.malformed", msg::say(msg::batch_record_size, size));
  }
  Bytes cipher(size);
  if (!read_exact(*s.in, cipher.data(), cipher.size())) {
    return stop("batch.truncated", msg::say(msg::batch_cut_bundle));
  }
  Bytes plain(size - fmt::kRecordOverhead);
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&s.stream, plain.data(), nullptr, &tag,
                                                 cipher.data(), cipher.size(), s.ad.data(),
                                                 s.ad.size()) != 0) {
    return stop("batch.damaged", msg::say(msg::batch_integrity));
  }
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    if (plain.size() != fmt::kFinalBytes || fmt::get_u64(plain.data()) != s.read ||
        s.read != s.declared) {
      return stop("batch.malformed", msg::say(msg::batch_count, s.read, s.declared));
    }
    if (s.in->peek() != std::char_traits<char>::eof()) {
      return stop("batch.malformed", msg::say(msg::batch_after_end));
    }
    s.ended = true;
    return std::optional<Bytes>{};
  }
  if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE || s.read == s.declared) {
    return stop("batch.malformed", msg::say(msg::batch_more_bundles));
  }
  ++s.read;
  return std::optional<Bytes>{std::move(plain)};
}

std::uint64_t BatchReader::read_count() const { return state_->read; }
std::uint64_t BatchReader::declared_count() const { return state_->declared; }

}  // namespace ektp::chip
