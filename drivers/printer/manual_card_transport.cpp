#include "drivers/printer/manual_card_transport.hpp"

#include "drivers/printer/printer_messages_face.hpp"

namespace ektp::printer {

ManualCardTransport::ManualCardTransport(Confirm confirm) : confirm_(std::move(confirm)) {}

Result<void> ManualCardTransport::ask(ManualStep step, const std::string& instruction) {
  switch (confirm_(step, instruction)) {
    case ManualAnswer::done:
      return ok();
    case ManualAnswer::no_blanks:
      out_of_blanks_ = true;
      return fail("printer.hopper_empty", face_texts::say(face_texts::manual_no_blanks));
    case ManualAnswer::cancel:
      break;
  }
  return fail("printer.cancelled", face_texts::say(face_texts::manual_not_confirmed));
}

Result<void> ManualCardTransport::feed() {
  if (on_reader_) {
    return fail("printer.card_in_path", face_texts::say(face_texts::manual_card_on_reader));
  }
  auto done = ask(ManualStep::place_on_reader, face_texts::say(face_texts::manual_place_on_reader));
  if (!done) return done;
  out_of_blanks_ = false;
  on_reader_ = true;
  ++placed_;
  return ok();
}

Result<void> ManualCardTransport::eject() {
  if (!on_reader_) return fail("printer.no_card", face_texts::say(face_texts::manual_no_card));
  auto done = ask(ManualStep::to_printer, face_texts::say(face_texts::manual_to_printer));
  if (!done) return done;
  on_reader_ = false;
  return ok();
}

Result<void> ManualCardTransport::reject() {
  if (!on_reader_) return fail("printer.no_card", face_texts::say(face_texts::manual_no_card));
  auto done = ask(ManualStep::to_reject, face_texts::say(face_texts::manual_to_reject));
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
