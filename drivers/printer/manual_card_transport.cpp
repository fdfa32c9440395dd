#include "drivers/printer/manual_card_transport.hpp"

namespace ektp::printer {

ManualCardTransport::ManualCardTransport(Confirm confirm) : confirm_(std::move(confirm)) {}

Result<void> ManualCardTransport::ask(ManualStep step, const std::string& instruction) {
  switch (confirm_(step, instruction)) {
    case ManualAnswer::done:
      return ok();
    case ManualAnswer::no_blanks:
      out_of_blanks_ = true;
      return fail("printer.hopper_empty",
                  "There are no blank cards left. Load blank cards, then continue.");
    case ManualAnswer::cancel:
      break;
  }
  return fail("printer.cancelled", "The operator did not confirm the card step; nothing moved.");
}

Result<void> ManualCardTransport::feed() {
  if (on_reader_) {
    return fail("printer.card_in_path",
                "A card is still on the reader. Put it into the printer or aside first.");
  }
  auto done = ask(ManualStep::place_on_reader,
                  "Take one blank card and place it on the card reader, then confirm.");
  if (!done) return done;
  out_of_blanks_ = false;
  on_reader_ = true;
  ++placed_;
  return ok();
}

Result<void> ManualCardTransport::eject() {
  if (!on_reader_) return fail("printer.no_card", "There is no card on the reader.");
  auto done = ask(ManualStep::to_printer,
                  "Take the card off the reader and put it into the printer's card feeder, "
                  "then confirm.");
  if (!done) return done;
  on_reader_ = false;
  return ok();
}

Result<void> ManualCardTransport::reject() {
  if (!on_reader_) return fail("printer.no_card", "There is no card on the reader.");
  auto done = ask(ManualStep::to_reject,
                  "Take the card off the reader and put it with the spoiled cards, then "
                  "confirm.");
  if (!done) return done;
  on_reader_ = false;
  return ok();
}

Result<TransportStatus> ManualCardTransport::status() {
  TransportStatus s;
  s.hopper_level = out_of_blanks_ ? 0 : -1;
  s.hopper_empty = out_of_blanks_;
  s.card_in_encoder = on_reader_;
  s.card_in_path = on_reader_;
  s.card_counter = placed_;
  return s;
}

}  // namespace ektp::printer
