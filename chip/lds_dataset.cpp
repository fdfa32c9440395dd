#include "chip/lds_dataset.hpp"

#include <array>
#include <set>

#include "chip/chip_messages_data.hpp"
#include "chip/lds_com.hpp"
#include "chip/lds_common.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/lds_dg11.hpp"
#include "chip/lds_dg12.hpp"
#include "chip/lds_dg13.hpp"
#include "chip/lds_dg7.hpp"

namespace ektp::chip {
namespace {

constexpr std::array<FileSpec, 9> kFiles = {{
    {"EF.COM", 0x011E, 0x1E, 0x60},
    {"DG1", 0x0101, 0x01, 0x61},
    {"DG2", 0x0102, 0x02, 0x75},
    {"DG3", 0x0103, 0x03, 0x63},
    {"DG7", 0x0107, 0x07, 0x67},
    {"DG11", 0x010B, 0x0B, 0x6B},
    {"DG12", 0x010C, 0x0C, 0x6C},
    {"DG13", 0x010D, 0x0D, 0x6D},
    {"EF.SOD", 0x011D, 0x1D, 0x77},
}};
constexpr std::size_t kCom = 0, kSod = 8;

}  // namespace

std::span<const FileSpec> profile_files() { return kFiles; }

const FileSpec* find_spec(const std::string& name) {
  for (const auto& f : kFiles) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::size_t Dataset::total_bytes() const {
  std::size_t n = 0;
  for (const auto& f : files) n += f.content.size();
  return n;
}

const LdsFile* Dataset::find(std::uint16_t fid) const {
  for (const auto& f : files) {
    if (f.spec.fid == fid) return &f;
  }
  return nullptr;
}

Result<void> Dataset::fits(std::size_t capacity, std::size_t overhead) const {
  const std::size_t need = total_bytes() + files.size() * overhead;
  if (need <= capacity) return ok();
  return fail("dataset.too_large", msg::say(msg::dataset_too_large, need, total_bytes(),
                                            files.size(), overhead, capacity));
}

Result<Dataset> build_dataset(const DatasetInput& in) {
  if (auto v = validate(in.record); !v) return v.error();
  Dataset d;
  d.files.push_back({kFiles[kCom], {}});
  const auto add = [&](std::size_t index, Result<Bytes> content) -> Result<void> {
    if (!content) return content.error();
    d.files.push_back({kFiles[index], std::move(content.value())});
    return ok();
  };
  Result<void> r = add(1, build_dg1(in.record));
  if (r) r = add(2, build_dg2(in.face));
  if (r) r = add(3, build_dg3(in.fingers));
  if (r) r = add(4, build_dg7(in.signature_jpeg));
  if (r) r = add(5, build_dg11(in.record));
  if (r) r = add(6, build_dg12(in.record));
  if (r) r = add(7, build_dg13(in.record));
  if (!r) return r.error();
  std::vector<std::uint8_t> tags;
  for (std::size_t i = 1; i < kSod; ++i) tags.push_back(kFiles[i].tag);
  d.files[0].content = build_com(tags);
  return d;
}

Result<DatasetInput> parse_dataset(const Dataset& d) {
  std::set<std::uint16_t> seen;
  for (const auto& f : d.files) {
    bool known = false;
    for (const auto& s : kFiles) known = known || (s.fid == f.spec.fid);
    // The name comes from the caller; the FID is what identifies the file.
    const auto name = [&f] {  // only when refusing: this loop runs for every bundle
      return msg::say(msg::lds_file_with_fid,
                      to_hex(Bytes{static_cast<std::uint8_t>(f.spec.fid >> 8),
                                   static_cast<std::uint8_t>(f.spec.fid)}));
    };
    if (!known) return lds_error(name(), msg::say(msg::lds_not_in_profile));
    if (!seen.insert(f.spec.fid).second) return lds_error(name(), msg::say(msg::lds_twice));
  }
  for (std::size_t i = 0; i < kSod; ++i) {
    if (!d.find(kFiles[i].fid)) return lds_error(kFiles[i].name, msg::say(msg::lds_file_missing));
  }
  const auto content = [&](std::size_t i) -> std::span<const std::uint8_t> {
    return d.find(kFiles[i].fid)->content;
  };
  auto com = parse_com(content(kCom));
  if (!com) return com.error();
  std::vector<std::uint8_t> want;
  for (std::size_t i = 1; i < kSod; ++i) want.push_back(kFiles[i].tag);
  if (com->tags != want) {
    return lds_error("EF.COM", msg::say(msg::lds_com_mismatch));
  }
  // KTP-OPEN v1 is LDS 1.8 / Unicode 4.0.0 (chip-profile.md). EF.COM is not covered by
  // the SOD, so a data set announcing another version is refused here (found by fuzzing).
  if (com->lds_version != kLdsVersion || com->unicode_version != kUnicodeVersion) {
    return lds_error("EF.COM", msg::say(msg::lds_com_version, com->lds_version,
                                        com->unicode_version, kLdsVersion, kUnicodeVersion));
  }
  DatasetInput out;
  auto dg1 = parse_dg1(content(1));
  if (!dg1) return dg1.error();
  auto face = parse_dg2(content(2));
  if (!face) return face.error();
  out.face = std::move(*face);
  auto fingers = parse_dg3(content(3));
  if (!fingers) return fingers.error();
  out.fingers = std::move(*fingers);
  auto sig = parse_dg7(content(4));
  if (!sig) return sig.error();
  out.signature_jpeg = std::move(*sig);
  if (auto r = parse_dg11(content(5), out.record); !r) return r.error();
  if (auto r = parse_dg12(content(6), out.record); !r) return r.error();
  if (auto r = parse_dg13(content(7), out.record); !r) return r.error();
  out.record.sex = dg1->fields.sex == 'F' ? Sex::female : Sex::male;
  if (auto v = validate(out.record, false); !v) return v.error();
  auto mrz = make_td1(out.record);
  if (!mrz) return mrz.error();
  if (*mrz != dg1->mrz) {
    return lds_error("DG1", msg::say(msg::lds_mrz_disagrees));
  }
  return out;
}

}  // namespace ektp::chip
