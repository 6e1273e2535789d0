#pragma once
// Weekday sets in words, for messages: "mon, tue and sun", "every day".

#include <string>

#include "onair/config/Station.hpp"

namespace onair::config {

/// `mon, wed and fri`, in Monday-first order; "every day" for all seven.
std::string describe_days(const WeekdaySet& days);

}  // namespace onair::config
