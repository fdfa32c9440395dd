#pragma once
/// A citizen record as JSON: the field names of central-protocol.md's face
/// fields, dates written DD-MM-YYYY as printed, validity "SEUMUR HIDUP" or a date.

#include <nlohmann/json.hpp>

#include "chip/record.hpp"

namespace ektp::dataset {

/// `record` as a JSON object (with its CAN).
nlohmann::json record_to_json(const chip::CitizenRecord& record);

/// A record from a JSON object of record_to_json()'s form, checked with
/// chip::validate. Missing or mistyped fields are refused ("dataset.bad_json").
Result<chip::CitizenRecord> record_from_json(const nlohmann::json& json);

}  // namespace ektp::dataset
