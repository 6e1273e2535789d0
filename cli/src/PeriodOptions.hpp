#pragma once
// The period options every command that covers days shares: `--month YYYY-MM`,
// `--year YYYY` (where the command has it), or `--from DATE --to DATE` (both
// inclusive), added to a command the one way, with the same exclusions, the
// same "required" error and the same "--to before --from" refusal.
//
// Threads: the command line's. Throws: CLI::RequiredError from the command's
// parse when no period was given (a usage error, exit 2).

#include <optional>
#include <ostream>
#include <string>

#include <date/date.h>
#include <CLI/CLI.hpp>

namespace onair::cli {

struct Days {
    date::year_month_day first;
    date::year_month_day last;
};

class PeriodOptions {
  public:
    /// Adds the options to `command`; `verb` completes their help ("The month
    /// to plan", "First day to plan").
    enum class Year { no, yes };
    PeriodOptions(CLI::App& command, const std::string& verb, Year year = Year::no);

    /// The days asked for, once parsed; none (after printing `onair COMMAND:
    /// --to TO is before --from FROM` to `err`) when --to is before --from.
    std::optional<Days> days(std::ostream& err) const;
    /// As days(), into a command's own fields; false when --to is before --from.
    bool days_into(date::year_month_day& first, date::year_month_day& last,
                   std::ostream& err) const;

    /// As typed (empty when not given).
    const std::string& month() const { return month_; }
    const std::string& from() const { return from_; }
    const std::string& to() const { return to_; }

  private:
    CLI::App& command_;
    std::string month_, year_, from_, to_;
};

}  // namespace onair::cli
