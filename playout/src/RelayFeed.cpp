#include "RelayFeed.hpp"

#include <algorithm>
#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

/// A blocking feed (the fallback, decoded faster than real time) runs at most
/// this far ahead of the mixer: 0.2 s of air audio. It bounds how late a
/// rejoin's crossfade can start.
constexpr guint64 blocking_queue_bytes = air_rate / 5 * air_bytes_per_frame;

GstClockTime time_of(std::int64_t sample) {
    return gst_util_uint64_scale_int(static_cast<guint64>(std::max<std::int64_t>(0, sample)),
                                     GST_SECOND, air_rate);
}

}  // namespace

RelayFeed::RelayFeed(const AirMixer& air, const std::string& name, bool blocking) : air_(air) {
    source_ = make_element("appsrc", name.c_str());
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(source_.get(), "caps", caps.get(), "format", GST_FORMAT_TIME, "is-live", FALSE,
                 "block", blocking ? TRUE : FALSE, "max-bytes",
                 blocking ? blocking_queue_bytes : guint64{0}, "emit-signals", FALSE, nullptr);
    add_to(GST_BIN(air.pipeline), source_);
    mixer_pad_ = adopt(gst_element_request_pad_simple(air.mixer, "sink_%u"));
    auto source_pad = adopt(gst_element_get_static_pad(source_.get(), "src"));
    if (!mixer_pad_ || gst_pad_link(source_pad.get(), mixer_pad_.get()) != GST_PAD_LINK_OK) {
        remove();
        throw std::runtime_error("cannot link a relay feed to the mixer");
    }
    answer_latency_as_not_live(mixer_pad_.get());
    set_base_time_everywhere(source_.get(), air.base_time);
    gst_element_sync_state_with_parent(source_.get());
}

RelayFeed::~RelayFeed() {
    remove();
}

void RelayFeed::set_fade_in(std::int64_t start, std::int64_t length) {
    std::lock_guard lock(mutex_);
    fade_in_ = FadeRamp::in(start, length);
}

std::int64_t RelayFeed::set_end(std::int64_t end, std::int64_t fade) {
    std::lock_guard lock(mutex_);
    if (fade_out_.end() >= 0 && fade_out_.end() <= end) {
        return fade_out_.end();
    }
    fade_out_ =
        FadeRamp::out(end, fade, pushed_end_ < 0 ? std::nullopt : std::optional(pushed_end_));
    return fade_out_.end();
}

bool RelayFeed::push(GstBuffer* buffer, std::int64_t at) {
    const auto frames =
        static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    std::int64_t keep = frames;
    bool discont = false;
    bool reaches_end = false;
    bool send_eos = false;
    FadeRamp fade_in, fade_out;
    {
        std::lock_guard lock(mutex_);
        if (removed_ || eos_sent_) {
            return false;
        }
        const std::int64_t end = fade_out_.end();
        if (end >= 0 && at >= end) {
            eos_sent_ = true;
            send_eos = true;
        } else {
            if (end >= 0 && at + frames > end) {
                keep = end - at;
            }
            reaches_end = end >= 0 && at + keep >= end;
            discont = pushed_end_ != at;
            if (first_ < 0) {
                first_ = at;
            }
            pushed_end_ = at + keep;
            eos_sent_ = reaches_end;
            fade_in = fade_in_;
            fade_out = fade_out_;
        }
    }
    if (send_eos) {
        GstFlowReturn ignored = GST_FLOW_OK;
        g_signal_emit_by_name(source_.get(), "end-of-stream", &ignored);
        return false;
    }
    if (keep <= 0) {
        return false;
    }
    // A shallow copy (the memory is shared until a gain is applied) that we
    // may stamp: the stamps are ours, not the decoder's.
    GstBuffer* out = gst_buffer_copy(buffer);
    if (keep < frames) {
        gst_buffer_resize(out, 0, static_cast<gssize>(keep * air_bytes_per_frame));
    }
    GST_BUFFER_PTS(out) = time_of(at);
    GST_BUFFER_DTS(out) = GST_CLOCK_TIME_NONE;
    GST_BUFFER_DURATION(out) = time_of(at + keep) - time_of(at);
    GST_BUFFER_OFFSET(out) = GST_BUFFER_OFFSET_NONE;
    GST_BUFFER_OFFSET_END(out) = GST_BUFFER_OFFSET_NONE;
    // audioaggregator follows a jump in the stamps at once only on a DISCONT
    // buffer; otherwise it waits a second for the stream to come back in line.
    if (discont) {
        GST_BUFFER_FLAG_SET(out, GST_BUFFER_FLAG_DISCONT);
    } else {
        GST_BUFFER_FLAG_UNSET(out, GST_BUFFER_FLAG_DISCONT);
    }
    if (fade_in.touches(at, keep) || fade_out.touches(at, keep)) {
        GstMapInfo map;
        if (gst_buffer_map(out, &map, GST_MAP_READWRITE)) {
            FadeRamp::apply(reinterpret_cast<float*>(map.data), air_channels, at, keep, fade_in,
                            fade_out);
            gst_buffer_unmap(out, &map);
        }
    }
    GstFlowReturn flow = GST_FLOW_OK;
    g_signal_emit_by_name(source_.get(), "push-buffer", out, &flow);
    gst_buffer_unref(out);
    if (reaches_end) {
        g_signal_emit_by_name(source_.get(), "end-of-stream", &flow);
    }
    return flow == GST_FLOW_OK && !reaches_end;
}

void RelayFeed::end_of_stream() {
    {
        std::lock_guard lock(mutex_);
        if (removed_ || eos_sent_) {
            return;
        }
        eos_sent_ = true;
    }
    GstFlowReturn flow = GST_FLOW_OK;
    g_signal_emit_by_name(source_.get(), "end-of-stream", &flow);
}

std::int64_t RelayFeed::pushed_end() const {
    std::lock_guard lock(mutex_);
    return pushed_end_;
}

std::int64_t RelayFeed::first_sample() const {
    std::lock_guard lock(mutex_);
    return first_;
}

bool RelayFeed::ended() const {
    std::lock_guard lock(mutex_);
    return eos_sent_;
}

void RelayFeed::remove() {
    {
        std::lock_guard lock(mutex_);
        if (removed_) {
            return;
        }
        removed_ = true;
    }
    if (!source_) {
        return;
    }
    // NULL also wakes a push() waiting for room in a blocking feed.
    air_.remove_input(source_.get(), mixer_pad_.get());
}

}  // namespace onair::playout
