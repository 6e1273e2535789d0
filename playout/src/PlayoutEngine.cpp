#include "onair/playout/PlayoutEngine.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <gst/gst.h>

#include "AirCore.hpp"
#include "FileItem.hpp"
#include "GstHandles.hpp"
#include "GstUtil.hpp"
#include "OutputSet.hpp"
#include "RelayItem.hpp"

namespace onair::playout {

namespace fs = std::filesystem;
using scheduler::TimePoint;

namespace {

/// How long poll() sleeps on the bus between looks at the streaming threads'
/// measurements; bounds the delay of item_started/item_ended.
constexpr GstClockTime poll_slice = 50 * GST_MSECOND;
constexpr std::chrono::seconds stop_timeout{5};

}  // namespace

struct PlayoutEngine::Impl {
    PlayoutListener& listener;
    std::vector<OutputSpec> output_specs;
    PlayoutSettings settings;
    /// Kept after stop() (at NULL) until the next start(): origin() and
    /// on_air_until() still answer for the air that was.
    std::unique_ptr<AirCore> core;
    std::unique_ptr<OutputSet> outputs;
    GObjectPtr<GstBus> bus;
    bool running = false;
    /// Error message seqnum -> the pipeline child it came from, noted by the
    /// bus's sync handler when it was posted: by the time poll() sees it, the
    /// element may be gone from its bin (decodebin removes a failed demuxer),
    /// and its parents no longer say which item it was.
    std::mutex error_owners_mutex;
    std::map<guint32, std::string> error_owners;
    std::vector<std::pair<std::string, std::string>> pending_air_errors;

    std::map<std::string, std::unique_ptr<FileItem>> items;  // by bin name
    std::vector<std::unique_ptr<RelayItem>> relays;          // see RelayItem.hpp
    std::vector<PlayoutItem> missing;                        // failed before a bin was built
    std::vector<std::pair<PlayoutItem, std::string>> unbuildable;
    /// Items cut() before their first sample went out: (id, at, reason).
    struct CutUnheard {
        std::string id;
        TimePoint at;
        std::string reason;
    };
    std::vector<CutUnheard> cut_unheard;
    std::uint64_t next_item = 0;

    Impl(std::vector<OutputSpec> specs, PlayoutListener& l, PlayoutSettings s)
        : listener(l), output_specs(std::move(specs)), settings(s) {}

    std::int64_t output_end() const { return core->output_end(); }
    void schedule_relay(const PlayoutItem& item);
    RelayItem* find_relay(const std::string& id);
    FileItem* find_item(const std::string& id);
    void report(const PlayoutItem& item, std::vector<ItemNews> news,
                std::vector<std::function<void()>>& calls);
    void handle_message(GstMessage* message);
    std::size_t deliver();
};

FileItem* PlayoutEngine::Impl::find_item(const std::string& id) {
    for (auto& [name, item] : items) {
        if (item->spec().id == id) {
            return item.get();
        }
    }
    return nullptr;
}

void PlayoutEngine::Impl::handle_message(GstMessage* message) {
    if (GST_MESSAGE_TYPE(message) != GST_MESSAGE_ERROR) {
        return;
    }
    const std::string text = error_text(message);
    std::string owner;
    {
        std::lock_guard lock(error_owners_mutex);
        const auto noted = error_owners.find(gst_message_get_seqnum(message));
        if (noted != error_owners.end()) {
            owner = std::move(noted->second);
            error_owners.erase(noted);
        }
    }
    if (owner.empty()) {
        return;  // from an element already outside the pipeline
    }
    if (const auto found = items.find(owner); found != items.end()) {
        found->second->fail(text);
        return;
    }
    if (outputs->handle_error(owner, text) || owner.starts_with("item-")) {
        return;  // an output's (reported by the set), or from an item already removed
    }
    pending_air_errors.emplace_back("air", text);
}

void PlayoutEngine::Impl::report(const PlayoutItem& item, std::vector<ItemNews> news,
                                 std::vector<std::function<void()>>& calls) {
    for (ItemNews& one : news) {
        const TimePoint at = core->wall_clock_at(one.at);
        switch (one.kind) {
            case ItemNews::Kind::started:
                calls.emplace_back([this, id = item.id, planned = item.start, at] {
                    listener.item_started(id, planned, at);
                });
                break;
            case ItemNews::Kind::event:
                calls.emplace_back(
                    [this, id = item.id, at, event = one.event, detail = std::move(one.text)] {
                        listener.relay_event(id, event, at, detail);
                    });
                break;
            case ItemNews::Kind::ended:
                calls.emplace_back(
                    [this, id = item.id, at, kind = one.end, reason = std::move(one.text)] {
                        listener.item_ended(id, at, kind, reason);
                    });
                break;
        }
    }
}

std::size_t PlayoutEngine::Impl::deliver() {
    std::vector<std::function<void()>> calls;
    outputs->tick();
    for (auto& [name, error] : pending_air_errors) {
        calls.emplace_back([this, name, error] { listener.output_error(name, error); });
    }
    pending_air_errors.clear();
    for (OutputEvent& event : outputs->take_events()) {
        if (event.kind == OutputEvent::Kind::error) {
            calls.emplace_back(
                [this, event] { listener.output_error(event.output, event.message); });
        } else if (event.kind == OutputEvent::Kind::recovered) {
            calls.emplace_back([this, event] { listener.output_recovered(event.output); });
        } else if (event.kind == OutputEvent::Kind::silence_alarm) {
            calls.emplace_back([this, at = event.at] { listener.silence_alarm(at); });
        } else {
            calls.emplace_back([this, at = event.at] { listener.silence_ended(at); });
        }
    }
    const std::int64_t out = output_end();
    for (const PlayoutItem& item : missing) {
        report(item,
               {{ItemNews::Kind::ended,
                 out,
                 {},
                 EndReason::failed,
                 "no such file: " + item.file.string()}},
               calls);
    }
    missing.clear();
    for (auto& [item, reason] : unbuildable) {
        report(item, {{ItemNews::Kind::ended, out, {}, EndReason::failed, reason}}, calls);
    }
    unbuildable.clear();
    for (CutUnheard& cut : cut_unheard) {
        calls.emplace_back(
            [this, cut] { listener.item_ended(cut.id, cut.at, EndReason::cut, cut.reason); });
    }
    cut_unheard.clear();
    for (auto& [name, item] : items) {
        report(item->spec(), item->tick(out), calls);
    }
    std::erase_if(items, [](const auto& entry) { return entry.second->done(); });
    // The relays' rules run on the steady clock, which their health is
    // stamped with, and on the air clock.
    const auto now = std::chrono::steady_clock::now();
    const std::int64_t now_sample = core->mixer().now_sample();
    for (auto& relay : relays) {
        report(relay->spec(), relay->tick(out, now_sample, now), calls);
    }
    std::erase_if(relays, [](const auto& relay) { return relay->done(); });
    // Called last, and from a copy: a listener may schedule() from a callback.
    for (const auto& call : calls) {
        call();
    }
    return calls.size();
}

void PlayoutEngine::Impl::schedule_relay(const PlayoutItem& item) {
    if (!item.max_length || item.max_length->count() <= 0) {
        unbuildable.emplace_back(
            item, "relay " + item.relay_url + ": a relay needs max_length (its duration)");
        return;
    }
    relays.push_back(std::make_unique<RelayItem>(
        item, "item-" + std::to_string(next_item++), core->mixer(), settings.silence_threshold_db,
        core->sample_at(item.start), core->sample_at(item.start + *item.max_length),
        core->mixer().now_sample()));
}

RelayItem* PlayoutEngine::Impl::find_relay(const std::string& id) {
    for (auto& relay : relays) {
        if (relay->spec().id == id && !relay->done()) {
            return relay.get();
        }
    }
    return nullptr;
}

PlayoutEngine::PlayoutEngine(std::vector<OutputSpec> outputs, PlayoutListener& listener,
                             PlayoutSettings settings)
    : impl_(std::make_unique<Impl>(std::move(outputs), listener, settings)) {
    GErrorHolder error;
    if (!gst_init_check(nullptr, nullptr, error.out())) {
        throw std::runtime_error("cannot initialize GStreamer: " + error.message());
    }
}

PlayoutEngine::~PlayoutEngine() {
    stop();
}

void PlayoutEngine::start() {
    Impl& impl = *impl_;
    if (impl.running) {
        return;
    }
    impl.core = std::make_unique<AirCore>();
    impl.outputs =
        std::make_unique<OutputSet>(impl.core->pipeline(), impl.core->tee(), impl.settings);
    for (const OutputSpec& spec : impl.output_specs) {
        impl.outputs->add(spec);
    }
    impl.bus = adopt(gst_element_get_bus(impl.core->pipeline()));
    gst_bus_set_sync_handler(
        impl.bus.get(),
        [](GstBus*, GstMessage* message, gpointer data) -> GstBusSyncReply {
            auto* self = static_cast<Impl*>(data);
            if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
                std::string owner =
                    top_child_name(GST_MESSAGE_SRC(message), self->core->pipeline());
                self->outputs->mark_failed(owner);
                std::lock_guard lock(self->error_owners_mutex);
                self->error_owners[gst_message_get_seqnum(message)] = std::move(owner);
            }
            return GST_BUS_PASS;
        },
        &impl, nullptr);
    impl.core->anchor_clock();
    impl.outputs->set_timeline(impl.core->origin(), impl.core->base_time());
    if (gst_element_set_state(impl.core->pipeline(), GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
        std::string reason = "the playout pipeline did not start";
        while (GstMessagePtr message{gst_bus_pop_filtered(impl.bus.get(), GST_MESSAGE_ERROR)}) {
            reason += ": " + error_text(message.get());
        }
        gst_element_set_state(impl.core->pipeline(), GST_STATE_NULL);
        gst_bus_set_sync_handler(impl.bus.get(), nullptr, nullptr, nullptr);
        impl.outputs.reset();
        impl.bus.reset();
        impl.core.reset();
        throw std::runtime_error(reason);
    }
    impl.running = true;
}

void PlayoutEngine::schedule(const PlayoutItem& item) {
    Impl& impl = *impl_;
    if (!impl.running) {
        throw std::logic_error("PlayoutEngine::schedule() before start()");
    }
    if (!item.relay_url.empty()) {
        impl.schedule_relay(item);
        return;
    }
    std::error_code error;
    if (!fs::is_regular_file(item.file, error)) {
        impl.missing.push_back(item);
        return;
    }
    try {
        auto built =
            std::make_unique<FileItem>(item, "item-" + std::to_string(impl.next_item++),
                                       impl.core->mixer(), impl.core->sample_at(item.start));
        const std::string name = built->bin_name();
        impl.items.emplace(name, std::move(built));
    } catch (const std::runtime_error& failure) {
        impl.unbuildable.emplace_back(item, failure.what());
    }
}

bool PlayoutEngine::cut(const std::string& id, TimePoint at, const std::string& reason,
                        std::chrono::milliseconds fade) {
    Impl& impl = *impl_;
    const std::int64_t at_sample = impl.core->sample_at(at);
    const std::int64_t fade_samples = fade.count() * (sample_rate / 1000);
    FileItem* item = impl.find_item(id);
    if (item == nullptr) {
        RelayItem* relay = impl.find_relay(id);
        return relay != nullptr && relay->cut(at_sample, fade_samples, reason);
    }
    if (item->cut(at_sample, fade_samples, reason, impl.output_end()) == FileItem::Cut::unheard) {
        // Not heard yet and not to be: take it off before its first sample
        // (releasing its mixer pad drops the audio already queued there).
        impl.cut_unheard.push_back({id, at, reason});
        impl.items.erase(item->bin_name());
    }
    return true;
}

bool PlayoutEngine::cancel(const std::string& id) {
    Impl& impl = *impl_;
    if (FileItem* item = impl.find_item(id)) {
        if (item->on_air(impl.output_end())) {
            return false;  // on the air already: cut() it
        }
        impl.items.erase(item->bin_name());
        return true;
    }
    for (auto it = impl.relays.begin(); it != impl.relays.end(); ++it) {
        if ((*it)->spec().id == id && !(*it)->done()) {
            if ((*it)->on_air(impl.output_end())) {
                return false;
            }
            impl.relays.erase(it);  // its destructor takes it down
            return true;
        }
    }
    return false;
}

std::size_t PlayoutEngine::poll(std::chrono::milliseconds timeout) {
    Impl& impl = *impl_;
    if (!impl.running) {
        return 0;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t delivered = 0;
    for (;;) {
        while (GstMessagePtr message{gst_bus_pop(impl.bus.get())}) {
            impl.handle_message(message.get());
        }
        delivered += impl.deliver();
        const auto now = std::chrono::steady_clock::now();
        if (delivered > 0 || now >= deadline) {
            return delivered;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - now).count();
        GstMessagePtr message{gst_bus_timed_pop(
            impl.bus.get(), std::min<GstClockTime>(poll_slice, static_cast<GstClockTime>(left)))};
        if (message) {
            impl.handle_message(message.get());
        }
    }
}

void PlayoutEngine::stop() {
    Impl& impl = *impl_;
    if (!impl.running) {
        return;
    }
    impl.running = false;
    impl.items.clear();  // each takes its bin down
    impl.relays.clear();
    impl.core->drain(impl.outputs->size(), impl.bus.get(), stop_timeout);
    gst_element_set_state(impl.core->pipeline(), GST_STATE_NULL);
    gst_bus_set_sync_handler(impl.bus.get(), nullptr, nullptr, nullptr);
    impl.error_owners.clear();
    impl.outputs->clear();
    impl.outputs.reset();
    impl.bus.reset();
}

TimePoint PlayoutEngine::origin() const {
    return impl_->core ? impl_->core->origin() : TimePoint{};
}

std::chrono::milliseconds PlayoutEngine::reanchor() {
    Impl& impl = *impl_;
    if (!impl.running) {
        return std::chrono::milliseconds(0);
    }
    const auto moved = impl.core->reanchor();
    impl.outputs->set_timeline(impl.core->origin(), impl.core->base_time());
    return moved;
}

TimePoint PlayoutEngine::on_air_until() const {
    return impl_->core ? impl_->core->wall_clock_at(impl_->output_end()) : TimePoint{};
}

}  // namespace onair::playout
