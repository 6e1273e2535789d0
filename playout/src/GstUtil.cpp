#include "GstUtil.hpp"

#include <stdexcept>
#include <utility>

namespace onair::playout {

std::int64_t samples_at(GstClockTime running_time) {
    return static_cast<std::int64_t>(
        gst_util_uint64_scale_round(running_time, air_rate, GST_SECOND));
}

GObjectPtr<GstElement> make_element(const char* factory, const char* name) {
    auto element = adopt_floating(gst_element_factory_make(factory, name));
    if (!element) {
        throw std::runtime_error(std::string("GStreamer element '") + factory +
                                 "' is not installed");
    }
    return element;
}

GstElement* add_to(GstBin* bin, const GObjectPtr<GstElement>& element) {
    // `element` is not floating (handles sink it), so the bin takes a
    // reference of its own (gst_object_set_parent's ref_sink), and drops it on
    // gst_bin_remove. Handing it an extra one would keep every removed item
    // alive forever.
    gst_bin_add(bin, element.get());
    return element.get();
}

GstClockTime running_time_of(GstPad* pad, GstBuffer* buffer) {
    if (!GST_BUFFER_PTS_IS_VALID(buffer)) {
        return GST_CLOCK_TIME_NONE;
    }
    GstMiniObjectPtr<GstEvent> event(gst_pad_get_sticky_event(pad, GST_EVENT_SEGMENT, 0));
    if (!event) {
        return GST_CLOCK_TIME_NONE;
    }
    const GstSegment* segment = nullptr;
    gst_event_parse_segment(event.get(), &segment);
    if (segment->format != GST_FORMAT_TIME) {
        return GST_CLOCK_TIME_NONE;
    }
    return gst_segment_to_running_time(segment, GST_FORMAT_TIME, GST_BUFFER_PTS(buffer));
}

std::string error_text(GstMessage* message) {
    GError* raw = nullptr;
    gchar* debug = nullptr;
    gst_message_parse_error(message, &raw, &debug);
    GCharPtr debug_holder(debug);
    std::string text = raw != nullptr && raw->message != nullptr ? raw->message : "unknown error";
    g_clear_error(&raw);
    return text;
}

void set_base_time_everywhere(GstElement* element, GstClockTime base_time) {
    gst_element_set_base_time(element, base_time);
    if (!GST_IS_BIN(element)) {
        return;
    }
    GstIterator* raw = gst_bin_iterate_recurse(GST_BIN(element));
    GValue value = G_VALUE_INIT;
    while (gst_iterator_next(raw, &value) == GST_ITERATOR_OK) {
        gst_element_set_base_time(GST_ELEMENT(g_value_get_object(&value)), base_time);
        g_value_reset(&value);
    }
    g_value_unset(&value);
    gst_iterator_free(raw);
}

void answer_latency_as_not_live(GstPad* mixer_pad) {
    gst_pad_add_probe(
        mixer_pad, GST_PAD_PROBE_TYPE_QUERY_UPSTREAM,
        [](GstPad*, GstPadProbeInfo* info, gpointer) -> GstPadProbeReturn {
            GstQuery* query = GST_PAD_PROBE_INFO_QUERY(info);
            if (GST_QUERY_TYPE(query) != GST_QUERY_LATENCY) {
                return GST_PAD_PROBE_OK;
            }
            gst_query_set_latency(query, FALSE, 0, GST_CLOCK_TIME_NONE);
            return GST_PAD_PROBE_HANDLED;
        },
        nullptr, nullptr);
}

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

}  // namespace onair::playout
