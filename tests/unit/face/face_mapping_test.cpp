// daemon::face_from_record: the one mapping from the verified record to the
// face. Every printed field comes from the record as the chip holds it: the
// face made from the data groups read back (DG11, DG12, DG13) equals the face
// made from the job's record, the CAN apart (never on the chip).
#include <doctest/doctest.h>

#include "chip/lds_dataset.hpp"
#include "daemon/face_from_record.hpp"
#include "face_support.hpp"
#include "support/require_ok.hpp"

using namespace ektp;
using namespace ektp::facetest;

TEST_CASE("the face from the chip's data groups equals the face from the job's record") {
  for (std::uint64_t index = 0; index < 40; ++index) {
    CAPTURE(index);
    const auto m = made(index, false);
    auto back = chip::parse_dataset(m.dataset);
    REQUIRE_OK(back);
    const auto& photo = m.input.face.jpeg;
    const auto& signature = m.input.signature_jpeg;
    auto from_job = daemon::face_from_record(m.input.record, photo, signature);
    auto from_chip = daemon::face_from_record(back->record, photo, signature);
    CHECK(from_chip.can.empty());
    from_chip.can = from_job.can;
    CHECK(from_chip == from_job);
  }
}

TEST_CASE("the fields are written as the e-KTP prints them") {
  chip::CitizenRecord r = made(0, false).input.record;
  r.birth_place = "BANDUNG";
  r.birth_date = {1945, 8, 17};
  r.sex = chip::Sex::female;
  r.valid_until.reset();
  r.issue_date = {2024, 1, 2};
  const auto f = daemon::face_from_record(r, {}, {});
  CHECK(f.birth_place_date == "BANDUNG, 17-08-1945");
  CHECK(f.sex == "PEREMPUAN");
  CHECK(f.valid_until == "SEUMUR HIDUP");
  CHECK(f.issue_date == "02-01-2024");
  CHECK(f.issue_city == r.issuing_city);
  CHECK(f.can == r.can);
  r.valid_until = chip::Date{2029, 8, 17};
  CHECK(daemon::face_from_record(r, {}, {}).valid_until == "17-08-2029");
}
