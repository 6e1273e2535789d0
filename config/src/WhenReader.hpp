#pragma once
// Reads `WHEN` (day, week, month, at, window, and days_after for reruns) from a
// map, with the rules of the recurrence it belongs to, and checks that `at`
// falls inside its window's hours.

#include <string>
#include <vector>

#include "Sections.hpp"

namespace onair::config {

enum class WhenRole { premiere, rerun, daily };

struct WhenRules {
    RecurrenceKind kind = RecurrenceKind::monthly;
    WhenRole role = WhenRole::premiere;
};

/// The keys read_when_keys() accepts under `rules`.
std::vector<std::string> when_keys(WhenRules rules);

/// Takes the WHEN keys of `map` (other keys are left to the caller) and reports
/// missing and bad values. Unset fields stay unset.
When read_when_keys(MapReader& map, WhenRules rules, const WindowCatalog& windows,
                    const LoadContext& context);

/// The window called `name`, among the valid ones.
const Window* find_window(const WindowCatalog& windows, const std::string& name);

/// `morning 05:30–06:30`.
std::string describe_window(const Window& window);

}  // namespace onair::config
