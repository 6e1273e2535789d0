// `onair status`: what the conductor knows, as JSON (docs/control-protocol.md).

#include "ConductorState.hpp"
#include "onair/conductor/Conductor.hpp"

namespace onair::conductor {

using nlohmann::json;

namespace {

double seconds(std::chrono::milliseconds length) {
    return static_cast<double>(length.count()) / 1000.0;
}

const char* kind_name(OnAir::Kind kind) {
    switch (kind) {
        case OnAir::Kind::programme:
            return "programme";
        case OnAir::Kind::folder_file:
            return "programme";
        case OnAir::Kind::filler:
            return "filler";
        case OnAir::Kind::insert:
            return "insert";
    }
    return "programme";
}

}  // namespace

json Conductor::status(TimePoint now, std::size_t next_count) const {
    const Impl& impl = *impl_;
    json out;
    out["station"] = impl.station ? impl.station->name : "";
    out["now"] = impl.zone ? impl.zone->format_iso(now) : "";
    out["on_air"] = nullptr;
    out["relay"] = nullptr;
    // The item whose first sample is the latest one not after now.
    const OnAir* current = nullptr;
    for (const auto& [id, item] : impl.on_air) {
        const TimePoint began = item.actual_start.value_or(item.start);
        if (began <= now &&
            (current == nullptr || began > current->actual_start.value_or(current->start))) {
            current = &item;
        }
    }
    if (current != nullptr) {
        const TimePoint began = current->actual_start.value_or(current->start);
        const airlog::StartRecord& r = current->record;
        const bool planned = r.planned.has_value();
        json on_air{{"programme", planned ? r.planned->programme : r.programme},
                    {"title", planned ? r.planned->title : r.title},
                    {"role", planned ? std::string(scheduler::to_string(r.planned->role)) : r.role},
                    {"start", impl.zone->format_iso(began)},
                    {"planned_end", nullptr},
                    {"elapsed_s", seconds(now - began)},
                    {"remaining_s", nullptr},
                    {"source", planned ? r.planned->source : r.source},
                    {"kind", kind_name(current->kind)}};
        if (planned) {
            on_air["planned_end"] = impl.zone->format_iso(r.planned->end);
            on_air["remaining_s"] = seconds(r.planned->end - now);
        }
        out["on_air"] = std::move(on_air);
        if (current->relay) {
            std::string detail;
            if (!current->drops.empty()) {
                detail = current->drops.back().second;
            }
            out["relay"] =
                json{{"state", current->relay_state.empty() ? "connecting" : current->relay_state},
                     {"detail", detail}};
        }
    }
    json next = json::array();
    for (const Slot& slot : impl.slots) {
        if (next.size() >= next_count) {
            break;
        }
        if (slot.airing.start <= now || slot.airing.role == scheduler::Role::fill) {
            continue;
        }
        next.push_back({{"programme", slot.airing.programme},
                        {"title", slot.airing.title},
                        {"role", std::string(scheduler::to_string(slot.airing.role))},
                        {"start", impl.zone->format_iso(slot.airing.start)},
                        {"end", impl.zone->format_iso(slot.airing.end)},
                        {"media_ok", slot.airing.media_ok}});
    }
    out["next"] = std::move(next);
    json warnings = json::array();
    for (const auto& [key, warning] : impl.warnings) {
        warnings.push_back({{"key", key},
                            {"text", warning.text},
                            {"since", impl.zone ? impl.zone->format_iso(warning.since) : ""}});
    }
    out["warnings"] = std::move(warnings);
    const airlog::Health health = impl.log.health();
    out["log"] = {{"writable", health.writable},
                  {"pending", health.pending},
                  {"last_error", health.last_error}};
    out["outputs"] = json::array();  // the daemon, which owns the outputs, fills this in
    return out;
}

void Conductor::warn(std::string key, std::string text, TimePoint now) {
    auto& warnings = impl_->warnings;
    const auto found = warnings.find(key);
    if (found != warnings.end() && found->second.text == text) {
        return;
    }
    warnings[std::move(key)] = Warning{std::move(text), now};
}

void Conductor::clear_warning(const std::string& key) {
    impl_->warnings.erase(key);
}

}  // namespace onair::conductor
