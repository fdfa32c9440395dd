#include "tests/unit/chip_lds/sample_data.hpp"

namespace ektp::chip::test {

CitizenRecord sample_record() {
  CitizenRecord r;
  r.province = "JAWA BARAT";
  r.regency_city = "KOTA BANDUNG";
  r.nik = "3273015708900003";  // 32 73 01, born 17-08-90 (+40: woman), serial 0003
  r.name = "SITI NURHALIZA PUTRI";
  r.birth_place = "BANDUNG";
  r.birth_date = {1990, 8, 17};
  r.sex = Sex::female;
  r.blood_type = "O";
  r.address = "JL. ASIA AFRIKA NO. 8";
  r.rt_rw = "001/002";
  r.kelurahan_desa = "BRAGA";
  r.kecamatan = "SUMUR BANDUNG";
  r.religion = "ISLAM";
  r.marital_status = "KAWIN";
  r.occupation = "KARYAWAN SWASTA";
  r.citizenship = "WNI";
  r.issuing_city = "KOTA BANDUNG";
  r.issue_date = {2024, 3, 5};
  r.can = "123456";
  return r;
}

Bytes jpeg_like(std::size_t size, unsigned seed) {
  Bytes b{0xFF, 0xD8, 0xFF, 0xE0};
  unsigned x = seed * 2654435761u + 1;
  while (b.size() + 2 < size) {
    x = x * 1103515245u + 12345u;
    b.push_back(static_cast<std::uint8_t>(x >> 16));
  }
  b.push_back(0xFF);
  b.push_back(0xD9);
  return b;
}

FingerMinutiae sample_fingers(std::size_t per_finger) {
  FingerMinutiae f;
  for (std::uint8_t pos : {kRightIndex, kLeftIndex}) {
    FingerView v;
    v.position = pos;
    v.quality = 80;
    for (std::size_t i = 0; i < per_finger; ++i) {
      Minutia m;
      m.type = static_cast<std::uint8_t>(1 + i % 2);
      m.x = static_cast<std::uint16_t>((i * 37 + pos) % f.width);
      m.y = static_cast<std::uint16_t>((i * 53 + 11) % f.height);
      m.angle = static_cast<std::uint8_t>(i * 7);
      m.quality = static_cast<std::uint8_t>(40 + i % 60);
      v.minutiae.push_back(m);
    }
    f.views.push_back(v);
  }
  return f;
}

DatasetInput sample_input(std::size_t face_bytes, std::size_t signature_bytes) {
  DatasetInput in;
  in.record = sample_record();
  in.face = {jpeg_like(face_bytes, 2), 240, 320};
  in.fingers = sample_fingers();
  in.signature_jpeg = jpeg_like(signature_bytes, 3);
  return in;
}

}  // namespace ektp::chip::test
