#pragma once
// Why a value was rejected and what to write instead, for the parsers of
// Values.hpp. Each returns a message fragment such as
// `900 has no unit; write 900s or 15m`, meant to follow "LABEL: ".

#include <string>
#include <string_view>

namespace onair::config {

std::string explain_bad_duration(std::string_view text);
std::string explain_bad_time_of_day(std::string_view text, bool allow_24);
std::string explain_bad_weekday(std::string_view text);
std::string explain_bad_date(std::string_view text);
std::string explain_bad_local_datetime(std::string_view text);

}  // namespace onair::config
