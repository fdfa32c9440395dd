#pragma once
/// The card transport of a printer without a contactless encoder: the operator takes a
/// blank, places it on the desktop reader, and confirms; afterwards puts it into the
/// printer's feeder (good) or aside as spoiled (rejected), and confirms again. The
/// station's own counts stand in for the printer's counter (it has none to read).
///
/// Each call blocks until the operator answers through the Confirm seam (the daemon
/// binds it to its operator interface; tests bind it to a function).

#include <functional>
#include <string>

#include "drivers/printer/card_transport.hpp"

namespace ektp::printer {

/// A step the operator is asked to do.
enum class ManualStep {
  place_on_reader,  ///< take a blank and place it on the desktop reader
  to_printer,       ///< take the card off the reader and put it into the printer's feeder
  to_reject,        ///< take the card off the reader and put it aside as spoiled
};

/// What the operator answered.
enum class ManualAnswer {
  done,       ///< did it
  no_blanks,  ///< place_on_reader: no blank card left
  cancel,     ///< will not do it now
};

class ManualCardTransport final : public CardTransport {
 public:
  /// Asks the operator to do `step` (with `instruction`, a sentence for people) and
  /// blocks until the answer.
  using Confirm = std::function<ManualAnswer(ManualStep step, const std::string& instruction)>;

  explicit ManualCardTransport(Confirm confirm);

  Result<void> feed() override;
  Result<void> eject() override;
  Result<void> reject() override;
  /// No printer to ask: the card path as the operator's answers left it; the counter is
  /// the number of blanks the operator confirmed placing.
  Result<TransportStatus> status() override;

 private:
  Result<void> ask(ManualStep step, const std::string& instruction);

  Confirm confirm_;
  bool on_reader_ = false;
  bool out_of_blanks_ = false;
  std::uint64_t placed_ = 0;
};

}  // namespace ektp::printer
