#pragma once
// Reads a programme's recurrence (monthly, quarterly, weekly, daily or once) and
// its reruns, and rejects rules that can never be met (a 6th week, reruns after
// the last week).

#include <optional>
#include <string>
#include <vector>

#include "Sections.hpp"

namespace onair::config {

inline const std::vector<std::string> recurrence_keys{"monthly", "quarterly", "weekly", "daily",
                                                      "once"};

/// Takes the recurrence keys of a programme's map; reports none or several.
/// `has_from`: whether the programme gives `from` (needed by weekly `every`).
std::optional<Recurrence> read_recurrence(MapReader& programme, bool has_from,
                                          const WindowCatalog& windows, const LoadContext& context);

/// `reruns: N` or `reruns: [WHEN, …]` into `recurrence`.
void read_reruns(const Field& field, Recurrence& recurrence, const WindowCatalog& windows,
                 const LoadContext& context);

/// Static impossibilities of `reruns: N` given the premiere.
void check_rerun_count(const Recurrence& recurrence, const std::string& label,
                       const LoadContext& context);

}  // namespace onair::config
