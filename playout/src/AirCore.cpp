#include "AirCore.hpp"

#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

using scheduler::TimePoint;

AirCore::AirCore() {
    pipeline_ = adopt_floating(gst_pipeline_new("air"));
    silence_ = make_element("audiotestsrc", "silence");
    // 100 ms blocks: every buffer costs each element (and each output's queue
    // and encoder) a fixed price, so bigger blocks save CPU (10 ms: 6.5 % of a
    // core with two encoders, 40 ms: 4.5 %, 100 ms: 3.4 %). The pad offsets,
    // not the block size, decide where a sample goes, so starts stay exact;
    // what a block costs is latency, and only a sound card hears that.
    g_object_set(silence_.get(), "is-live", TRUE, "wave", 4 /* silence */, "samplesperbuffer",
                 air_rate / 10, nullptr);
    auto silence_caps = make_element("capsfilter");
    auto mixer_caps = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(silence_caps.get(), "caps", caps.get(), nullptr);
    g_object_set(mixer_caps.get(), "caps", caps.get(), nullptr);
    mixer_ = make_element("audiomixer", "mixer");
    // The mixer's own latency: how long it waits for late inputs before it
    // outputs without them. Items are prerolled ahead, so this only matters for
    // scheduling jitter.
    g_object_set(mixer_.get(), "latency", static_cast<guint64>(100 * GST_MSECOND),
                 "output-buffer-duration", static_cast<guint64>(100 * GST_MSECOND), nullptr);
    tee_ = make_element("tee", "tee");
    g_object_set(tee_.get(), "allow-not-linked", TRUE, nullptr);

    GstBin* bin = GST_BIN(pipeline_.get());
    for (const auto* element : {&silence_, &silence_caps, &mixer_, &mixer_caps, &tee_}) {
        add_to(bin, *element);
    }
    if (!gst_element_link_many(silence_.get(), silence_caps.get(), mixer_.get(), mixer_caps.get(),
                               tee_.get(), nullptr)) {
        throw std::runtime_error("cannot link the playout pipeline");
    }

    // The output position: where the mixer's output has got to, in samples.
    auto mixer_src = adopt(gst_element_get_static_pad(mixer_.get(), "src"));
    gst_pad_add_probe(
        mixer_src.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad* pad, GstPadProbeInfo* info, gpointer data) -> GstPadProbeReturn {
            auto* self = static_cast<AirCore*>(data);
            GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
            const GstClockTime running_time = running_time_of(pad, buffer);
            if (GST_CLOCK_TIME_IS_VALID(running_time)) {
                const std::int64_t end =
                    samples_at(running_time) +
                    static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
                self->output_end_.store(end);
            }
            return GST_PAD_PROBE_OK;
        },
        this, nullptr);
}

AirMixer AirCore::mixer() const {
    return {pipeline_.get(), mixer_.get(), clock_.get(), base_time_};
}

void AirCore::anchor_clock() {
    auto clock = adopt(gst_system_clock_obtain());
    g_object_set(clock.get(), "clock-type", GST_CLOCK_TYPE_MONOTONIC, nullptr);
    gst_pipeline_use_clock(GST_PIPELINE(pipeline_.get()), clock.get());
    // One (wall clock, pipeline clock) pair, read as close together as we can.
    const GstClockTime before = gst_clock_get_time(clock.get());
    const auto wall = std::chrono::system_clock::now();
    const GstClockTime after = gst_clock_get_time(clock.get());
    const GstClockTime clock_at_wall = before + (after - before) / 2;
    // Running time 0 on the whole millisecond just before now. Not ahead of
    // now: a live source that starts before running time 0 computes a negative
    // running time and loses its pacing. Being a few ms late at the start is
    // what the mixer's latency absorbs.
    origin_ = std::chrono::floor<std::chrono::milliseconds>(wall);
    const auto behind = std::chrono::duration_cast<std::chrono::nanoseconds>(wall - origin_);
    base_time_ = clock_at_wall - static_cast<GstClockTime>(behind.count());
    // We choose the base time; the pipeline must not pick its own at PLAYING.
    gst_element_set_start_time(pipeline_.get(), GST_CLOCK_TIME_NONE);
    set_base_time_everywhere(pipeline_.get(), base_time_);
    clock_ = std::move(clock);
}

std::chrono::milliseconds AirCore::reanchor() {
    if (!clock_) {
        return std::chrono::milliseconds(0);
    }
    const GstClockTime before = gst_clock_get_time(clock_.get());
    const auto wall = std::chrono::system_clock::now();
    const GstClockTime after = gst_clock_get_time(clock_.get());
    const auto running = std::chrono::nanoseconds(before + (after - before) / 2 - base_time_);
    // Whole milliseconds, as at start: an instant is then a whole sample.
    const TimePoint origin = std::chrono::round<std::chrono::milliseconds>(
        wall - std::chrono::duration_cast<std::chrono::system_clock::duration>(running));
    const auto moved = origin - origin_;
    origin_ = origin;
    return moved;
}

TimePoint AirCore::wall_clock_at(std::int64_t sample) const {
    // 48 samples per ms: round to the nearest ms.
    const std::int64_t ms = (sample * 1000 + air_rate / 2) / air_rate;
    return origin_ + std::chrono::milliseconds(ms);
}

std::int64_t AirCore::sample_at(TimePoint instant) const {
    return (instant - origin_).count() * (air_rate / 1000);
}

void AirCore::drain(std::size_t outputs, GstBus* bus, std::chrono::nanoseconds timeout) {
    // EOS from the only remaining source drains the mixer and reaches every
    // output, which finalizes its file.
    // We wait for each output's sink, not for the pipeline's EOS message: a
    // failed item's decodebin can leave the pipeline with a pending async state
    // change, and a bin then never posts EOS. Output bins forward their sink's
    // EOS (message-forward), so we see when each file is finished.
    gst_element_send_event(silence_.get(), gst_event_new_eos());
    std::size_t unfinished = outputs;
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (unfinished > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
                              give_up - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            break;
        }
        GstMessagePtr message(gst_bus_timed_pop_filtered(
            bus, static_cast<GstClockTime>(left),
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
}

}  // namespace onair::playout
