// The personalization sequence (chip-profile.md). Inside this file a step that
// cannot go on throws Stop with the outcome; personalize() catches it, so the
// sequence reads top to bottom and every exit is a value.
#include "chip/personalizer.hpp"

#include <algorithm>
#include <set>

#include "chip/chip_messages_card.hpp"
#include "chip/openssl_util.hpp"
#include "chip/personalizer_card.hpp"
#include "chip/personalizer_trace.hpp"
#include "chip/sod.hpp"

namespace ektp::chip {

const char* to_string(PersoResult result) {
  switch (result) {
    case PersoResult::good:
      return "good";
    case PersoResult::retry:
      return "retry";
    case PersoResult::interrupted:
      return "interrupted";
    case PersoResult::already_locked:
      return "already_locked";
    case PersoResult::spoiled:
      return "spoiled";
  }
  return "?";
}

const char* to_string(SpoilReason reason) {
  switch (reason) {
    case SpoilReason::none:
      return "none";
    case SpoilReason::chip_unreadable:
      return "chip_unreadable";
    case SpoilReason::write_failed:
      return "write_failed";
    case SpoilReason::verify_failed:
      return "verify_failed";
    case SpoilReason::lock_failed:
      return "lock_failed";
  }
  return "?";
}

namespace {

Error job_error(const std::string& what) {
  return fail("perso.job_invalid", msg::say(msg::perso_job_invalid, what));
}

std::array<std::uint8_t, 32> dataset_digest(const Profile& profile,
                                            const std::vector<Bytes>& contents) {
  Bytes all;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    const auto fid = profile.files()[i].fid;
    const auto n = contents[i].size();
    all.insert(all.end(),
               {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid & 0xFF),
                static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
    all.insert(all.end(), contents[i].begin(), contents[i].end());
  }
  return sha256(all);
}

}  // namespace

Result<PersoJob> prepare_job(const Profile& profile, const Dataset& dataset) {
  PersoJob job;
  job.profile = &profile;
  const auto& files = profile.files();
  if (files.empty() || files.back().data_group != 0)
    return job_error(msg::say(msg::perso_no_sod_last));
  std::set<std::uint16_t> wanted;
  for (const auto& f : files) {
    wanted.insert(f.fid);
    const LdsFile* file = dataset.find(f.fid);
    if (file == nullptr) return job_error(msg::say(msg::perso_file_missing, f.name));
    if (file->content.empty()) return job_error(msg::say(msg::perso_file_empty, f.name));
    if (file->content.size() > 0x7FFF)
      return job_error(msg::say(msg::perso_file_too_large, f.name));
    job.contents.push_back(file->content);
  }
  for (const auto& file : dataset.files) {
    if (!wanted.count(file.spec.fid))
      return job_error(msg::say(msg::perso_not_in_profile, file.spec.name));
  }
  auto sod = parse_sod(job.contents.back());
  if (!sod) return job_error(msg::say(msg::perso_sod_unreadable, sod.error().message));
  job.sod_hashes = sod->hashes;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].data_group == 0) continue;
    auto h = job.sod_hashes.find(files[i].data_group);
    if (h == job.sod_hashes.end()) return job_error(msg::say(msg::perso_no_hash, files[i].name));
    if (h->second != sha256(job.contents[i]))
      return job_error(msg::say(msg::perso_hash_differs, files[i].name));
  }
  job.digest = dataset_digest(profile, job.contents);
  return job;
}

namespace {

class Sequence {
 public:
  Sequence(const PersoJob& job, const Transmit& transmit, PersoOutcome& out)
      : job_(job), p_(*job.profile), card_(transmit, out) {}

  void run(const PersoOptions& options) {
    card_.read_identity();
    card_.detect_lengths(options.atr, p_.short_write_max(), p_.short_read_max());
    const bool existed = card_.select_or_create_application(p_);
    std::vector<FileState> state(p_.files().size());
    if (existed) survey(state);
    write(state);
    verify(state);
    activate(state);
    prove_lock();
    card_.out().result = PersoResult::good;
    card_.out().digest = job_.digest;
  }

 private:
  const PersoJob& job_;
  const Profile& p_;
  CardLink card_;

  /// Resume: what an earlier run left. An activated application is never rewritten.
  void survey(std::vector<FileState>& state) {
    card_.out().resumed = true;
    bool any_operational = false;
    for (std::size_t i = 0; i < state.size(); ++i) {
      state[i] = card_.file_state(p_.files()[i].fid);
      any_operational = any_operational || state[i].operational();
    }
    if (!any_operational) return;
    // Locking activates EF.SOD last, after every file was verified: an EF.SOD
    // still in initialisation and equal to this job's means the earlier run
    // was this job's and was cut while locking, so locking may be finished.
    const FileState& sod = state.back();
    std::optional<bool> same;
    if (sod.exists) {
      auto content = card_.try_read_file(p_.files().back().fid, sod.size);
      if (content) same = (*content == job_.contents.back());
    }
    if (same == true && !sod.operational()) return;
    auto& out = card_.out();
    out.same_job = same;
    if (same == true) out.digest = job_.digest;
    card_.stop(PersoResult::already_locked, SpoilReason::none, "perso.already_locked",
               msg::say(same == true ? msg::perso_same_job_locked : msg::perso_other_locked));
  }

  void write(std::vector<FileState>& state) {
    for (std::size_t i = 0; i < state.size(); ++i) {
      const auto& f = p_.files()[i];
      const Bytes& content = job_.contents[i];
      if (state[i].exists) {
        card_.check_layout(f, state[i], content.size());
        if (state[i].operational()) continue;
        card_.select_ef(f.fid, SpoilReason::write_failed);
        const Bytes there = card_.read_current(content.size(), SpoilReason::verify_failed);
        card_.write_current(content, &there);
      } else {
        card_.create_ef(p_.ef_fcp(f, content.size()), f.name);
        card_.write_current(content, nullptr);
        state[i].exists = true;
        state[i].size = content.size();
        state[i].life_cycle = 0x03;
      }
    }
  }

  /// Read every file back: data groups against the SOD's hashes, EF.COM and
  /// EF.SOD byte for byte. Activated files (resume) were verified before.
  void verify(const std::vector<FileState>& state) {
    for (std::size_t i = 0; i < state.size(); ++i) {
      if (state[i].operational()) continue;
      const auto& f = p_.files()[i];
      const Bytes back = card_.read_ef(f, job_.contents[i].size(), SpoilReason::verify_failed);
      const bool equal = f.data_group != 0 ? sha256(back) == job_.sod_hashes.at(f.data_group)
                                           : back == job_.contents[i];
      if (!equal) {
        card_.stop(PersoResult::spoiled, SpoilReason::verify_failed, "perso.verify_mismatch",
                   msg::say(msg::perso_verify_mismatch, f.name));
      }
    }
  }

  /// Every EF, then the application DF (when the profile asks), EF.SOD last:
  /// an EF.SOD still in initialisation tells a resumed run that locking was
  /// not finished (survey()).
  void activate(const std::vector<FileState>& state) {
    const std::size_t sod = state.size() - 1;
    for (std::size_t i = 0; i < sod; ++i) {
      if (!state[i].operational()) card_.activate_ef(p_.files()[i]);
    }
    if (p_.activate_application()) card_.activate_application(p_);
    if (!state[sod].operational()) card_.activate_ef(p_.files()[sod]);
  }

  /// The lock proven on the card itself, never assumed from status words alone.
  void prove_lock() {
    if (p_.activate_application()) card_.check_application_locked(p_);
    for (const auto& f : p_.files()) card_.check_locked(f);
    for (std::size_t i = 0; i < p_.files().size(); ++i) {
      if (!p_.files()[i].read_protected) continue;
      card_.check_refusals(p_.files()[i], job_.contents[i]);
      break;  // every EF carries the same attributes (checked above); one proof per card
    }
  }
};

}  // namespace

PersoOutcome personalize(const PersoJob& job, const Transmit& transmit,
                         const PersoOptions& options) {
  PersoOutcome out;
  if (job.profile == nullptr || job.contents.size() != job.profile->files().size()) {
    out.result = PersoResult::retry;
    out.detail = fail("perso.job_invalid", msg::say(msg::perso_not_prepared));
    return out;
  }
  const Transmit seam = options.trace != nullptr ? options.trace->wrap(transmit) : transmit;
  try {
    Sequence(job, seam, out).run(options);
  } catch (const Stop&) {
    // `out` already holds the outcome.
  }
  return out;
}

}  // namespace ektp::chip
