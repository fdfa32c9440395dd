#pragma once
/// FaceFields: everything printed on the front of an e-KTP card, as plain
/// text and image bytes. It is the face renderer's only input, so that
/// drivers/ does not depend on chip/; the daemon fills it from the verified
/// citizen record (daemon/face_from_record.hpp), the same record as the chip's
/// DG11, DG12 and DG13.
///
/// Text is UTF-8 and printed exactly as given (upper case as on the card);
/// dates are already written as printed ("17-08-1945").

#include <cstdint>
#include <string>
#include <vector>

namespace ektp::printer {

struct FaceFields {
  std::string province;          ///< "JAWA BARAT" (printed "PROVINSI JAWA BARAT")
  std::string regency_city;      ///< "KOTA BANDUNG", second header line
  std::string nik;               ///< 16 digits
  std::string name;              ///< Nama
  std::string birth_place_date;  ///< Tempat/Tgl Lahir: "BANDUNG, 17-08-1945"
  std::string sex;               ///< Jenis Kelamin: "LAKI-LAKI" / "PEREMPUAN"
  std::string blood_type;        ///< Gol. Darah: "O", "AB+", "-"
  std::string address;           ///< Alamat (the street line)
  std::string rt_rw;             ///< RT/RW: "001/002"
  std::string kelurahan_desa;    ///< Kel/Desa
  std::string kecamatan;         ///< Kecamatan
  std::string religion;          ///< Agama
  std::string marital_status;    ///< Status Perkawinan
  std::string occupation;        ///< Pekerjaan
  std::string citizenship;       ///< Kewarganegaraan: "WNI" / "WNA"
  std::string valid_until;       ///< Berlaku Hingga: "SEUMUR HIDUP" or "17-08-2029"
  std::string issue_city;        ///< under the photo: "KOTA BANDUNG"
  std::string issue_date;        ///< under the city: "17-08-2024"
  std::string can;               ///< card access number, 6 digits, printed small

  std::vector<std::uint8_t> photo_jpeg;      ///< colour portrait, JPEG (3:4 is drawn best)
  std::vector<std::uint8_t> signature_jpeg;  ///< signature, JPEG (dark ink on white)

  friend bool operator==(const FaceFields&, const FaceFields&) = default;
};

}  // namespace ektp::printer
