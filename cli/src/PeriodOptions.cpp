#include "PeriodOptions.hpp"

#include "CliValidators.hpp"

namespace onair::cli {

PeriodOptions::PeriodOptions(CLI::App& command, const std::string& verb, Year year)
    : command_(command) {
    auto* month =
        command.add_option("--month", month_, "The month to " + verb)->check(month_validator());
    CLI::Option* by_year = nullptr;
    if (year == Year::yes) {
        by_year = command.add_option("--year", year_, "The calendar year to " + verb)
                      ->check(year_validator());
    }
    auto* from =
        command.add_option("--from", from_, "First day to " + verb)->check(date_validator());
    auto* to = command.add_option("--to", to_, "Last day to " + verb + " (inclusive)")
                   ->check(date_validator());
    month->excludes(from)->excludes(to);
    if (by_year != nullptr) {
        month->excludes(by_year);
        by_year->excludes(from)->excludes(to);
    }
    from->needs(to);
    to->needs(from);
    // Checked as the command is parsed, so the error reads like CLI11's own.
    const std::string required =
        by_year != nullptr ? "--month, --year or --from/--to" : "--month or --from/--to";
    command.final_callback([this, required] {
        if (month_.empty() && year_.empty() && from_.empty()) {
            throw CLI::RequiredError(required);
        }
    });
}

std::optional<Days> PeriodOptions::days(std::ostream& err) const {
    if (!month_.empty()) {
        const date::year_month_day first = to_date(month_ + "-01");
        return Days{first, first.year() / first.month() / date::last};
    }
    if (!year_.empty()) {
        return Days{to_date(year_ + "-01-01"), to_date(year_ + "-12-31")};
    }
    const Days asked{to_date(from_), to_date(to_)};
    if (date::sys_days{asked.last} < date::sys_days{asked.first}) {
        err << "onair " << command_.get_name() << ": --to " << to_ << " is before --from " << from_
            << '\n';
        return std::nullopt;
    }
    return asked;
}

bool PeriodOptions::days_into(date::year_month_day& first, date::year_month_day& last,
                              std::ostream& err) const {
    const auto asked = days(err);
    if (asked) {
        first = asked->first;
        last = asked->last;
    }
    return asked.has_value();
}

}  // namespace onair::cli
