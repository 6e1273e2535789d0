#pragma once
// CLI11 validators shared by the commands: dates, months and years as the
// operator types them, with a message that says how to write them.

#include <string>

#include <date/date.h>
#include <CLI/CLI.hpp>

namespace onair::cli {

/// `YYYY-MM-DD`.
CLI::Validator date_validator();
/// `YYYY-MM`.
CLI::Validator month_validator();
/// `YYYY`.
CLI::Validator year_validator();

/// A `YYYY-MM-DD` that date_validator() accepted.
date::year_month_day to_date(const std::string& text);

}  // namespace onair::cli
