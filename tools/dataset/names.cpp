#include "tools/dataset/names.hpp"

namespace ektp::dataset {
namespace {

using chip::Sex;

// Lists of given names and family names; the combinations are fake people.
constexpr const char* kJavaneseMale[] = {
    "SUPARMAN", "SUKARDI", "BAMBANG", "SUGENG",  "WAHYU",    "JOKO",    "AGUS",
    "SLAMET",   "TEGUH",   "HERU",    "PRIYO",   "SUTRISNO", "WIDODO",  "BUDI",
    "DWI",      "TRI",     "EKO",     "GUNAWAN", "HARYANTO", "SUYANTO", "PURNOMO",
    "SETYO",    "RAHARJO", "KUSNADI", "PAIJO",   "NGADIMAN"};
constexpr const char* kJavaneseFemale[] = {
    "SRI",      "SUMARNI", "WAHYUNI",   "SUPARTI",   "ENDANG",  "RATNA",     "TUTIK",    "SITI",
    "DWI",      "TRI",     "RAHAYU",    "LESTARI",   "SUSANTI", "WULANDARI", "PURWANTI", "SRIYATUN",
    "NGATINAH", "KASIH",   "HANDAYANI", "SETYOWATI", "PUJI",    "ASTUTI",    "MULYANI",  "SUKESI"};
constexpr const char* kJavaneseSecond[] = {
    "SANTOSO", "WIBOWO",    "PRASETYO", "SETIAWAN", "NUGROHO", "HARTONO", "SUSILO",    "KURNIAWAN",
    "UTOMO",   "WIJAYANTO", "HIDAYAT",  "SAPUTRO",  "RAHAYU",  "LESTARI", "HANDAYANI", "ASTUTI"};
constexpr const char* kSundaneseMale[] = {"ASEP",   "UJANG",  "CECEP", "DEDE", "YAYAN", "DADANG",
                                          "ENDANG", "JAJANG", "UCUP",  "AANG", "ENCEP", "OMAN",
                                          "DEDI",   "ADE",    "IWAN",  "YUDI", "ROHMAT"};
constexpr const char* kSundaneseFemale[] = {"NENG",   "ENENG", "EUIS", "IMAS",  "CUCU",
                                            "NINING", "YAYAH", "ELIS", "TATI",  "NENDEN",
                                            "RIRIN",  "LILIS", "IIS",  "TITIN", "NUNUNG"};
constexpr const char* kSundaneseSecond[] = {"SUNANDAR", "SUPRIATNA", "KURNIA",     "HERMAWAN",
                                            "SUHENDAR", "MULYANA",   "NURHASANAH", "RUSTANDI",
                                            "SOLIHIN",  "SUKMAWATI", "ROSMIATI",   "KOMARUDIN"};
constexpr const char* kBatakMale[] = {"HOTMAN", "TIGOR",   "MARULI", "PARLINDUNGAN", "BONAR",
                                      "POLTAK", "SAHAT",   "BINSAR", "TUMPAL",       "JONGGI",
                                      "DAMPAK", "MANGASI", "TORANG", "ROY"};
constexpr const char* kBatakFemale[] = {"ROSMAULI", "DAME",      "BUTET",   "RUGUN",   "TIURMA",
                                        "SORTA",    "ROSLINA",   "MARIDUP", "HOTNIDA", "SONDANG",
                                        "LAMRIA",   "NURHAYATI", "MASNIARI"};
constexpr const char* kMarga[] = {
    "SIMANJUNTAK", "SIREGAR",  "NASUTION",   "HUTAPEA",  "SIAHAAN",     "PANJAITAN", "SITOMPUL",
    "HARAHAP",     "LUBIS",    "SIMATUPANG", "SINAGA",   "PANGARIBUAN", "HUTABARAT", "NAINGGOLAN",
    "SITORUS",     "TAMBUNAN", "SIHOMBING",  "MANURUNG", "SILALAHI"};
constexpr const char* kMinangMale[] = {"AZWAR", "AFRIZAL", "YULIZAR", "ERIZAL",    "ZULKIFLI",
                                       "ASRUL", "DASRIL",  "FAUZI",   "NOFRIALDI", "HENDRI"};
constexpr const char* kMinangFemale[] = {"ROSMANIAR", "YUSNIDAR", "ERNAWATI", "DESMIATI", "NURAINI",
                                         "ASMIDAR",   "YENNI",    "RAHMI",    "ELFIRA"};
constexpr const char* kMinangTitle[] = {"DATUAK RAJO INDO",  "SUTAN MUDO", "ST. MARAJO",
                                        "DT. BANDARO PUTIH", "MALIN KAYO", "SUTAN PANGERAN"};
constexpr const char* kBugisMale[] = {
    "ANDI MUHAMMAD ARIF", "ANDI BASO", "LA ODE",     "LA TENRI",     "MAPPA",
    "ANDI AMIRULLAH",     "BACO",      "SYAMSUDDIN", "ABDUL RAHMAN", "MUHAMMAD TAHIR"};
constexpr const char* kBugisFemale[] = {"ANDI TENRI",  "ANDI NURHAYATI", "WA ODE",       "HASNAH",
                                        "SITTI RAHMA", "BECCE",          "SITTI AISYAH", "NURBAYA"};
constexpr const char* kBugisSecond[] = {"DAENG MATTIRO", "DAENG NGALLE", "PATOLA", "MATTALATTA",
                                        "PAWELLANGI",    "HASANUDDIN",   "AMIR",   "MAKKASAU"};
constexpr const char* kBaliMaleOrder[] = {"WAYAN", "PUTU",   "GEDE",   "MADE",
                                          "KADEK", "NYOMAN", "KOMANG", "KETUT"};
constexpr const char* kBaliFemaleOrder[] = {"WAYAN", "PUTU",   "LUH",    "MADE",
                                            "KADEK", "NYOMAN", "KOMANG", "KETUT"};
constexpr const char* kBaliMaleGiven[] = {"SUDIRTA",         "ARTAWAN",    "SUARDANA", "WIRAWAN",
                                          "MERTA",           "SUKADANA",   "ARDANA",   "DARMAYASA",
                                          "BAGUS PRADNYANA", "ADI SAPUTRA"};
constexpr const char* kBaliFemaleGiven[] = {"AYU LESTARI", "SRIASIH",     "SUARNI",  "WIDIASTUTI",
                                            "DEWI ASTITI", "ARI PURNAMI", "SUKARMI", "RATNADI"};
constexpr const char* kChineseGiven[] = {"HENDRA", "SUSANTO", "WILLIAM", "FELIX", "ANTON",
                                         "KEVIN",  "YOHANES", "BUDIMAN", "LIEM",  "ANDREAS"};
constexpr const char* kChineseFemale[] = {"MELIANA", "LIANA",  "SUSANTI",   "JESSICA", "VERONICA",
                                          "LINDA",   "MEILIN", "CHRISTINE", "LANNY",   "FELICIA"};
constexpr const char* kChineseFamily[] = {"GUNAWAN", "TJAHJADI", "WIJAYA",  "HALIM",    "SALIM",
                                          "TANOTO",  "KUSUMA",   "SANTOSO", "HARTANTO", "SETIADI",
                                          "LIE",     "TAN",      "TJOA",    "KWEE",     "OEY"};
constexpr const char* kArabicMale[] = {
    "MUHAMMAD", "AHMAD",  "ABDUL", "ALI",    "HASAN",  "HUSEIN", "ABDULLAH", "UMAR",  "USMAN",
    "IBRAHIM",  "ISMAIL", "YUSUF", "MA'RUF", "NU'MAN", "SYARIF", "FAHMI",    "RIZKI", "ZAINAL"};
constexpr const char* kArabicMaleSecond[] = {
    "ABDURRAHMAN", "HIDAYATULLAH", "FAUZAN",    "KHOIRUL", "ANWAR",   "RAMADHAN",
    "FIRDAUS",     "BIN ABDULLAH", "AL-HABSYI", "BAFADAL", "ASSEGAF", "SHIHAB"};
constexpr const char* kArabicFemale[] = {"SITI",  "FATIMAH",  "AISYAH",   "KHADIJAH", "NUR",
                                         "ZAHRA", "SYARIFAH", "MAIMUNAH", "HALIMAH",  "RUQAYYAH",
                                         "NURUL", "ZAINAB",   "SALSABILA"};
constexpr const char* kArabicFemaleSecond[] = {
    "NURHALIZA",   "AMINAH",   "HIDAYAH",   "FITRIANI", "KHAIRUNNISA",
    "BINTI HASAN", "AL-ATTAS", "RAHMAWATI", "MAULIDA",  "ZULAIKHA"};
constexpr const char* kMinahasaGiven[] = {"FRANSISKUS", "JOHANES",   "STEVEN",    "MARTHEN",
                                          "DANIEL",     "FERDINAND", "OKTAVIANUS"};
constexpr const char* kMinahasaFemale[] = {"FRANSISKA", "MARIA",  "YOHANA", "GRACE",
                                           "DEBORA",    "MEYLAN", "NOVITA"};
constexpr const char* kMinahasaFamily[] = {"WOWOR",   "RONDONUWU", "SUMAMPOUW", "LUMENTUT",
                                           "MANOPPO", "KAUNANG",   "TAMBAYONG", "PANGEMANAN"};
constexpr const char* kPapuanGiven[] = {"YOHANES", "MARKUS", "YUNUS",   "OTNIEL",
                                        "PETRUS",  "ELISA",  "SEPERIUS"};
constexpr const char* kPapuanFemale[] = {"MARIA",     "YOSINA",  "BERTHA",
                                         "ELISABETH", "SELFINA", "ROSALINA"};
constexpr const char* kPapuanFamily[] = {"WENDA",   "KOGOYA", "RUMBIAK", "MANDOWEN",
                                         "WANIMBO", "YOMAN",  "KAFIAR",  "MAYOR"};
constexpr const char* kForeignMale[] = {
    "JOHN MICHAEL SMITH", "TAKAHASHI KENJI",     "KIM MIN-JUN",
    "RAJESH KUMAR",       "PIETER VAN DER BERG", "LEE WEI JIE",
    "AHMED AL-FARSI",     "JOSE DELA CRUZ",      "O'BRIEN PATRICK"};
constexpr const char* kForeignFemale[] = {"EMILY JANE WATSON", "SATO YUKI",       "PARK JI-YEON",
                                          "PRIYA SHARMA",      "ANNEKE DE VRIES", "NG MEI LING",
                                          "MARIA SANTOS",      "SOPHIE O'CONNOR"};

template <std::size_t A, std::size_t B>
const char* by_sex(Rng& rng, Sex sex, const char* const (&male)[A],
                   const char* const (&female)[B]) {
  return sex == Sex::male ? rng.pick(male) : rng.pick(female);
}

std::string join(const std::string& a, const std::string& b) { return b.empty() ? a : a + " " + b; }

/// Another word that fits the tradition, used to lengthen a name.
std::string extra_word(Rng& rng, Group group, Sex sex) {
  switch (group) {
    case Group::javanese:
    case Group::sundanese:
      return rng.pick(kJavaneseSecond);
    case Group::batak:
      return by_sex(rng, sex, kBatakMale, kBatakFemale);
    case Group::minang:
      return by_sex(rng, sex, kMinangMale, kMinangFemale);
    case Group::balinese:
      return sex == Sex::male ? rng.pick(kBaliMaleGiven) : rng.pick(kBaliFemaleGiven);
    case Group::chinese:
      return by_sex(rng, sex, kChineseGiven, kChineseFemale);
    case Group::minahasa:
      return by_sex(rng, sex, kMinahasaGiven, kMinahasaFemale);
    case Group::papuan:
      return by_sex(rng, sex, kPapuanGiven, kPapuanFemale);
    default:
      return sex == Sex::male ? rng.pick(kArabicMaleSecond) : rng.pick(kArabicFemaleSecond);
  }
}

}  // namespace

std::string make_name(Rng& rng, Group group, Sex sex) {
  switch (group) {
    case Group::javanese: {
      // Often a single name (SUPARMAN), sometimes two.
      std::string n = by_sex(rng, sex, kJavaneseMale, kJavaneseFemale);
      if (rng.chance(0.55)) n = join(n, rng.pick(kJavaneseSecond));
      return n;
    }
    case Group::sundanese: {
      std::string n = by_sex(rng, sex, kSundaneseMale, kSundaneseFemale);
      return rng.chance(0.8) ? join(n, rng.pick(kSundaneseSecond)) : n;
    }
    case Group::batak: {
      std::string n = by_sex(rng, sex, kBatakMale, kBatakFemale);
      if (rng.chance(0.3)) n = join(n, by_sex(rng, sex, kBatakMale, kBatakFemale));
      if (sex == Sex::female && rng.chance(0.2)) n = join(n, "BR.");  // boru
      return join(n, rng.pick(kMarga));
    }
    case Group::minang: {
      std::string n = by_sex(rng, sex, kMinangMale, kMinangFemale);
      if (sex == Sex::male && rng.chance(0.3)) return join(n, rng.pick(kMinangTitle));
      return rng.chance(0.5) ? join(n, by_sex(rng, sex, kMinangMale, kMinangFemale)) : n;
    }
    case Group::bugis: {
      std::string n = by_sex(rng, sex, kBugisMale, kBugisFemale);
      return rng.chance(0.6) ? join(n, rng.pick(kBugisSecond)) : n;
    }
    case Group::balinese: {
      // I (men) / NI (women), the birth-order name, then the given name.
      std::string n = sex == Sex::male ? std::string("I ") + rng.pick(kBaliMaleOrder)
                                       : std::string("NI ") + rng.pick(kBaliFemaleOrder);
      return join(n, sex == Sex::male ? rng.pick(kBaliMaleGiven) : rng.pick(kBaliFemaleGiven));
    }
    case Group::chinese:
      return join(by_sex(rng, sex, kChineseGiven, kChineseFemale), rng.pick(kChineseFamily));
    case Group::minahasa:
      return join(by_sex(rng, sex, kMinahasaGiven, kMinahasaFemale), rng.pick(kMinahasaFamily));
    case Group::papuan:
      return join(by_sex(rng, sex, kPapuanGiven, kPapuanFemale), rng.pick(kPapuanFamily));
    default: {
      std::string n = by_sex(rng, sex, kArabicMale, kArabicFemale);
      if (rng.chance(0.85)) {
        n = join(n, sex == Sex::male ? rng.pick(kArabicMaleSecond) : rng.pick(kArabicFemaleSecond));
      }
      return n;
    }
  }
}

std::string make_long_name(Rng& rng, Group group, Sex sex, std::size_t max_length) {
  std::string name = make_name(rng, group, sex);
  // Keep the family name / marga last: insert the extra words before it.
  const bool keep_last = group == Group::batak || group == Group::chinese ||
                         group == Group::minahasa || group == Group::papuan;
  for (int tries = 0; tries < 40 && name.size() < 50; ++tries) {
    const std::string word = extra_word(rng, group, sex);
    if (name.size() + 1 + word.size() > max_length) continue;
    if ((" " + name + " ").find(" " + word + " ") != std::string::npos) continue;  // no repeats
    const std::size_t cut = name.rfind(' ');
    if (keep_last && cut != std::string::npos) {
      name = name.substr(0, cut) + " " + word + name.substr(cut);
    } else {
      name = join(name, word);
    }
  }
  return name;
}

std::string make_foreign_name(Rng& rng, Sex sex) {
  return by_sex(rng, sex, kForeignMale, kForeignFemale);
}

}  // namespace ektp::dataset
