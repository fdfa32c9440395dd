#include "tools/dataset/record_generator.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "tools/dataset/names.hpp"
#include "tools/dataset/regions.hpp"
#include "tools/dataset/rng.hpp"

namespace ektp::dataset {
namespace {

using chip::CitizenRecord;
using chip::Date;
using chip::Sex;

constexpr const char* kOccupations[] = {"BELUM/TIDAK BEKERJA",
                                        "MENGURUS RUMAH TANGGA",
                                        "PELAJAR/MAHASISWA",
                                        "PENSIUNAN",
                                        "PEGAWAI NEGERI SIPIL (PNS)",
                                        "TENTARA NASIONAL INDONESIA (TNI)",
                                        "KEPOLISIAN RI (POLRI)",
                                        "PERDAGANGAN",
                                        "PETANI/PEKEBUN",
                                        "PETERNAK",
                                        "NELAYAN/PERIKANAN",
                                        "KARYAWAN SWASTA",
                                        "KARYAWAN BUMN",
                                        "BURUH HARIAN LEPAS",
                                        "BURUH TANI/PERKEBUNAN",
                                        "GURU",
                                        "DOSEN",
                                        "DOKTER",
                                        "BIDAN",
                                        "PERAWAT",
                                        "WIRASWASTA",
                                        "SOPIR",
                                        "PEDAGANG",
                                        "TUKANG BATU",
                                        "TUKANG JAHIT",
                                        "PENDETA",
                                        "USTADZ/MUBALIGH",
                                        "WARTAWAN",
                                        "ARSITEK",
                                        "PELAUT",
                                        "MEKANIK",
                                        "ANGGOTA DPRD KABUPATEN/KOTA",
                                        "KARYAWAN HONORER",
                                        "PERANGKAT DESA"};

std::string pad(int v, int width) {
  char b[16];
  std::snprintf(b, sizeof b, "%0*d", width, v);
  return b;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

Date random_date(Rng& rng, int year_from, int year_to) {
  Date d;
  d.year = rng.between(year_from, year_to);
  d.month = rng.between(1, 12);
  d.day = rng.between(1, days_in_month(d.year, d.month));
  return d;
}

/// `d` moved by `years`, 29 February becoming 28 February in other years.
Date plus_years(Date d, int years) {
  d.year += years;
  if (d.month == 2 && d.day == 29 && days_in_month(d.year, 2) == 28) d.day = 28;
  return d;
}

std::string religion_for(Rng& rng, Group group) {
  // Indices into chip::kReligions: ISLAM, KRISTEN, KATOLIK, HINDU, BUDDHA,
  // KHONGHUCU, KEPERCAYAAN TERHADAP TUHAN YME.
  std::size_t i = 0;
  switch (group) {
    case Group::balinese:
      i = rng.weighted({3, 2, 1, 90, 2, 0, 2});
      break;
    case Group::chinese:
      i = rng.weighted({5, 30, 20, 0, 35, 10, 0});
      break;
    case Group::batak:
      i = rng.weighted({25, 50, 20, 0, 0, 0, 5});
      break;
    case Group::minahasa:
      i = rng.weighted({8, 70, 20, 0, 1, 0, 1});
      break;
    case Group::papuan:
      i = rng.weighted({8, 60, 30, 0, 0, 0, 2});
      break;
    case Group::javanese:
      i = rng.weighted({85, 5, 4, 1, 1, 0, 4});
      break;
    case Group::sundanese:
      i = rng.weighted({94, 2, 1, 0, 0, 0, 3});
      break;
    default:
      i = rng.weighted({96, 1, 1, 0, 0, 0, 2});
      break;
  }
  return chip::kReligions[i];
}

std::string blood_type(Rng& rng) {
  // Many cards print "-" (not known); the rest skewed like Indonesia's O/B/A/AB.
  static constexpr const char* kPlain[] = {"O", "B", "A", "AB"};
  const std::size_t kind = rng.weighted({30, 40, 25, 5});  // "-", plain, "+", "-" suffix
  const std::size_t type = rng.weighted({38, 29, 26, 7});
  if (kind == 0) return "-";
  std::string t = kPlain[type];
  if (kind == 2) t += "+";
  if (kind == 3) t += "-";
  return t;
}

std::string marital_status(Rng& rng, int age) {
  // BELUM KAWIN, KAWIN, CERAI HIDUP, CERAI MATI
  std::size_t i = 0;
  if (age < 22)
    i = rng.weighted({85, 14, 1, 0});
  else if (age < 30)
    i = rng.weighted({40, 55, 4, 1});
  else if (age < 60)
    i = rng.weighted({6, 80, 8, 6});
  else
    i = rng.weighted({2, 60, 8, 30});
  return chip::kMaritalStatuses[i];
}

std::string occupation(Rng& rng, int age) {
  if (age < 23 && rng.chance(0.6)) return "PELAJAR/MAHASISWA";
  if (age >= 60 && rng.chance(0.5)) return "PENSIUNAN";
  return rng.pick(kOccupations);
}

/// A street address as printed on the first address line.
std::string address(Rng& rng, const Regency& regency, bool long_form) {
  const std::string no = " NO. " + std::to_string(rng.between(1, 250));
  std::string a;
  switch (rng.weighted({45, 20, 15, 12, 8})) {
    case 0:
      a = std::string("JL. ") + rng.pick(street_names()) + no;
      break;
    case 1:
      a = std::string("GG. ") + rng.pick(street_names()) +
          (rng.chance(0.5) ? " " + std::to_string(rng.between(1, 9)) : "") + no;
      break;
    case 2:
      a = std::string("DUSUN ") + rng.pick(hamlet_names());
      break;
    case 3: {
      const char block = static_cast<char>('A' + rng.below(8));
      a = std::string(rng.pick(estate_names())) + " BLOK " + block +
          std::to_string(rng.between(1, 20)) + no;
      break;
    }
    default:
      a = std::string("KP. ") + rng.pick(hamlet_names());
      break;
  }
  if (long_form) {
    // Lengthen with the kind of detail people write: estate, block, landmark.
    const std::string parts[] = {
        std::string(" ") + rng.pick(estate_names()),
        " BLOK " + std::string(1, static_cast<char>('A' + rng.below(8))) +
            std::to_string(rng.between(1, 30)),
        std::string(" DEPAN MASJID JAMI ") + rng.pick(hamlet_names()),
        std::string(" BELAKANG PASAR ") + rng.pick(street_names()),
        std::string(" SAMPING KANTOR KELURAHAN ") + rng.pick(regency.villages),
        " LANTAI " + std::to_string(rng.between(2, 9)) + " KAMAR " +
            std::to_string(rng.between(1, 40))};
    bool used[std::size(parts)] = {};
    for (int tries = 0; tries < 30 && a.size() < 90; ++tries) {
      const std::size_t k = rng.below(std::size(parts));
      if (used[k] || a.size() + parts[k].size() > chip::FieldLimits::address) continue;
      used[k] = true;
      a += parts[k];
    }
  }
  return a;
}

}  // namespace

CitizenRecord generate_record(std::uint64_t seed, std::uint64_t index) {
  Rng rng(seed, index);
  CitizenRecord r;

  std::vector<int> weights;
  for (const auto& p : provinces()) weights.push_back(p.population_weight);
  int total = 0;
  for (int w : weights) total += w;
  int roll = rng.between(0, total - 1);
  std::size_t pi = 0;
  while (roll >= weights[pi]) roll -= weights[pi++];
  const Province& province = provinces()[pi];
  const Regency& regency = rng.pick(province.regencies);
  const std::size_t kec = rng.below(regency.kecamatan.size());

  // Naming tradition, weighted by the province's residents.
  int group_total = 0;
  for (int w : province.group_weights) group_total += w;
  int g = rng.between(0, group_total - 1);
  std::size_t gi = 0;
  while (g >= province.group_weights[gi]) g -= province.group_weights[gi++];
  const Group group = static_cast<Group>(gi);

  r.sex = rng.chance(0.5) ? Sex::male : Sex::female;
  const bool foreign = rng.chance(0.03);
  if (foreign) {
    r.name = make_foreign_name(rng, r.sex);
  } else if (rng.chance(0.05)) {
    r.name = make_long_name(rng, group, r.sex);
  } else {
    r.name = make_name(rng, group, r.sex);
  }

  r.issue_date = random_date(rng, 2015, 2025);
  const int age = rng.chance(0.15) ? rng.between(17, 21) : rng.between(17, 90);
  r.birth_date = random_date(rng, r.issue_date.year - age - 1, r.issue_date.year - age - 1);
  if (r.birth_date.year < 1900) r.birth_date.year = 1900;

  r.province = province.name;
  r.regency_city = regency.name;
  r.issuing_city = regency.name;
  r.kecamatan = regency.kecamatan[kec];
  r.kelurahan_desa = rng.pick(regency.villages);
  r.address = address(rng, regency, rng.chance(0.05));
  r.rt_rw = pad(rng.between(1, 20), 3) + "/" + pad(rng.between(1, 15), 3);
  if (foreign) {
    r.birth_place = rng.pick(foreign_birth_places());
  } else if (rng.chance(0.7)) {
    // Born where they live, printed without KOTA/KABUPATEN.
    std::string place = regency.name;
    for (const char* prefix : {"KOTA ADM. ", "KOTA ", "KABUPATEN "}) {
      const std::string p = prefix;
      if (place.rfind(p, 0) == 0) {
        place = place.substr(p.size());
        break;
      }
    }
    r.birth_place = place;
  } else {
    r.birth_place = rng.pick(regency.villages);
  }

  r.religion = religion_for(rng, group);
  r.marital_status = marital_status(rng, age);
  r.blood_type = blood_type(rng);
  r.occupation = occupation(rng, age);
  r.citizenship = foreign ? "WNA" : "WNI";
  if (foreign) {
    r.valid_until = plus_years(r.issue_date, rng.between(1, 5));  // the residence permit
  } else if (rng.chance(0.15)) {
    // Cards of the older rules: five years, to the birthday.
    Date until = plus_years(r.birth_date, r.issue_date.year + 5 - r.birth_date.year);
    r.valid_until = until > r.issue_date ? until : plus_years(until, 1);
  }

  const int day = r.birth_date.day + (r.sex == Sex::female ? 40 : 0);
  r.nik = pad(province.code, 2) + pad(regency.code, 2) + pad(static_cast<int>(kec) + 1, 2) +
          pad(day, 2) + pad(r.birth_date.month, 2) + pad(r.birth_date.year % 100, 2) +
          pad(rng.between(1, 9999), 4);
  r.can = pad(rng.between(0, 999999), 6);
  return r;
}

}  // namespace ektp::dataset
