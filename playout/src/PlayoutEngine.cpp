#include "onair/playout/PlayoutEngine.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <gst/gst.h>

#include "FadeRamp.hpp"
#include "FileSource.hpp"
#include "GstHandles.hpp"
#include "GstUtil.hpp"
#include "OutputSet.hpp"
#include "RelayFeed.hpp"
#include "RelayItem.hpp"

namespace onair::playout {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::TimePoint;

namespace {

/// An item that has produced no audio this long after its planned start is
/// failed: decodebin can lose a demuxer's error (truncated Ogg, GStreamer 1.22)
/// and then sits silent forever.
constexpr std::chrono::milliseconds start_grace = 2s;
/// How long poll() sleeps on the bus between looks at the streaming threads'
/// measurements; bounds the delay of item_started/item_ended.
constexpr GstClockTime poll_slice = 50 * GST_MSECOND;
constexpr GstClockTime stop_timeout = 5 * GST_SECOND;

/// The name of `object`'s ancestor that is a direct child of `top`, or "" if
/// `object` is not (or no longer) inside `top`.
std::string top_child_name(GstObject* object, GstElement* top) {
    auto current = ref_borrowed(object);
    while (current) {
        auto parent = adopt(gst_object_get_parent(current.get()));
        if (!parent) {
            return {};
        }
        if (parent.get() == GST_OBJECT(top)) {
            return take_string(gst_object_get_name(current.get()));
        }
        current = std::move(parent);
    }
    return {};
}

}  // namespace

/// What the streaming threads measure about one item, in samples of the output
/// timeline. Written by the mixer pad's probe, read by poll().
struct ItemProgress {
    std::mutex mutex;
    bool got_audio = false;
    std::int64_t first_sample = 0;
    std::int64_t end_sample = 0;  // one past the last sample handed to the mixer
    bool eos = false;
    bool cut = false;  // reached cut_sample: everything after it is dropped
    /// The fade and the cut (at its end()); end() < 0: none (yet). Set at
    /// schedule() from max_length, or later by PlayoutEngine::cut().
    FadeRamp ending;
};

/// One scheduled item: its bin in the pipeline and its place on the timeline.
struct ScheduledItem {
    PlayoutItem spec;
    std::string bin_name;
    GObjectPtr<GstElement> bin;
    GObjectPtr<GstPad> mixer_pad;
    std::int64_t planned_sample = 0;
    std::shared_ptr<ItemProgress> progress = std::make_shared<ItemProgress>();
    // Owner thread only:
    bool started_reported = false;
    std::optional<std::string> failure;
    /// Set by PlayoutEngine::cut(): the cut is the owner's, not max_length's.
    std::optional<std::string> cut_on_request;
};

struct PlayoutEngine::Impl {
    PlayoutListener& listener;
    std::vector<OutputSpec> output_specs;
    PlayoutSettings settings;
    std::unique_ptr<OutputSet> outputs;
    /// Error message seqnum -> the pipeline child it came from, noted by the
    /// bus's sync handler when it was posted: by the time poll() sees it, the
    /// element may be gone from its bin (decodebin removes a failed demuxer),
    /// and its parents no longer say which item it was.
    std::mutex error_owners_mutex;
    std::map<guint32, std::string> error_owners;
    std::vector<std::pair<std::string, std::string>> pending_air_errors;

    GObjectPtr<GstElement> pipeline;
    GObjectPtr<GstElement> silence;
    GObjectPtr<GstElement> mixer;
    GObjectPtr<GstElement> tee;
    GObjectPtr<GstBus> bus;
    GObjectPtr<GstClock> clock;
    TimePoint origin{};
    GstClockTime base_time = 0;
    std::atomic<std::int64_t> output_end_sample{0};
    bool running = false;

    std::map<std::string, std::unique_ptr<ScheduledItem>> items;  // by bin name
    std::vector<std::unique_ptr<RelayItem>> relays;               // see RelayItem.hpp
    std::vector<PlayoutItem> missing;                             // failed before a bin was built
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

    TimePoint wall_clock_at(std::int64_t sample) const {
        // 48 samples per ms: round to the nearest ms.
        const std::int64_t ms = (sample * 1000 + sample_rate / 2) / sample_rate;
        return origin + std::chrono::milliseconds(ms);
    }

    std::int64_t sample_at(TimePoint instant) const {
        return (instant - origin).count() * (sample_rate / 1000);
    }

    void build_core();
    void anchor_clock();
    RelayAir relay_air() const { return {pipeline.get(), mixer.get(), clock.get(), base_time}; }
    void schedule_relay(const PlayoutItem& item);
    RelayItem* find_relay(const std::string& id);
    void deliver_relays(std::vector<std::function<void()>>& calls);
    std::unique_ptr<ScheduledItem> build_item(const PlayoutItem& item);
    ScheduledItem* find_item(const std::string& id);
    void remove_item(ScheduledItem& item);
    void handle_message(GstMessage* message);
    std::size_t deliver();
};

void PlayoutEngine::Impl::build_core() {
    pipeline = adopt_floating(gst_pipeline_new("air"));
    silence = make_element("audiotestsrc", "silence");
    // 100 ms blocks: every buffer costs each element (and each output's queue
    // and encoder) a fixed price, so bigger blocks save CPU (10 ms: 6.5 % of a
    // core with two encoders, 40 ms: 4.5 %, 100 ms: 3.4 %). The pad offsets,
    // not the block size, decide where a sample goes, so starts stay exact;
    // what a block costs is latency, and only a sound card hears that.
    g_object_set(silence.get(), "is-live", TRUE, "wave", 4 /* silence */, "samplesperbuffer",
                 sample_rate / 10, nullptr);
    auto silence_caps = make_element("capsfilter");
    auto mixer_caps = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(silence_caps.get(), "caps", caps.get(), nullptr);
    g_object_set(mixer_caps.get(), "caps", caps.get(), nullptr);
    mixer = make_element("audiomixer", "mixer");
    // The mixer's own latency: how long it waits for late inputs before it
    // outputs without them. Items are prerolled ahead, so this only matters for
    // scheduling jitter.
    g_object_set(mixer.get(), "latency", static_cast<guint64>(100 * GST_MSECOND),
                 "output-buffer-duration", static_cast<guint64>(100 * GST_MSECOND), nullptr);
    tee = make_element("tee", "tee");
    g_object_set(tee.get(), "allow-not-linked", TRUE, nullptr);

    GstBin* bin = GST_BIN(pipeline.get());
    for (const auto* element : {&silence, &silence_caps, &mixer, &mixer_caps, &tee}) {
        add_to(bin, *element);
    }
    if (!gst_element_link_many(silence.get(), silence_caps.get(), mixer.get(), mixer_caps.get(),
                               tee.get(), nullptr)) {
        throw std::runtime_error("cannot link the playout pipeline");
    }

    // The output position: where the mixer's output has got to, in samples.
    auto mixer_src = adopt(gst_element_get_static_pad(mixer.get(), "src"));
    gst_pad_add_probe(
        mixer_src.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad* pad, GstPadProbeInfo* info, gpointer data) -> GstPadProbeReturn {
            auto* self = static_cast<Impl*>(data);
            GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
            const GstClockTime running_time = running_time_of(pad, buffer);
            if (GST_CLOCK_TIME_IS_VALID(running_time)) {
                const std::int64_t end =
                    samples_at(running_time) +
                    static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
                self->output_end_sample.store(end);
            }
            return GST_PAD_PROBE_OK;
        },
        this, nullptr);
}

void PlayoutEngine::Impl::anchor_clock() {
    auto clock = adopt(gst_system_clock_obtain());
    g_object_set(clock.get(), "clock-type", GST_CLOCK_TYPE_MONOTONIC, nullptr);
    gst_pipeline_use_clock(GST_PIPELINE(pipeline.get()), clock.get());
    // One (wall clock, pipeline clock) pair, read as close together as we can.
    const GstClockTime before = gst_clock_get_time(clock.get());
    const auto wall = std::chrono::system_clock::now();
    const GstClockTime after = gst_clock_get_time(clock.get());
    const GstClockTime clock_at_wall = before + (after - before) / 2;
    // Running time 0 on the whole millisecond just before now. Not ahead of
    // now: a live source that starts before running time 0 computes a negative
    // running time and loses its pacing. Being a few ms late at the start is
    // what the mixer's latency absorbs.
    origin = std::chrono::floor<std::chrono::milliseconds>(wall);
    const auto behind = std::chrono::duration_cast<std::chrono::nanoseconds>(wall - origin);
    base_time = clock_at_wall - static_cast<GstClockTime>(behind.count());
    // We choose the base time; the pipeline must not pick its own at PLAYING.
    gst_element_set_start_time(pipeline.get(), GST_CLOCK_TIME_NONE);
    set_base_time_everywhere(pipeline.get(), base_time);
    this->clock = std::move(clock);
}

std::unique_ptr<ScheduledItem> PlayoutEngine::Impl::build_item(const PlayoutItem& spec) {
    auto item = std::make_unique<ScheduledItem>();
    item->spec = spec;
    item->bin_name = "item-" + std::to_string(next_item++);
    item->planned_sample = sample_at(spec.start);
    if (spec.max_length) {
        // Never longer than the item: as if its start were already mixed.
        item->progress->ending =
            FadeRamp::out(sample_at(spec.start + *spec.max_length),
                          spec.fade_out.count() * (sample_rate / 1000), item->planned_sample);
    }
    item->bin = build_file_source(item->bin_name, spec.file, spec.offset);
    auto ghost = adopt(gst_element_get_static_pad(item->bin.get(), "src"));
    // The whole point: the item's running time 0 is its planned instant.
    const std::int64_t offset_ns = (spec.start - origin).count() * 1'000'000;
    gst_pad_set_offset(ghost.get(), std::max<std::int64_t>(0, offset_ns));

    add_to(GST_BIN(pipeline.get()), item->bin);
    item->mixer_pad = adopt(gst_element_request_pad_simple(mixer.get(), "sink_%u"));
    if (gst_pad_link(ghost.get(), item->mixer_pad.get()) != GST_PAD_LINK_OK) {
        throw std::runtime_error("cannot link the item to the mixer");
    }

    // Measures the item on the output timeline and applies the fade and cut;
    // runs in the item's streaming thread.
    struct ProbeData {
        std::shared_ptr<ItemProgress> progress;
    };
    gst_pad_add_probe(
        item->mixer_pad.get(),
        static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                     GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
        [](GstPad* pad, GstPadProbeInfo* info, gpointer user_data) -> GstPadProbeReturn {
            auto* data = static_cast<ProbeData*>(user_data);
            ItemProgress& progress = *data->progress;
            if ((info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) != 0) {
                if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS) {
                    std::lock_guard lock(progress.mutex);
                    progress.eos = true;
                }
                return GST_PAD_PROBE_OK;
            }
            GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
            const GstClockTime running_time = running_time_of(pad, buffer);
            if (!GST_CLOCK_TIME_IS_VALID(running_time)) {
                return GST_PAD_PROBE_OK;
            }
            const std::int64_t first = samples_at(running_time);
            std::int64_t frames =
                static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
            std::lock_guard lock(progress.mutex);
            const std::int64_t cut = progress.ending.end();
            if (progress.cut) {
                return GST_PAD_PROBE_DROP;
            }
            if (cut >= 0 && first >= cut) {
                progress.cut = true;
                progress.end_sample = std::max(progress.end_sample, cut);
                return GST_PAD_PROBE_DROP;
            }
            if (cut >= 0 && progress.ending.touches(first, frames)) {
                buffer = gst_buffer_make_writable(buffer);
                GST_PAD_PROBE_INFO_DATA(info) = buffer;
                if (first + frames > cut) {
                    frames = cut - first;
                    gst_buffer_resize(buffer, 0, frames * air_bytes_per_frame);
                    GST_BUFFER_DURATION(buffer) = gst_util_uint64_scale_int(
                        static_cast<guint64>(frames), GST_SECOND, sample_rate);
                    progress.cut = true;
                }
                GstMapInfo map;
                if (gst_buffer_map(buffer, &map, GST_MAP_READWRITE)) {
                    FadeRamp::apply(reinterpret_cast<float*>(map.data), channels, first, frames,
                                    progress.ending);
                    gst_buffer_unmap(buffer, &map);
                }
            }
            if (!progress.got_audio) {
                progress.got_audio = true;
                progress.first_sample = first;
            }
            progress.end_sample = std::max(progress.end_sample, first + frames);
            return GST_PAD_PROBE_OK;
        },
        new ProbeData{item->progress}, [](gpointer data) { delete static_cast<ProbeData*>(data); });

    answer_latency_as_not_live(item->mixer_pad.get());
    set_base_time_everywhere(item->bin.get(), base_time);
    if (gst_element_sync_state_with_parent(item->bin.get()) == FALSE) {
        item->failure = "cannot start decoding " + spec.file.string();
    }
    return item;
}

ScheduledItem* PlayoutEngine::Impl::find_item(const std::string& id) {
    for (auto& [name, item] : items) {
        if (item->spec.id == id) {
            return item.get();
        }
    }
    return nullptr;
}

void PlayoutEngine::Impl::remove_item(ScheduledItem& item) {
    // Releasing the mixer pad first flushes it: a decoder thread waiting in it
    // returns at once, so setting the bin to NULL cannot block. Errors the bin
    // posts on the way out name a bin that is no longer in `items`: ignored.
    gst_element_release_request_pad(mixer.get(), item.mixer_pad.get());
    gst_element_set_locked_state(item.bin.get(), TRUE);
    gst_element_set_state(item.bin.get(), GST_STATE_NULL);
    gst_bin_remove(GST_BIN(pipeline.get()), item.bin.get());
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
        if (!found->second->failure) {
            found->second->failure = text;
        }
        return;
    }
    if (outputs->handle_error(owner, text) || owner.starts_with("item-")) {
        return;  // an output's (reported by the set), or from an item already removed
    }
    pending_air_errors.emplace_back("air", text);
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
    for (const PlayoutItem& item : missing) {
        const TimePoint now = wall_clock_at(output_end_sample.load());
        calls.emplace_back([this, item, now] {
            listener.item_ended(item.id, now, EndReason::failed,
                                "no such file: " + item.file.string());
        });
    }
    missing.clear();
    for (auto& [item, reason] : unbuildable) {
        const TimePoint now = wall_clock_at(output_end_sample.load());
        calls.emplace_back([this, id = item.id, reason, now] {
            listener.item_ended(id, now, EndReason::failed, reason);
        });
    }
    unbuildable.clear();
    for (CutUnheard& cut : cut_unheard) {
        calls.emplace_back(
            [this, cut] { listener.item_ended(cut.id, cut.at, EndReason::cut, cut.reason); });
    }
    cut_unheard.clear();

    const std::int64_t out = output_end_sample.load();
    for (auto it = items.begin(); it != items.end();) {
        ScheduledItem& item = *it->second;
        bool got_audio, eos, cut;
        std::int64_t first, end;
        {
            std::lock_guard lock(item.progress->mutex);
            got_audio = item.progress->got_audio;
            eos = item.progress->eos;
            cut = item.progress->cut;
            first = item.progress->first_sample;
            end = item.progress->end_sample;
        }
        const std::string id = item.spec.id;
        if (!item.started_reported && got_audio && out >= first) {
            item.started_reported = true;
            calls.emplace_back([this, id, planned = item.spec.start, at = wall_clock_at(first)] {
                listener.item_started(id, planned, at);
            });
        }
        std::optional<std::pair<EndReason, std::string>> ended;
        TimePoint ended_at = wall_clock_at(out);
        if (item.failure) {
            ended = {EndReason::failed, *item.failure};
        } else if (cut && out >= end) {
            if (item.cut_on_request) {
                ended = {EndReason::cut, *item.cut_on_request};
            } else if (!item.spec.cut_reason.empty()) {
                ended = {EndReason::cut_at_max_length, item.spec.cut_reason};
            } else {
                ended = {
                    EndReason::cut_at_max_length,
                    "max length " + std::to_string(item.spec.max_length->count()) + " ms reached"};
            }
            ended_at = wall_clock_at(end);
        } else if (eos && !got_audio) {
            ended = {EndReason::failed, "no audio in " + item.spec.file.string()};
        } else if (eos && out >= end) {
            ended = {EndReason::complete, ""};
            ended_at = wall_clock_at(end);
        } else if (!got_audio && out >= sample_at(item.spec.start + start_grace)) {
            ended = {EndReason::failed,
                     "no audio from " + item.spec.file.string() + " by its start time"};
        }
        if (ended) {
            remove_item(item);
            calls.emplace_back([this, id, ended_at, ended = *ended] {
                listener.item_ended(id, ended_at, ended.first, ended.second);
            });
            it = items.erase(it);
        } else {
            ++it;
        }
    }
    deliver_relays(calls);
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
        item, "item-" + std::to_string(next_item++), relay_air(), settings.silence_threshold_db,
        sample_at(item.start), sample_at(item.start + *item.max_length)));
}

RelayItem* PlayoutEngine::Impl::find_relay(const std::string& id) {
    for (auto& relay : relays) {
        if (relay->spec().id == id && !relay->done()) {
            return relay.get();
        }
    }
    return nullptr;
}

void PlayoutEngine::Impl::deliver_relays(std::vector<std::function<void()>>& calls) {
    const std::int64_t out = output_end_sample.load();
    for (auto& relay : relays) {
        const std::string& id = relay->spec().id;
        const TimePoint planned = relay->spec().start;
        for (RelayNews& news : relay->tick(out)) {
            const TimePoint at = wall_clock_at(news.at);
            switch (news.kind) {
                case RelayNews::Kind::started:
                    calls.emplace_back(
                        [this, id, planned, at] { listener.item_started(id, planned, at); });
                    break;
                case RelayNews::Kind::event:
                    calls.emplace_back(
                        [this, id, at, event = news.event, detail = std::move(news.text)] {
                            listener.relay_event(id, event, at, detail);
                        });
                    break;
                case RelayNews::Kind::ended:
                    calls.emplace_back(
                        [this, id, at, kind = news.end, reason = std::move(news.text)] {
                            listener.item_ended(id, at, kind, reason);
                        });
                    break;
            }
        }
    }
    std::erase_if(relays, [](const auto& relay) { return relay->done(); });
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
    impl.build_core();
    impl.outputs = std::make_unique<OutputSet>(impl.pipeline.get(), impl.tee.get(), impl.settings);
    for (const OutputSpec& spec : impl.output_specs) {
        impl.outputs->add(spec);
    }
    impl.bus = adopt(gst_element_get_bus(impl.pipeline.get()));
    gst_bus_set_sync_handler(
        impl.bus.get(),
        [](GstBus*, GstMessage* message, gpointer data) -> GstBusSyncReply {
            auto* self = static_cast<Impl*>(data);
            if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
                std::string owner = top_child_name(GST_MESSAGE_SRC(message), self->pipeline.get());
                self->outputs->mark_failed(owner);
                std::lock_guard lock(self->error_owners_mutex);
                self->error_owners[gst_message_get_seqnum(message)] = std::move(owner);
            }
            return GST_BUS_PASS;
        },
        &impl, nullptr);
    impl.anchor_clock();
    impl.outputs->set_timeline(impl.origin, impl.base_time);
    if (gst_element_set_state(impl.pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        std::string reason = "the playout pipeline did not start";
        while (GstMessagePtr message{gst_bus_pop_filtered(impl.bus.get(), GST_MESSAGE_ERROR)}) {
            reason += ": " + error_text(message.get());
        }
        gst_element_set_state(impl.pipeline.get(), GST_STATE_NULL);
        impl.pipeline.reset();
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
        auto built = impl.build_item(item);
        const std::string name = built->bin_name;
        impl.items.emplace(name, std::move(built));
    } catch (const std::runtime_error& failure) {
        impl.unbuildable.emplace_back(item, failure.what());
    }
}

bool PlayoutEngine::cut(const std::string& id, TimePoint at, const std::string& reason,
                        std::chrono::milliseconds fade) {
    Impl& impl = *impl_;
    ScheduledItem* item = impl.find_item(id);
    if (item == nullptr) {
        RelayItem* relay = impl.find_relay(id);
        return relay != nullptr &&
               relay->cut(impl.sample_at(at), fade.count() * (sample_rate / 1000), reason);
    }
    const std::int64_t at_sample = impl.sample_at(at);
    std::unique_lock lock(item->progress->mutex);
    const std::int64_t first =
        item->progress->got_audio ? item->progress->first_sample : item->planned_sample;
    if (first >= at_sample && first >= impl.output_end_sample.load()) {
        // Not heard yet and not to be: take it off before its first sample
        // (releasing its mixer pad drops the audio already queued there).
        lock.unlock();
        impl.cut_unheard.push_back({id, at, reason});
        for (auto it = impl.items.begin(); it != impl.items.end(); ++it) {
            if (it->second.get() == item) {
                impl.remove_item(*item);
                impl.items.erase(it);
                break;
            }
        }
        return true;
    }
    const std::int64_t planned_end = item->progress->ending.end();
    if (planned_end >= 0 && planned_end <= at_sample) {
        return true;  // already ends no later than that
    }
    item->progress->ending = FadeRamp::out(
        at_sample, fade.count() * (sample_rate / 1000),
        item->progress->got_audio ? std::optional(item->progress->end_sample) : std::nullopt);
    item->cut_on_request = reason;
    return true;
}

bool PlayoutEngine::cancel(const std::string& id) {
    Impl& impl = *impl_;
    for (auto it = impl.items.begin(); it != impl.items.end(); ++it) {
        ScheduledItem& item = *it->second;
        if (item.spec.id != id) {
            continue;
        }
        {
            std::lock_guard lock(item.progress->mutex);
            if (item.progress->got_audio &&
                item.progress->first_sample <= impl.output_end_sample.load()) {
                return false;  // on the air already: cut() it
            }
        }
        impl.remove_item(item);
        impl.items.erase(it);
        return true;
    }
    for (auto it = impl.relays.begin(); it != impl.relays.end(); ++it) {
        if ((*it)->spec().id == id && !(*it)->done()) {
            if ((*it)->on_air(impl.output_end_sample.load())) {
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
    for (auto& [name, item] : impl.items) {
        impl.remove_item(*item);
    }
    impl.items.clear();
    impl.relays.clear();
    // EOS from the only remaining source drains the mixer and reaches every
    // output, which finalizes its file.
    // We wait for each output's sink, not for the pipeline's EOS message: a
    // failed item's decodebin can leave the pipeline with a pending async state
    // change, and a bin then never posts EOS. Output bins forward their sink's
    // EOS (message-forward), so we see when each file is finished.
    gst_element_send_event(impl.silence.get(), gst_event_new_eos());
    std::size_t unfinished = impl.outputs->size();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::nanoseconds(stop_timeout);
    while (unfinished > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              give_up - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            break;
        }
        GstMessagePtr message(gst_bus_timed_pop_filtered(
            impl.bus.get(), static_cast<GstClockTime>(left),
            static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ELEMENT)));
        if (!message) {
            break;
        }
        if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_EOS) {
            break;  // every sink is done
        }
        const GstStructure* structure = gst_message_get_structure(message.get());
        if (structure == nullptr || !gst_structure_has_name(structure, "GstBinForwarded")) {
            continue;
        }
        GstMessage* forwarded = nullptr;
        gst_structure_get(structure, "message", GST_TYPE_MESSAGE, &forwarded, nullptr);
        GstMessagePtr forwarded_holder(forwarded);
        if (forwarded != nullptr && GST_MESSAGE_TYPE(forwarded) == GST_MESSAGE_EOS) {
            --unfinished;
        }
    }
    gst_element_set_state(impl.pipeline.get(), GST_STATE_NULL);
    gst_bus_set_sync_handler(impl.bus.get(), nullptr, nullptr, nullptr);
    impl.error_owners.clear();
    impl.outputs->clear();
    impl.outputs.reset();
    impl.bus.reset();
    impl.tee.reset();
    impl.mixer.reset();
    impl.silence.reset();
    impl.clock.reset();
    impl.pipeline.reset();
}

TimePoint PlayoutEngine::origin() const {
    return impl_->origin;
}

std::chrono::milliseconds PlayoutEngine::reanchor() {
    Impl& impl = *impl_;
    if (!impl.running || !impl.clock) {
        return std::chrono::milliseconds(0);
    }
    const GstClockTime before = gst_clock_get_time(impl.clock.get());
    const auto wall = std::chrono::system_clock::now();
    const GstClockTime after = gst_clock_get_time(impl.clock.get());
    const auto running = std::chrono::nanoseconds(before + (after - before) / 2 - impl.base_time);
    // Whole milliseconds, as at start(): an instant is then a whole sample.
    const TimePoint origin = std::chrono::round<std::chrono::milliseconds>(
        wall - std::chrono::duration_cast<std::chrono::system_clock::duration>(running));
    const auto moved = origin - impl.origin;
    impl.origin = origin;
    impl.outputs->set_timeline(impl.origin, impl.base_time);
    return moved;
}

TimePoint PlayoutEngine::on_air_until() const {
    return impl_->wall_clock_at(impl_->output_end_sample.load());
}

}  // namespace onair::playout
