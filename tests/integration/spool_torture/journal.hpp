#pragma once
/// The worker's journal: one line per operation the worker KNOWS was committed
/// ("committed <op> <args...>"), appended after the spool call returned ok. Only
/// complete lines count: the last one may be torn by the kill.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ektp::spool::torture {

/// Appends one line (a single write(2) on an O_APPEND file; the kernel keeps it
/// across kill -9, which is all this test needs).
void journal_append(const std::filesystem::path& dir, const std::string& line);

/// The complete "committed" lines, split into words (without the word "committed").
std::vector<std::vector<std::string>> journal_committed(const std::filesystem::path& dir);

/// Every complete line in order, split into words, its first word kept ("committed",
/// "refused", "begin"). A "begin <op> <args>" line comes before a call whose commit
/// can move an attempt back (resume): the call may commit and never return, if the
/// power goes in the checkpoint SQLite runs inside that commit.
std::vector<std::vector<std::string>> journal_all(const std::filesystem::path& dir);

/// How often each "refused <op> <code>" line occurs, keyed "<op> <code>".
std::map<std::string, int> journal_refusals(const std::filesystem::path& dir);

std::filesystem::path journal_path(const std::filesystem::path& dir);

/// The job id of number n: 00000000-0000-4000-8000-<n, 12 digits>.
std::string job_id_of(std::uint64_t n);

}  // namespace ektp::spool::torture
