#pragma once
/// Batch files: many job bundles carried on a USB stick while the link is down,
/// encrypted to the station's certificate and read ONE bundle at a time, so that a
/// 15,000-bundle file is never held in memory (docs/batch.md has the format).
///
///   "EKTPBAT1" | u32 H | H bytes: CMS AuthEnvelopedData (DER) to the station
///   | 24-byte secretstream header | records: u32 L | L bytes (one bundle each) | final
///
/// The CMS part carries a fresh content key once (ECDH to the station's P-256 key,
/// AES-256-GCM); the records are libsodium secretstream (XChaCha20-Poly1305) messages,
/// each authenticated and bound to its place in the stream; the last one (tag FINAL)
/// carries the bundle count, so a cut-off, reordered or spliced file is refused. The
/// encryption gives confidentiality only: every bundle is still verified on its own
/// (bundle_verify.hpp), since anybody holding the station's certificate can write a
/// batch file.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <span>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

struct BatchLimits {
  static constexpr std::size_t header_bytes = 16 * 1024;   ///< the CMS part
  static constexpr std::size_t record_bytes = 256 * 1024;  ///< one bundle (BundleLimits)
  static constexpr std::uint64_t bundles = 1'000'000;      ///< per file
};

/// Reads a batch file from a stream. Errors (codes batch.*) say what is wrong with
/// the file and what to do; nothing read before an error is taken back, so callers
/// spool each bundle on its own ("all or nothing per bundle").
class BatchReader {
 public:
  /// Reads the header and opens the content key with the station's key pair.
  /// Codes: batch.not_a_batch, batch.truncated, batch.malformed, batch.not_for_station.
  static Result<BatchReader> open(std::unique_ptr<std::istream> in, const X509* station_cert,
                                  EVP_PKEY* station_key);

  BatchReader(BatchReader&&) noexcept;
  BatchReader& operator=(BatchReader&&) noexcept;
  ~BatchReader();

  /// The next bundle (DER, not yet verified), or nullopt after the authenticated end.
  /// Codes: batch.truncated (the file ends before its end mark), batch.damaged (a record
  /// fails authentication), batch.malformed (a record too large, data after the end,
  /// a count that differs).
  Result<std::optional<Bytes>> next();

  /// Bundles read so far (the 1-based number of the last one returned).
  std::uint64_t read_count() const;
  /// The count the writer declared in the header.
  std::uint64_t declared_count() const;

 private:
  struct State;
  explicit BatchReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// Writes a batch file to a stream, one bundle at a time (central's side; the
/// central-office simulator, tests and benchmarks use it). `count` is declared up front.
class BatchWriter {
 public:
  static Result<BatchWriter> start(std::ostream& out, const X509* station_cert,
                                   std::uint64_t count);
  BatchWriter(BatchWriter&&) noexcept;
  BatchWriter& operator=(BatchWriter&&) noexcept;
  ~BatchWriter();

  Result<void> add(std::span<const std::uint8_t> bundle);
  /// Writes the end mark; refuses when the number added differs from `count`.
  Result<void> finish();

 private:
  struct State;
  explicit BatchWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ektp::chip
