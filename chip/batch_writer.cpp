// Batch file writer: the content key enveloped once to the station (CMS
// AuthEnvelopedData, AES-256-GCM), then the bundles as secretstream records.

#include <openssl/cms.h>

#include "chip/batch_file.hpp"
#include "chip/batch_format.hpp"
#include "chip/chip_messages_bundle.hpp"
#include "chip/openssl_util.hpp"

namespace ektp::chip {
namespace fmt = batch_format;

namespace {

Error write_error(const std::string& what) {
  return fail("batch.write_failed", msg::say(msg::batch_write_failed, what));
}

/// The enveloped header: CMS to the station's certificate over version|key|count.
Result<Bytes> envelope(const X509* station_cert, std::span<const std::uint8_t> plain) {
  clear_openssl_errors();
  X509StackPtr recipients(sk_X509_new_null());
  if (!recipients ||
      sk_X509_push(recipients.get(), share(const_cast<X509*>(station_cert)).release()) <= 0) {
    return write_error(msg::say(msg::batch_out_of_memory));
  }
  BioPtr in(BIO_new_mem_buf(plain.data(), static_cast<int>(plain.size())));
  CmsPtr cms(CMS_encrypt(recipients.get(), in.get(), EVP_aes_256_gcm(), CMS_BINARY));
  if (!cms) return write_error(msg::say(msg::batch_encrypt_failed, openssl_error_text()));
  const int n = i2d_CMS_ContentInfo(cms.get(), nullptr);
  if (n <= 0) return write_error(msg::say(msg::batch_header_encode));
  Bytes der(static_cast<std::size_t>(n));
  unsigned char* p = der.data();
  i2d_CMS_ContentInfo(cms.get(), &p);
  return der;
}

}  // namespace

struct BatchWriter::State {
  std::ostream* out = nullptr;
  crypto_secretstream_xchacha20poly1305_state stream{};
  std::array<std::uint8_t, 32> ad{};  // SHA-256 of the CMS header: binds records to it
  std::uint64_t declared = 0;
  std::uint64_t written = 0;
  bool finished = false;

  Result<void> put(const void* data, std::size_t n) {
    out->write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
    if (!*out) return write_error(msg::say(msg::batch_stream_failed));
    return ok();
  }
  Result<void> record(std::span<const std::uint8_t> plain, std::uint8_t tag) {
    Bytes frame(4 + plain.size() + fmt::kRecordOverhead);
    fmt::put_u32(frame.data(), static_cast<std::uint32_t>(plain.size() + fmt::kRecordOverhead));
    crypto_secretstream_xchacha20poly1305_push(&stream, frame.data() + 4, nullptr, plain.data(),
                                               plain.size(), ad.data(), ad.size(), tag);
    return put(frame.data(), frame.size());
  }
};

BatchWriter::BatchWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
BatchWriter::BatchWriter(BatchWriter&&) noexcept = default;
BatchWriter& BatchWriter::operator=(BatchWriter&&) noexcept = default;
BatchWriter::~BatchWriter() {
  if (state_) sodium_memzero(&state_->stream, sizeof state_->stream);
}

Result<BatchWriter> BatchWriter::start(std::ostream& out, const X509* station_cert,
                                       std::uint64_t count) {
  if (sodium_init() < 0) return write_error(msg::say(msg::batch_sodium_clause));
  if (count > BatchLimits::bundles) {
    return write_error(msg::say(msg::batch_more_than, BatchLimits::bundles));
  }
  std::array<std::uint8_t, fmt::kEnvelopedBytes> plain{};
  plain[0] = fmt::kVersion;
  std::uint8_t* key = plain.data() + 1;
  crypto_secretstream_xchacha20poly1305_keygen(key);
  fmt::put_u64(plain.data() + 1 + fmt::kKeyBytes, count);
  auto header = envelope(station_cert, plain);
  if (!header) {
    sodium_memzero(plain.data(), plain.size());
    return header.error();
  }
  auto state = std::make_unique<State>();
  state->out = &out;
  state->declared = count;
  state->ad = sha256(*header);
  std::array<std::uint8_t, fmt::kStreamHeaderBytes> stream_header{};
  crypto_secretstream_xchacha20poly1305_init_push(&state->stream, stream_header.data(), key);
  sodium_memzero(plain.data(), plain.size());

  std::array<std::uint8_t, 4> length{};
  fmt::put_u32(length.data(), static_cast<std::uint32_t>(header->size()));
  if (auto r = state->put(fmt::kMagic.data(), fmt::kMagic.size()); !r) return r.error();
  if (auto r = state->put(length.data(), length.size()); !r) return r.error();
  if (auto r = state->put(header->data(), header->size()); !r) return r.error();
  if (auto r = state->put(stream_header.data(), stream_header.size()); !r) return r.error();
  return BatchWriter(std::move(state));
}

Result<void> BatchWriter::add(std::span<const std::uint8_t> bundle) {
  if (state_->finished) return write_error(msg::say(msg::batch_added_after_end));
  if (bundle.size() > BatchLimits::record_bytes) {
    return write_error(msg::say(msg::batch_bundle_too_large, BatchLimits::record_bytes));
  }
  if (state_->written == state_->declared)
    return write_error(msg::say(msg::batch_more_than_declared));
  if (auto r = state_->record(bundle, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE); !r) {
    return r;
  }
  ++state_->written;
  return ok();
}

Result<void> BatchWriter::finish() {
  if (state_->finished) return ok();
  if (state_->written != state_->declared) {
    return write_error(msg::say(msg::batch_added_count, state_->written, state_->declared));
  }
  std::array<std::uint8_t, fmt::kFinalBytes> count{};
  fmt::put_u64(count.data(), state_->written);
  if (auto r = state_->record(count, crypto_secretstream_xchacha20poly1305_TAG_FINAL); !r) return r;
  state_->out->flush();
  if (!*state_->out) return write_error(msg::say(msg::batch_stream_failed));
  state_->finished = true;
  return ok();
}

}  // namespace ektp::chip
