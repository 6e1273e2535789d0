#pragma once
// What the conductor writes in an item's row when the air says the item ended:
// its status (aired, joined, partial, skipped, failed) and the note that says
// why. A pure function of what the conductor knew about the item and how the
// air ended it, so every case is a line in a table test.
//
// Threads: plain data and a pure function; any thread. Throws: nothing but
// std::bad_alloc.

#include <string>
#include <utility>
#include <vector>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/playout/PlayoutListener.hpp"
#include "onair/scheduler/Airing.hpp"

namespace onair::conductor {

/// What the conductor knows about an item on the air when it ends.
struct OnAirFacts {
    /// Its first sample went out (item_started).
    bool started = false;
    /// It went on part-way through its airing (a restart, after an insert).
    bool joined = false;
    std::string join_note;
    bool relay = false;
    /// Set when the conductor cut it, to say why in the row.
    enum class Cut { none, skipped, preempted, stopped, removed };
    Cut cut = Cut::none;
    /// Relay history, for the row's note: each drop (when, why), each rejoin.
    std::vector<std::pair<scheduler::TimePoint, std::string>> drops;
    std::vector<scheduler::TimePoint> rejoins;
    bool fallback_played = false;
};

struct Outcome {
    airlog::Status status = airlog::Status::aired;
    std::string note;
};

/// The row's status and note for an item that ended. `began` is its first
/// sample (the air's actual start, else the intended one), `actual_end` the
/// instant after its last; `reason` is the air's words for the end (empty
/// for `complete`).
Outcome outcome(const OnAirFacts& item, playout::EndReason reason_kind, const std::string& reason,
                scheduler::TimePoint began, scheduler::TimePoint actual_end);

}  // namespace onair::conductor
