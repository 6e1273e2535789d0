#pragma once
// The air of `onair simulate`: a stand-in for the playout engine on a virtual
// clock. Each item "plays" from its start for its media's length (asked of a
// MediaCatalog) minus its join offset, capped by max_length and by cut(); a
// relay is up except during the simulated outages it is given. Nothing is
// decoded and no time passes: advance_to() reports, in order, what the engine
// would have reported up to an instant.
//
// What it reports, and when (the same listener calls as PlayoutEngine):
// - a file that is missing or unreadable: item_ended(failed) at its start,
//   never item_started;
// - a file: item_started at its start, item_ended at start + length - offset
//   (complete), or at start + max_length (cut_at_max_length, cut_reason), or
//   where cut() says (cut, its reason); cut before its start: item_ended(cut)
//   then, without airing;
// - a relay up at its start: relay_event(connected) and item_started at its
//   start; it ends at start + max_length (cut_at_max_length). An outage that
//   begins while it plays: relay_event(dropped); an outage shorter than the
//   item's relay_silence_tolerance ends with relay_event(rejoined), a longer
//   one puts the fallback file on at drop + tolerance (relay_event(fallback)),
//   which plays to its end or to the item's end (the simulated relay is not
//   rejoined after that); without a playable fallback the item ends at the drop
//   (complete: the source died);
// - a relay down at its start: relay_event(dropped) and, with a playable
//   fallback, relay_event(fallback) and item_started at its start, the fallback
//   playing as above; without one, item_ended(failed) at its start.
//
// Threads: one thread calls everything. A listener may call schedule(), cut()
// and cancel() from inside a callback (the conductor does); not advance_to().
//
// Throws: nothing of its own but std::logic_error for advance_to() from inside
// a callback; whatever the catalog throws.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onair/conductor/Air.hpp"
#include "onair/playout/PlayoutListener.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::conductor {

/// A span of virtual time during which something is down: [from, to).
struct Outage {
    scheduler::TimePoint from;
    scheduler::TimePoint to;
};

class SimulatedAir final : public Air {
  public:
    /// `media` must outlive the air. Relays are down during `relay_outages`.
    /// The virtual clock starts at `now`.
    SimulatedAir(scheduler::MediaCatalog& media, std::vector<Outage> relay_outages,
                 scheduler::TimePoint now);

    void schedule(const playout::PlayoutItem& item) override;
    bool cut(const std::string& id, scheduler::TimePoint at, const std::string& reason,
             std::chrono::milliseconds fade) override;
    bool cancel(const std::string& id) override;

    /// When the next report is due; TimePoint::max() when nothing is waiting or
    /// playing.
    scheduler::TimePoint next_event_time() const;

    /// Moves the virtual clock to `t` (never back), reporting to `listener`, in
    /// time order, everything due up to and including `t`, also what the
    /// listener's own calls make due by then.
    void advance_to(scheduler::TimePoint t, playout::PlayoutListener& listener);

    scheduler::TimePoint now() const { return now_; }
    /// Items waiting or on the air.
    std::size_t items() const { return items_.size(); }

  private:
    /// One report the item will make, unless a cut() or cancel() changes it.
    struct Step {
        enum class Kind { started, relay, ended };
        Kind kind = Kind::started;
        scheduler::TimePoint at;
        playout::RelayEvent relay_event = playout::RelayEvent::connected;
        playout::EndReason end_reason = playout::EndReason::complete;
        std::string text;  // relay detail or end reason
    };
    struct Item {
        playout::PlayoutItem spec;
        std::uint64_t order = 0;  // ties between items: first scheduled reports first
        std::vector<Step> steps;  // in time order; the last one ends the item
        std::size_t reported = 0;
    };

    std::vector<Step> plan_file(const playout::PlayoutItem& item, scheduler::TimePoint start);
    std::vector<Step> plan_relay(const playout::PlayoutItem& item, scheduler::TimePoint start);
    /// Appends the fallback playing from `from` until `end` (and the item's
    /// start, if `start_item`), or, when there is no playable fallback, an end
    /// of kind `without` at `without_at` whose reason begins `without_reason`.
    void plan_fallback(const playout::PlayoutItem& item, scheduler::TimePoint from,
                       scheduler::TimePoint end, std::vector<Step>& steps, bool start_item,
                       playout::EndReason without, scheduler::TimePoint without_at,
                       const std::string& without_reason);
    std::optional<Outage> outage_at(scheduler::TimePoint t) const;
    std::optional<Outage> outage_within(scheduler::TimePoint from, scheduler::TimePoint to) const;
    /// The item whose next report comes first, or items_.end().
    std::map<std::string, Item>::iterator next_item();

    scheduler::MediaCatalog& media_;
    std::vector<Outage> relay_outages_;  // sorted, merged
    scheduler::TimePoint now_;
    std::map<std::string, Item> items_;
    std::uint64_t next_order_ = 0;
    bool reporting_ = false;
};

}  // namespace onair::conductor
