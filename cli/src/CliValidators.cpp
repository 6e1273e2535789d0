#include "CliValidators.hpp"

#include <regex>
#include <utility>

#include "onair/config/Values.hpp"

namespace onair::cli {

namespace {

// A validator that accepts what `accepts` does; otherwise the message names
// what the text is not (`noun`) and how to write it (`form`).
template <typename Accepts>
CLI::Validator form_validator(Accepts accepts, std::string noun, std::string form) {
    return CLI::Validator(
        [accepts, noun, form](std::string& text) {
            return accepts(text) ? std::string{}
                                 : "\"" + text + "\" is not " + noun + "; write " + form;
        },
        form);
}

CLI::Validator pattern_validator(const char* pattern, std::string noun, std::string form) {
    return form_validator(
        [form_regex = std::regex{pattern}](const std::string& text) {
            return std::regex_match(text, form_regex);
        },
        std::move(noun), std::move(form));
}

}  // namespace

CLI::Validator date_validator() {
    return form_validator(
        [](const std::string& text) { return config::parse_date(text).has_value(); }, "a date",
        "YYYY-MM-DD");
}

CLI::Validator month_validator() {
    return pattern_validator(R"(\d{4}-(0[1-9]|1[0-2]))", "a month", "YYYY-MM");
}

CLI::Validator year_validator() {
    return pattern_validator(R"(\d{4})", "a year", "YYYY");
}

date::year_month_day to_date(const std::string& text) {
    return *config::parse_date(text);
}

}  // namespace onair::cli
