#pragma once
/// Messages for people from the station's CUPS driver (queue check, submit, outcomes)
/// that are not in the shared catalogue (drivers/common/messages.hpp) yet. English
/// msgids, translated through ektp::i18n like the catalogue's, so they can move there
/// unchanged. Each says what happened and what to do; none carries personal data.

#include <string>
#include <string_view>

#include "drivers/printer/print_outcome.hpp"

namespace ektp::printer::texts {

/// The queue's device-uri does not go through the station's backend.
std::string queue_wrong_backend(std::string_view queue, std::string_view backend);
/// The queue offers no CR80 card size.
std::string queue_no_cr80(std::string_view queue);
/// submit while the previous card is still in flight.
std::string card_in_flight(std::string_view queue);
/// release/cancel/observe with no card in flight.
std::string no_card_in_flight(std::string_view queue);
/// CUPS ended the held job by itself before the station released it.
std::string job_vanished(std::string_view queue);
/// What `verdict` means for the operator (and what to do), for the printer queue `queue`.
std::string describe(const PrintVerdict& verdict, std::string_view queue);

}  // namespace ektp::printer::texts
