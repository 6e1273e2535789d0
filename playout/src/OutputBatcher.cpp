#include "OutputBatcher.hpp"

namespace onair::playout {

void OutputBatcher::attach(GstPad* sink_pad, GstClockTime duration) {
    gst_pad_add_probe(
        sink_pad,
        static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                     GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM |
                                     GST_PAD_PROBE_TYPE_EVENT_FLUSH),
        [](GstPad* pad, GstPadProbeInfo* info, gpointer data) -> GstPadProbeReturn {
            return static_cast<OutputBatcher*>(data)->on_probe(pad, info);
        },
        new OutputBatcher(duration),
        [](gpointer data) { delete static_cast<OutputBatcher*>(data); });
}

OutputBatcher::~OutputBatcher() {
    if (held_ != nullptr) {
        gst_buffer_unref(held_);
    }
}

GstPadProbeReturn OutputBatcher::on_probe(GstPad* pad, GstPadProbeInfo* info) {
    if (flushing_) {
        return GST_PAD_PROBE_OK;
    }
    if ((info->type & GST_PAD_PROBE_TYPE_BUFFER) != 0) {
        GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
        const GstClockTime duration = GST_BUFFER_DURATION(buffer);
        if (!GST_CLOCK_TIME_IS_VALID(duration) || (held_ == nullptr && duration >= duration_)) {
            return GST_PAD_PROBE_OK;  // long enough, or cannot be joined right
        }
        held_duration_ += duration;
        // gst_buffer_append returns a new buffer of ours (the tee shares the
        // ones it pushes) with the first one's timestamp and both one's
        // memories (references, no copy).
        held_ = held_ == nullptr ? gst_buffer_ref(buffer)
                                 : gst_buffer_append(held_, gst_buffer_ref(buffer));
        if (held_duration_ < duration_) {
            return GST_PAD_PROBE_DROP;
        }
        gst_buffer_unref(buffer);  // the pad's reference: `held_` goes instead
        GST_PAD_PROBE_INFO_DATA(info) = take_held();
        return GST_PAD_PROBE_OK;
    }
    GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
    if (GST_EVENT_TYPE(event) == GST_EVENT_FLUSH_STOP) {
        if (held_ != nullptr) {
            gst_buffer_unref(take_held());
        }
    } else if (GST_EVENT_IS_SERIALIZED(event) && held_ != nullptr) {
        // Before the event, what came before it (the pad's stream lock is
        // recursive: chaining into it from here is allowed).
        flushing_ = true;
        gst_pad_chain(pad, take_held());
        flushing_ = false;
    }
    return GST_PAD_PROBE_OK;
}

GstBuffer* OutputBatcher::take_held() {
    GstBuffer* held = held_;
    if (gst_buffer_is_writable(held)) {  // joined: give it the sum of the durations
        GST_BUFFER_DURATION(held) = held_duration_;
    }
    held_ = nullptr;
    held_duration_ = 0;
    return held;
}

}  // namespace onair::playout
