#pragma once
/// Steps of the demo (./tools/demo), the station's chain as far as it exists: a job's
/// chip data, a blank fed by the printer into its encoder, the chip personalized and
/// read back through pcscd, the face rendered from the same record, printed through
/// CUPS onto that card, and the printer simulator's witness counts. Each step prints
/// what it does and returns false on failure.

#include <filesystem>
#include <optional>

#include "tests/support/rig_env.hpp"
#include "tools/dataset/signed_dataset.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::demo {

/// What the steps share: the test PKI (also written to out/pki) and the job's data set.
struct DemoJob {
  testpki::TestPki pki;
  dataset::MadeDataset made;
  std::string chip_serial;
};

/// A generated citizen's data set and a test PKI.
std::optional<DemoJob> data_step(const std::filesystem::path& out);

/// A blank fed into the encoder by the printer, written, read back and locked through
/// pcscd; the card stays in the encoder for the face. Trace files are left in `out`.
bool card_step(const test::RigEnv& rig, const std::filesystem::path& out, DemoJob& job);

/// The face rendered from the job's record (face.pdf, face.png in `out`), printed
/// through CUPS on the card in the encoder, the card sent to the tray, and the printer
/// simulator's witness asked what it saw.
bool face_step(const test::RigEnv& rig, const std::filesystem::path& out, const DemoJob& job);

/// The station's own chain (daemon::CardStation) prints `cards` more generated citizens'
/// cards unattended from a spool in out/station (faces in station/<job>/face.pdf, .png);
/// the witness must count each face once, on its own verified chip.
bool station_step(const test::RigEnv& rig, const std::filesystem::path& out, const DemoJob& job,
                  int cards);

}  // namespace ektp::demo
