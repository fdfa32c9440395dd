#include "daemon/face_from_record.hpp"

namespace ektp::daemon {

printer::FaceFields face_from_record(const chip::CitizenRecord& record,
                                     std::span<const std::uint8_t> photo_jpeg,
                                     std::span<const std::uint8_t> signature_jpeg) {
  printer::FaceFields f;
  f.province = record.province;
  f.regency_city = record.regency_city;
  f.nik = record.nik;
  f.name = record.name;
  f.birth_place_date = record.birth_place + ", " + record.birth_date.dmy();
  f.sex = chip::sex_text(record.sex);
  f.blood_type = record.blood_type;
  f.address = record.address;
  f.rt_rw = record.rt_rw;
  f.kelurahan_desa = record.kelurahan_desa;
  f.kecamatan = record.kecamatan;
  f.religion = record.religion;
  f.marital_status = record.marital_status;
  f.occupation = record.occupation;
  f.citizenship = record.citizenship;
  f.valid_until = record.validity_text();
  f.issue_city = record.issuing_city;
  f.issue_date = record.issue_date.dmy();
  f.can = record.can;
  f.photo_jpeg.assign(photo_jpeg.begin(), photo_jpeg.end());
  f.signature_jpeg.assign(signature_jpeg.begin(), signature_jpeg.end());
  return f;
}

printer::FaceFields face_from_bundle(const chip::VerifiedBundle& bundle) {
  return face_from_record(bundle.record, bundle.photo, bundle.signature);
}

}  // namespace ektp::daemon
