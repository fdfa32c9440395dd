#include "tools/cardsim/control_commands.hpp"

#include "tools/cardsim/card_config.hpp"
#include "tools/cardsim/faults.hpp"
#include "tools/cardsim/hex.hpp"

namespace ektp::cardsim {

namespace {

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string hex_byte(std::uint8_t value) { return to_hex(Bytes{value}); }

std::string describe_files(const std::vector<FileInfo>& files) {
  std::string text = "n=" + std::to_string(files.size());
  for (const FileInfo& file : files) {
    text += ' ';
    text += format_fid_path(file.path);
    text += ':';
    text += file.is_df ? std::string("df") : std::to_string(file.size);
    text += ':' + hex_byte(file.life_cycle) + ':' + hex_byte(file.sfi);
  }
  return text;
}

std::string describe_status(const SlotStatus& s) {
  return "card=" + yes_no(s.card) + " inserted=" + yes_no(s.inserted) +
         " connected=" + yes_no(s.connected) + " muted=" + yes_no(s.muted) +
         " torn=" + yes_no(s.torn);
}

/// Run `action` on the card in hand, collecting the answer text it writes.
template <class F>
Result<std::string> on_card(Slot& slot, F&& action) {
  std::string text;
  Result<void> done = slot.with_card([&](Card& card) { return action(card, text); });
  if (!done) return done.error();
  return text;
}

Result<std::string> done(Result<void> result) {
  if (!result) return result.error();
  return std::string{};
}

}  // namespace

Result<std::string> execute_command(Slot& slot, const ControlCommand& command) {
  using Kind = ControlCommand::Kind;
  switch (command.kind) {
    case Kind::new_card: {
      auto config = parse_config(command.settings);
      if (!config) return config.error();
      return done(slot.take(Card(std::move(*config))));
    }
    case Kind::load: {
      auto config = parse_config(command.settings);
      if (!config) return config.error();
      auto card = Card::load_image(command.path, std::move(*config));
      if (!card) return card.error();
      return done(slot.take(std::move(*card)));
    }
    case Kind::save:
      return on_card(slot, [&](Card& card, std::string&) { return card.save_image(command.path); });
    case Kind::insert:
      return done(slot.insert());
    case Kind::remove:
      slot.remove();
      return std::string{};
    case Kind::fault: {
      auto fault = parse_fault(command.words);
      if (!fault) return fault.error();
      return on_card(slot, [&](Card& card, std::string&) {
        card.arm(*fault);
        return ok();
      });
    }
    case Kind::clear_faults:
      return on_card(slot, [](Card& card, std::string&) {
        card.disarm_all();
        return ok();
      });
    case Kind::counters:
      return on_card(slot, [](Card& card, std::string& text) {
        text = card.counters().to_text();
        return ok();
      });
    case Kind::reset_counters:
      return on_card(slot, [](Card& card, std::string&) {
        card.reset_counters();
        return ok();
      });
    case Kind::auth:
      return on_card(slot, [&](Card& card, std::string&) {
        card.set_session_authenticated(command.on);
        return ok();
      });
    case Kind::trace:
      if (command.path.empty()) return done(slot.set_trace(std::nullopt));
      return done(slot.set_trace(std::filesystem::path(command.path)));
    case Kind::files:
      return on_card(slot, [](Card& card, std::string& text) {
        text = describe_files(card.files());
        return ok();
      });
    case Kind::read: {
      auto path = parse_fid_path(command.path);
      if (!path) return path.error();
      return on_card(slot, [&](Card& card, std::string& text) -> Result<void> {
        auto content = card.file_content(*path);
        if (!content) {
          return fail("cardsim.no_such_file",
                      "the card has no elementary file at " + command.path + "; see `files`");
        }
        text = to_hex(*content);
        return ok();
      });
    }
    case Kind::status:
      return describe_status(slot.status());
    case Kind::help:
      return command_list();
    case Kind::quit:
      return std::string{};
  }
  return fail("cardsim.control.bad_command", "command not implemented");
}

}  // namespace ektp::cardsim
