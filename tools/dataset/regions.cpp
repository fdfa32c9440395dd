#include "tools/dataset/regions.hpp"

namespace ektp::dataset {
namespace {

// Kecamatan and kelurahan/desa names are real places of each regency; the
// kecamatan codes in generated NIKs are the list position, not Kemendagri's.
constexpr const char* kBandaAcehKec[] = {"BAITURRAHMAN", "KUTA ALAM", "SYIAH KUALA", "ULEE KARENG"};
constexpr const char* kBandaAcehVil[] = {"PEUNAYONG", "LAMPRIT", "KOPELMA DARUSSALAM", "LAMBHUK"};
constexpr const char* kMedanKec[] = {"MEDAN BARU", "MEDAN PETISAH", "MEDAN SUNGGAL", "MEDAN JOHOR"};
constexpr const char* kMedanVil[] = {"PADANG BULAN", "SEI PUTIH TIMUR I", "TANJUNG REJO",
                                     "GEDUNG JOHOR", "PETISAH TENGAH"};
constexpr const char* kTobaKec[] = {"BALIGE", "LAGUBOTI", "PORSEA", "SILAEN"};
constexpr const char* kTobaVil[] = {"NAPITUPULU BAGASAN", "SIBOLA HOTANGSAS", "PASAR PORSEA",
                                    "SIANTAR NARUMONDA", "HUTA NAMORA"};
constexpr const char* kPadangKec[] = {"PADANG BARAT", "PADANG UTARA", "KOTO TANGAH", "KURANJI"};
constexpr const char* kPadangVil[] = {"BELAKANG TANGSI", "AIR TAWAR BARAT", "LUBUK BUAYA",
                                      "KALUMBUK", "ULAK KARANG SELATAN"};
constexpr const char* kAgamKec[] = {"LUBUK BASUNG", "TANJUNG RAYA", "BASO", "AMPEK ANGKEK"};
constexpr const char* kAgamVil[] = {"NAGARI MANINJAU", "NAGARI KOTO TUO", "NAGARI LUBUK BASUNG",
                                    "NAGARI BATU TABA"};
constexpr const char* kPalembangKec[] = {"ILIR BARAT I", "SEBERANG ULU I", "KEMUNING", "SUKARAMI"};
constexpr const char* kPalembangVil[] = {"BUKIT LAMA", "SILABERANTI", "PIPA REJA", "KEBUN BUNGA"};
constexpr const char* kPaliKec[] = {"TALANG UBI", "PENUKAL UTARA", "ABAB", "TANAH ABANG"};
constexpr const char* kPaliVil[] = {"TALANG UBI TIMUR", "BENAKAT MINYAK", "PRAJEN JAYA",
                                    "SUKA MAJU"};
constexpr const char* kJaksel[] = {"KEBAYORAN BARU", "TEBET", "PANCORAN", "MAMPANG PRAPATAN",
                                   "CILANDAK"};
constexpr const char* kJakselVil[] = {"SENAYAN",        "MANGGARAI SELATAN", "DUREN TIGA",
                                      "KUNINGAN BARAT", "CIPETE SELATAN",    "GANDARIA UTARA"};
constexpr const char* kJakpus[] = {"GAMBIR", "MENTENG", "TANAH ABANG", "KEMAYORAN", "SAWAH BESAR"};
constexpr const char* kJakpusVil[] = {"CIDENG", "GONDANGDIA", "KEBON MELATI", "UTAN PANJANG",
                                      "PASAR BARU"};
constexpr const char* kJakbar[] = {"TAMBORA", "GROGOL PETAMBURAN", "KEBON JERUK", "CENGKARENG"};
constexpr const char* kJakbarVil[] = {"JEMBATAN LIMA", "TANJUNG DUREN UTARA", "KEDOYA SELATAN",
                                      "RAWA BUAYA"};
constexpr const char* kBandungKec[] = {"SUMUR BANDUNG", "COBLONG", "CICENDO", "BANDUNG KULON",
                                       "UJUNG BERUNG"};
constexpr const char* kBandungVil[] = {
    "BRAGA", "DAGO", "LEBAK SILIWANGI", "PASIRKALIKI", "CIGONDEWAH KALER", "PASANGGRAHAN"};
constexpr const char* kKabBandungKec[] = {"CILEUNYI", "BALEENDAH", "PANGALENGAN", "SOREANG"};
constexpr const char* kKabBandungVil[] = {"CIBIRU WETAN", "ANDIR", "MARGAMEKAR", "SADU", "CINUNUK"};
constexpr const char* kBogorKec[] = {"CIBINONG", "CITEUREUP", "CISARUA", "LEUWILIANG"};
constexpr const char* kBogorVil[] = {"PAKANSARI", "PUSPANEGARA", "TUGU SELATAN", "KAREHKEL"};
constexpr const char* kSemarangKec[] = {"SEMARANG TENGAH", "TEMBALANG", "BANYUMANIK",
                                        "GAJAHMUNGKUR"};
constexpr const char* kSemarangVil[] = {"PEKUNDEN", "BULUSAN", "SRONDOL WETAN", "BENDAN NGISOR"};
constexpr const char* kSoloKec[] = {"LAWEYAN", "SERENGAN", "PASAR KLIWON", "BANJARSARI", "JEBRES"};
constexpr const char* kSoloVil[] = {"SONDAKAN", "KRATONAN", "BALUWARTI", "KESTALAN", "PUCANGSAWIT"};
constexpr const char* kBanyumasKec[] = {"PURWOKERTO UTARA", "SOKARAJA", "AJIBARANG", "BATURRADEN"};
constexpr const char* kBanyumasVil[] = {"BANCARKEMBAR", "KARANGNANAS", "DESA PANDANSARI",
                                        "KEMUTUG LOR"};
constexpr const char* kYogyaKec[] = {"GONDOKUSUMAN", "KRATON", "MERGANGSAN", "UMBULHARJO"};
constexpr const char* kYogyaVil[] = {"TERBAN", "PATEHAN", "WIROGUNAN", "WARUNGBOTO"};
constexpr const char* kSlemanKec[] = {"DEPOK", "MLATI", "NGAGLIK", "CANGKRINGAN"};
constexpr const char* kSlemanVil[] = {"CATURTUNGGAL", "SINDUADI", "SARDONOHARJO", "UMBULHARJO",
                                      "WUKIRSARI"};
constexpr const char* kSurabayaKec[] = {"GUBENG", "TEGALSARI", "WONOKROMO", "RUNGKUT", "SUKOLILO"};
constexpr const char* kSurabayaVil[] = {"AIRLANGGA",   "KEDUNGDORO", "NGAGEL REJO",
                                        "KALIRUNGKUT", "KEPUTIH",    "MENUR PUMPUNGAN"};
constexpr const char* kMalangKec[] = {"KLOJEN", "LOWOKWARU", "BLIMBING", "SUKUN"};
constexpr const char* kMalangVil[] = {"KAUMAN", "DINOYO", "PURWANTORO", "BANDUNGREJOSARI"};
constexpr const char* kJemberKec[] = {"KALIWATES", "SUMBERSARI", "PATRANG", "AMBULU"};
constexpr const char* kJemberVil[] = {"KEPATIHAN", "TEGAL GEDE", "BARAN", "SABRANG"};
constexpr const char* kTangerangKec[] = {"TANGERANG", "KARAWACI", "CILEDUG", "CIPONDOH"};
constexpr const char* kTangerangVil[] = {"SUKASARI", "NUSAJAYA", "SUDIMARA TIMUR", "KENANGA"};
constexpr const char* kDenpasarKec[] = {"DENPASAR BARAT", "DENPASAR TIMUR", "DENPASAR SELATAN",
                                        "DENPASAR UTARA"};
constexpr const char* kDenpasarVil[] = {"DAUH PURI", "SUMERTA KAJA", "SANUR KAUH", "PEGUYANGAN"};
constexpr const char* kGianyarKec[] = {"UBUD", "SUKAWATI", "TEGALLALANG", "BLAHBATUH"};
constexpr const char* kGianyarVil[] = {"PELIATAN", "BATUBULAN", "KEDISAN", "BONA", "MAS"};
constexpr const char* kMataramKec[] = {"AMPENAN", "CAKRANEGARA", "MATARAM", "SEKARBELA"};
constexpr const char* kMataramVil[] = {"PEJERUK", "CAKRANEGARA BARAT", "PAGESANGAN", "KARANG PULE"};
constexpr const char* kKupangKec[] = {"OEBOBO", "KELAPA LIMA", "MAULAFA", "ALAK"};
constexpr const char* kKupangVil[] = {"OEBUFU", "OESAPA", "PENFUI", "NAIOLA"};
constexpr const char* kPontianakKec[] = {"PONTIANAK KOTA", "PONTIANAK BARAT", "PONTIANAK TIMUR"};
constexpr const char* kPontianakVil[] = {"DARAT SEKIP", "SUNGAI BANGKONG", "TAMBELAN SAMPIT",
                                         "SUNGAI JAWI"};
constexpr const char* kSingkawangKec[] = {"SINGKAWANG BARAT", "SINGKAWANG TENGAH",
                                          "SINGKAWANG TIMUR"};
constexpr const char* kSingkawangVil[] = {"PASIRAN", "ROBAN", "BUKIT BATU", "NYARUMKOP"};
constexpr const char* kSamarindaKec[] = {"SAMARINDA ULU", "SAMARINDA SEBERANG", "SUNGAI KUNJANG"};
constexpr const char* kSamarindaVil[] = {"AIR PUTIH", "SUNGAI KELEDANG", "KARANG ASAM ULU"};
constexpr const char* kManadoKec[] = {"WENANG", "MALALAYANG", "SARIO", "TIKALA", "WANEA"};
constexpr const char* kManadoVil[] = {"WENANG UTARA", "BAHU", "TITIWUNGEN SELATAN", "PAAL IV",
                                      "TELING ATAS"};
constexpr const char* kMakassarKec[] = {"UJUNG PANDANG", "MARISO", "TAMALATE", "PANAKKUKANG",
                                        "BIRINGKANAYA"};
constexpr const char* kMakassarVil[] = {"LOSARI", "LETTE", "MANGASA", "KARUWISI UTARA",
                                        "PACCERAKKANG"};
constexpr const char* kBoneKec[] = {"TANETE RIATTANG", "BAREBBO", "PALAKKA", "SIBULUE"};
constexpr const char* kBoneVil[] = {"WATAMPONE", "BIRU", "MACANANG", "BULU TEMPE"};
constexpr const char* kJayapuraKec[] = {"JAYAPURA UTARA", "ABEPURA", "HERAM", "MUARA TAMI"};
constexpr const char* kJayapuraVil[] = {"BHAYANGKARA", "KOTA BARU", "WAENA", "SKOUW MABO"};

constexpr Regency kAceh[] = {{71, "KOTA BANDA ACEH", kBandaAcehKec, kBandaAcehVil}};
constexpr Regency kSumut[] = {{71, "KOTA MEDAN", kMedanKec, kMedanVil},
                              {12, "KABUPATEN TOBA", kTobaKec, kTobaVil}};
constexpr Regency kSumbar[] = {{71, "KOTA PADANG", kPadangKec, kPadangVil},
                               {6, "KABUPATEN AGAM", kAgamKec, kAgamVil}};
// PALI: one of the longest regency names (36 characters).
constexpr Regency kSumsel[] = {{71, "KOTA PALEMBANG", kPalembangKec, kPalembangVil},
                               {12, "KABUPATEN PENUKAL ABAB LEMATANG ILIR", kPaliKec, kPaliVil}};
constexpr Regency kJakarta[] = {{71, "KOTA ADM. JAKARTA SELATAN", kJaksel, kJakselVil},
                                {73, "KOTA ADM. JAKARTA PUSAT", kJakpus, kJakpusVil},
                                {74, "KOTA ADM. JAKARTA BARAT", kJakbar, kJakbarVil}};
constexpr Regency kJabar[] = {{73, "KOTA BANDUNG", kBandungKec, kBandungVil},
                              {4, "KABUPATEN BANDUNG", kKabBandungKec, kKabBandungVil},
                              {1, "KABUPATEN BOGOR", kBogorKec, kBogorVil}};
constexpr Regency kJateng[] = {{74, "KOTA SEMARANG", kSemarangKec, kSemarangVil},
                               {72, "KOTA SURAKARTA", kSoloKec, kSoloVil},
                               {2, "KABUPATEN BANYUMAS", kBanyumasKec, kBanyumasVil}};
constexpr Regency kDiy[] = {{71, "KOTA YOGYAKARTA", kYogyaKec, kYogyaVil},
                            {4, "KABUPATEN SLEMAN", kSlemanKec, kSlemanVil}};
constexpr Regency kJatim[] = {{78, "KOTA SURABAYA", kSurabayaKec, kSurabayaVil},
                              {73, "KOTA MALANG", kMalangKec, kMalangVil},
                              {9, "KABUPATEN JEMBER", kJemberKec, kJemberVil}};
constexpr Regency kBanten[] = {{71, "KOTA TANGERANG", kTangerangKec, kTangerangVil}};
constexpr Regency kBali[] = {{71, "KOTA DENPASAR", kDenpasarKec, kDenpasarVil},
                             {4, "KABUPATEN GIANYAR", kGianyarKec, kGianyarVil}};
constexpr Regency kNtb[] = {{71, "KOTA MATARAM", kMataramKec, kMataramVil}};
constexpr Regency kNtt[] = {{71, "KOTA KUPANG", kKupangKec, kKupangVil}};
constexpr Regency kKalbar[] = {{71, "KOTA PONTIANAK", kPontianakKec, kPontianakVil},
                               {72, "KOTA SINGKAWANG", kSingkawangKec, kSingkawangVil}};
constexpr Regency kKaltim[] = {{72, "KOTA SAMARINDA", kSamarindaKec, kSamarindaVil}};
constexpr Regency kSulut[] = {{71, "KOTA MANADO", kManadoKec, kManadoVil}};
constexpr Regency kSulsel[] = {{71, "KOTA MAKASSAR", kMakassarKec, kMakassarVil},
                               {8, "KABUPATEN BONE", kBoneKec, kBoneVil}};
constexpr Regency kPapua[] = {{71, "KOTA JAYAPURA", kJayapuraKec, kJayapuraVil}};

// Group weights: javanese, sundanese, batak, minang, bugis, balinese, chinese,
// arabic, minahasa, papuan.
constexpr Province kProvinces[] = {
    {11, "ACEH", kAceh, {2, 0, 2, 1, 0, 0, 1, 30, 0, 0}, 3},
    {12, "SUMATERA UTARA", kSumut, {8, 0, 40, 3, 0, 0, 8, 10, 0, 0}, 8},
    {13, "SUMATERA BARAT", kSumbar, {3, 0, 2, 40, 0, 0, 2, 10, 0, 0}, 4},
    {16, "SUMATERA SELATAN", kSumsel, {15, 1, 1, 3, 0, 0, 3, 20, 0, 0}, 4},
    {31, "DKI JAKARTA", kJakarta, {20, 10, 5, 5, 2, 1, 8, 15, 2, 1}, 8},
    {32, "JAWA BARAT", kJabar, {10, 40, 2, 2, 1, 0, 3, 15, 1, 0}, 14},
    {33, "JAWA TENGAH", kJateng, {50, 2, 1, 1, 0, 0, 3, 12, 0, 0}, 12},
    {34, "DAERAH ISTIMEWA YOGYAKARTA", kDiy, {50, 2, 1, 1, 0, 1, 2, 8, 1, 1}, 3},
    {35, "JAWA TIMUR", kJatim, {50, 1, 1, 1, 1, 1, 4, 15, 0, 0}, 14},
    {36, "BANTEN", kBanten, {10, 25, 2, 2, 1, 0, 6, 15, 0, 0}, 4},
    {51, "BALI", kBali, {4, 0, 0, 0, 0, 40, 1, 3, 0, 0}, 3},
    {52, "NUSA TENGGARA BARAT", kNtb, {5, 0, 0, 0, 2, 6, 1, 30, 0, 0}, 2},
    {53, "NUSA TENGGARA TIMUR", kNtt, {3, 0, 1, 0, 2, 1, 1, 4, 5, 8}, 2},
    {61, "KALIMANTAN BARAT", kKalbar, {10, 1, 1, 1, 2, 0, 20, 15, 0, 0}, 3},
    {64, "KALIMANTAN TIMUR", kKaltim, {25, 2, 2, 2, 10, 1, 3, 15, 1, 0}, 2},
    {71, "SULAWESI UTARA", kSulut, {3, 0, 0, 0, 2, 0, 3, 5, 40, 0}, 2},
    {73, "SULAWESI SELATAN", kSulsel, {3, 0, 0, 0, 40, 0, 3, 12, 1, 0}, 5},
    {91, "PAPUA", kPapua, {8, 0, 2, 1, 5, 0, 1, 5, 3, 30}, 2},
};

constexpr const char* kStreets[] = {"MERDEKA",
                                    "SUDIRMAN",
                                    "JENDERAL AHMAD YANI",
                                    "DIPONEGORO",
                                    "PAHLAWAN",
                                    "GAJAH MADA",
                                    "HAYAM WURUK",
                                    "KH. AHMAD DAHLAN",
                                    "RA. KARTINI",
                                    "CUT NYAK DIEN",
                                    "IMAM BONJOL",
                                    "TEUKU UMAR",
                                    "PANGERAN ANTASARI",
                                    "SISINGAMANGARAJA",
                                    "SAM RATULANGI",
                                    "MELATI",
                                    "KENANGA",
                                    "MAWAR",
                                    "ANGGREK",
                                    "FLAMBOYAN",
                                    "NANGKA",
                                    "RAMBUTAN",
                                    "MANGGA DUA",
                                    "KEBON JERUK",
                                    "PASAR BARU",
                                    "RAYA BOGOR",
                                    "LINGKAR SELATAN",
                                    "SULTAN HASANUDDIN",
                                    "DR. WAHIDIN SUDIROHUSODO",
                                    "LETJEN S. PARMAN",
                                    "MAYJEN SUNGKONO",
                                    "BRIGJEN KATAMSO",
                                    "KAPTEN PIERRE TENDEAN"};
constexpr const char* kHamlets[] = {"KRAJAN",    "SUKAMAJU", "KARANGANYAR", "SIDOMULYO",
                                    "TEGALREJO", "WONOSARI", "BANJARSARI",  "SUMBERAGUNG",
                                    "CIKOPO",    "BABAKAN"};
constexpr const char* kEstates[] = {"PERUMAHAN GRIYA ASRI PERMAI",        "PERUM BUMI INDAH",
                                    "KOMPLEK PERUMAHAN TAMAN SARI",       "PERUMNAS KLENDER",
                                    "KOMPLEK TNI AU HALIM PERDANAKUSUMA", "VILLA NUSA INDAH"};
constexpr const char* kForeign[] = {"TOKYO",   "SEOUL",     "KUALA LUMPUR", "SINGAPURA",
                                    "MANILA",  "AMSTERDAM", "MELBOURNE",    "NEW DELHI",
                                    "BEIJING", "CHICAGO",   "RIYADH",       "LONDON"};

}  // namespace

std::span<const Province> provinces() { return kProvinces; }
std::span<const char* const> street_names() { return kStreets; }
std::span<const char* const> hamlet_names() { return kHamlets; }
std::span<const char* const> estate_names() { return kEstates; }
std::span<const char* const> foreign_birth_places() { return kForeign; }

}  // namespace ektp::dataset
