#include "ProblemLog.hpp"

#include "Calendar.hpp"

namespace onair::scheduler {

void ProblemLog::error(const std::string& kind, config::Location where, std::string message,
                       date::year_month_day day) {
    add(config::Severity::error, kind, where, std::move(message), day);
}

void ProblemLog::warning(const std::string& kind, config::Location where, std::string message,
                         date::year_month_day day) {
    add(config::Severity::warning, kind, where, std::move(message), day);
}

void ProblemLog::add(config::Severity severity, const std::string& kind, config::Location where,
                     std::string message, date::year_month_day day) {
    if (++seen_[kind] <= examples) {
        if (severity == config::Severity::error) {
            list_.error(where, std::move(message));
        } else {
            list_.warning(where, std::move(message));
        }
        return;
    }
    Repeats& repeats = repeats_[kind];
    repeats.severity = severity;
    repeats.where = where;
    ++repeats.omitted;
    repeats.last = day;
}

std::vector<config::Diagnostic> ProblemLog::finish() {
    for (const auto& [kind, repeats] : repeats_) {
        const std::string message = kind + " on " + std::to_string(repeats.omitted) + " more " +
                                    (repeats.omitted == 1 ? "day" : "days") + " too, the last on " +
                                    calendar::day_and_date(repeats.last);
        if (repeats.severity == config::Severity::error) {
            list_.error(repeats.where, message);
        } else {
            list_.warning(repeats.where, message);
        }
    }
    repeats_.clear();
    return list_.all();
}

}  // namespace onair::scheduler
