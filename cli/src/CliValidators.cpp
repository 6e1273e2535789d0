#include "CliValidators.hpp"

#include <regex>

#include "onair/config/Values.hpp"

namespace onair::cli {

CLI::Validator date_validator() {
    return CLI::Validator(
        [](std::string& text) {
            return config::parse_date(text) ? std::string{}
                                            : "\"" + text + "\" is not a date; write YYYY-MM-DD";
        },
        "YYYY-MM-DD");
}

CLI::Validator month_validator() {
    return CLI::Validator(
        [](std::string& text) {
            static const std::regex form{R"(\d{4}-(0[1-9]|1[0-2]))"};
            return std::regex_match(text, form) ? std::string{}
                                                : "\"" + text + "\" is not a month; write YYYY-MM";
        },
        "YYYY-MM");
}

CLI::Validator year_validator() {
    return CLI::Validator(
        [](std::string& text) {
            static const std::regex form{R"(\d{4})"};
            return std::regex_match(text, form) ? std::string{}
                                                : "\"" + text + "\" is not a year; write YYYY";
        },
        "YYYY");
}

date::year_month_day to_date(const std::string& text) {
    return *config::parse_date(text);
}

}  // namespace onair::cli
