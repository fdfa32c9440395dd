#pragma once
/// What identifies and announces the chip: ATR, CPLC, EF.ATR/INFO content.

#include <cstdint>
#include <vector>

#include "tools/cardsim/card_config.hpp"

namespace ektp::cardsim {

/// FID of EF.ATR/INFO in the MF (ISO/IEC 7816-4 §8.2.1.1), created on blank
/// cards that support extended length.
inline constexpr std::uint16_t kEfAtrFid = 0x2F01;

/// The ATR: config.atr when set; else a PC/SC contactless-style ATR
/// 3B 8n 80 01 + historical bytes (80, card capabilities 73 xx xx xx with
/// "extended Lc/Le" when config.max_ext_length > 0, status 82 90 00) + TCK.
std::vector<std::uint8_t> build_atr(const CardConfig& config);

/// The 42 CPLC bytes (GlobalPlatform layout): IC fabricator, IC type and IC
/// serial number from config.serial; the other fields fixed.
std::vector<std::uint8_t> build_cplc(const CardConfig& config);

/// EF.ATR/INFO content: 7F66 (extended length information) with the maximum
/// command and response data sizes.
std::vector<std::uint8_t> build_ef_atr(const CardConfig& config);

}  // namespace ektp::cardsim
