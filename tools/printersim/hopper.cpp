#include "tools/printersim/hopper.hpp"

#include <cstdio>
#include <system_error>

#include "tools/cardsim/card.hpp"
#include "tools/cardsim/card_config.hpp"

namespace ektp::printersim {

std::string blank_serial_hex(std::uint32_t ic_serial) {
  char text[17];
  std::snprintf(text, sizeof text, "47905001%08X", ic_serial);
  return text;
}

Hopper::Hopper(std::filesystem::path dir, std::uint32_t first_serial)
    : dir_(std::move(dir)), next_serial_(first_serial) {}

Result<void> Hopper::load(int count) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    return fail("printersim.hopper",
                "cannot make the hopper's directory " + dir_.string() + ": " + ec.message());
  }
  for (int i = 0; i < count; ++i) {
    const std::uint32_t serial = next_serial_++;
    const std::string hex = blank_serial_hex(serial);
    auto config = cardsim::parse_config({"serial=" + hex});
    if (!config) return config.error();
    const auto image = dir_ / ("blank-" + hex + ".img");
    if (auto saved = cardsim::Card(std::move(*config)).save_image(image); !saved) {
      return saved.error();
    }
    images_.push_back(image);
  }
  return ok();
}

void Hopper::unload() {
  while (!images_.empty()) pop();
}

void Hopper::pop() {
  std::error_code ignored;
  std::filesystem::remove(images_.front(), ignored);
  images_.pop_front();
}

}  // namespace ektp::printersim
