#pragma once
/// ektp-dataset's batch-file commands (docs/batch.md), with a test PKI folder in
/// ektp-pki's layout (ds1, js1, station, csca, jobca; tools/pki/test_pki.hpp):
///
///   ektp-dataset batch --pki DIR --count N --seed S [--start I] --out FILE
///       bundles for records I .. I+N-1 of seed S (each with its data set, face photo
///       and signature; EF.SOD by ds1, bundle by js1), encrypted to DIR/station.pem
///   ektp-dataset check-batch --pki DIR FILE
///       opens FILE with the station's key, verifies every bundle against the CSCA and
///       Job CA of DIR (and their CRLs when present) and prints one line per refusal
///       and a summary; exit 0 only when the file is whole and every bundle verifies

#include <cstdint>
#include <string>

namespace ektp::dataset {

int make_batch_command(const std::string& pki_dir, std::uint64_t seed, std::uint64_t start,
                       std::uint64_t count, const std::string& out);
int check_batch_command(const std::string& pki_dir, const std::string& file);

}  // namespace ektp::dataset
