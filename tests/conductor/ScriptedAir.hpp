#pragma once
// An Air for conductor tests: "plays" each item for the length the test's
// catalog gives, from its start (minus its offset), cut at max_length or at a
// cut(); reports to the conductor when the test moves time on with run_until().
// Like a real air, its first sample goes out a little after the planned
// instant (`start_error`, never 0 by default), and it reports that actual
// start: a conductor that logged the planned start instead is caught.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onair/conductor/Air.hpp"
#include "onair/conductor/Conductor.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::conductor::testing {

class ScriptedAir : public Air {
  public:
    struct Item {
        playout::PlayoutItem spec;
        TimePoint end;  // natural or max_length end
        playout::EndReason reason = playout::EndReason::complete;
        std::string why;
        bool started = false;
        bool ended = false;
        bool cancelled = false;
    };

    explicit ScriptedAir(scheduler::MediaCatalog& catalog,
                         std::chrono::milliseconds start_error = std::chrono::milliseconds{7})
        : catalog_(catalog), start_error_(start_error) {}

    /// How long after its planned instant each item's first sample goes out.
    std::chrono::milliseconds start_error() const { return start_error_; }

    void schedule(const playout::PlayoutItem& spec) override {
        Item item{spec, spec.start, playout::EndReason::complete, {}};
        if (!spec.relay_url.empty()) {
            item.end = spec.start + *spec.max_length;
            item.reason = playout::EndReason::cut_at_max_length;
            item.why = spec.cut_reason;
        } else {
            const scheduler::MediaInfo info = catalog_.file(spec.file);
            if (info.status != scheduler::MediaInfo::Status::ok) {
                item.reason = playout::EndReason::failed;
                item.why = "no such file: " + spec.file.string();
            } else {
                item.end = spec.start + (info.duration - spec.offset);
                if (spec.max_length && spec.start + *spec.max_length < item.end) {
                    item.end = spec.start + *spec.max_length;
                    item.reason = playout::EndReason::cut_at_max_length;
                    item.why = spec.cut_reason;
                }
            }
        }
        order_.push_back(spec.id);
        items_[spec.id] = item;
    }

    bool cut(const std::string& id, TimePoint at, const std::string& reason,
             std::chrono::milliseconds) override {
        auto found = items_.find(id);
        if (found == items_.end() || found->second.ended || found->second.cancelled) {
            return false;
        }
        if (at < found->second.end) {
            found->second.end = std::max(at, found->second.spec.start);
            found->second.reason = playout::EndReason::cut;
            found->second.why = reason;
        }
        return true;
    }

    bool cancel(const std::string& id) override {
        auto found = items_.find(id);
        if (found == items_.end() || found->second.started || found->second.ended) {
            return false;
        }
        found->second.cancelled = true;
        return true;
    }

    /// Runs the conductor and the air together up to `until`.
    void run_until(Conductor& conductor, TimePoint& now, TimePoint until) {
        while (now < until) {
            const TimePoint deadline = conductor.advance(now);
            TimePoint next = std::min(deadline, until);
            for (auto& [id, item] : items_) {
                if (item.cancelled || item.ended) {
                    continue;
                }
                if (!item.started && item.reason != playout::EndReason::failed) {
                    next = std::min(next, item.spec.start + start_error_);
                } else {
                    next =
                        std::min(next, item.reason == playout::EndReason::failed ? item.spec.start
                                                                                 : item.end);
                }
            }
            next = std::max(next, now);
            now = next;
            deliver(conductor, now);
            if (next == until) {
                conductor.advance(now);
                deliver(conductor, now);
                break;
            }
        }
    }

    /// Events up to `now`, in time order.
    void deliver(Conductor& conductor, TimePoint now) {
        for (bool more = true; more;) {
            more = false;
            for (const std::string& id : order_) {
                Item& item = items_[id];
                if (item.cancelled || item.ended) {
                    continue;
                }
                if (item.reason == playout::EndReason::failed && item.spec.start <= now) {
                    item.ended = true;
                    conductor.item_ended(id, item.spec.start, item.reason, item.why);
                    more = true;
                } else if (!item.started && item.spec.start + start_error_ <= now &&
                           item.spec.start + start_error_ < item.end) {
                    item.started = true;
                    conductor.item_started(id, item.spec.start, item.spec.start + start_error_);
                    more = true;
                } else if (item.started && item.end <= now) {
                    item.ended = true;
                    conductor.item_ended(id, item.end, item.reason, item.why);
                    more = true;
                }
            }
        }
    }

    const std::map<std::string, Item>& items() const { return items_; }
    std::vector<Item> in_order() const {
        std::vector<Item> out;
        for (const auto& id : order_) {
            out.push_back(items_.at(id));
        }
        return out;
    }

  private:
    scheduler::MediaCatalog& catalog_;
    std::chrono::milliseconds start_error_;
    std::map<std::string, Item> items_;
    std::vector<std::string> order_;
};

}  // namespace onair::conductor::testing
