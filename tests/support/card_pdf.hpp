#pragma once
/// Test documents for the card printer: a one-page CR80 PDF, and its sha256.

#include <string>

namespace ektp::test {

/// Writes a one-page CR80 (53.98 x 85.6 mm) PDF to `path` titled `label`, so that two
/// calls with different labels give different files.
void write_card_pdf(const std::string& path, const std::string& label);

/// The lowercase hex sha256 of the file at `path` (throws if it cannot be read).
std::string sha256_file(const std::string& path);

}  // namespace ektp::test
