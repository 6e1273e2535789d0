#pragma once
// Collects the plan's problems so that a conflict repeating every day of a year
// reads as three examples and a count, not 366 lines. Not thread-safe: one per plan.

#include <map>
#include <string>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"

namespace onair::scheduler {

class ProblemLog {
  public:
    explicit ProblemLog(const std::string& file) : list_(file) {}

    /// `kind` says what the conflict is without its date, as a sentence start
    /// (`programme "a" and programme "b" overlap`); only the first `examples`
    /// problems of a kind are kept in full, the rest become one line: `KIND on N
    /// more days too, the last on tue 2027-11-16`.
    void error(const std::string& kind, config::Location where, std::string message,
               date::year_month_day day);
    void warning(const std::string& kind, config::Location where, std::string message,
                 date::year_month_day day);

    /// Anything already counted elsewhere (e.g. recurrence problems).
    config::DiagnosticList& list() noexcept { return list_; }

    /// Every problem, with one summary line per kind that repeated.
    std::vector<config::Diagnostic> finish();

    static constexpr int examples = 3;

  private:
    struct Repeats {
        config::Severity severity;
        config::Location where;
        int omitted = 0;
        date::year_month_day last;
    };
    void add(config::Severity severity, const std::string& kind, config::Location where,
             std::string message, date::year_month_day day);

    config::DiagnosticList list_;
    std::map<std::string, int> seen_;
    std::map<std::string, Repeats> repeats_;
};

}  // namespace onair::scheduler
