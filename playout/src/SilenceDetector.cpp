#include "SilenceDetector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

constexpr GstClockTime level_interval = 100 * GST_MSECOND;

/// The loudest channel's RMS in a level message (dBFS), or NaN.
double loudest_rms(const GstStructure* structure) {
    const GValue* rms = gst_structure_get_value(structure, "rms");
    if (rms == nullptr || !G_VALUE_HOLDS_BOXED(rms)) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // level still posts a GValueArray (deprecated in GLib, but what 1.22 sends).
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    const auto* channels = static_cast<const GValueArray*>(g_value_get_boxed(rms));
    double loudest = -std::numeric_limits<double>::infinity();
    for (guint i = 0; channels != nullptr && i < channels->n_values; ++i) {
        loudest = std::max(loudest, g_value_get_double(&channels->values[i]));
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
    return loudest;
}

}  // namespace

SilenceDetector::SilenceDetector(GstElement* pipeline, GstElement* tee,
                                 const PlayoutSettings& settings)
    : tracker_(settings.silence_threshold_db,
               settings.silence_alarm_after.count() * (air_rate / 1000)) {
    bin_ = adopt_floating(gst_bin_new("silence-detector"));
    level_ = make_element("level");
    g_object_set(level_.get(), "interval", level_interval, "post-messages", TRUE, nullptr);
    auto sink = make_element("fakesink");
    g_object_set(sink.get(), "sync", FALSE, "async", FALSE, nullptr);
    add_to(GST_BIN(bin_.get()), level_);
    add_to(GST_BIN(bin_.get()), sink);
    if (!gst_element_link(level_.get(), sink.get())) {
        throw std::runtime_error("cannot link the silence detector");
    }
    auto level_sink = adopt(gst_element_get_static_pad(level_.get(), "sink"));
    gst_element_add_pad(bin_.get(), gst_ghost_pad_new("sink", level_sink.get()));
    add_to(GST_BIN(pipeline), bin_);
    auto tee_pad = adopt(gst_element_request_pad_simple(tee, "src_%u"));
    auto bin_sink = adopt(gst_element_get_static_pad(bin_.get(), "sink"));
    if (gst_pad_link(tee_pad.get(), bin_sink.get()) != GST_PAD_LINK_OK) {
        throw std::runtime_error("cannot link the silence detector");
    }
    bus_ = adopt(gst_element_get_bus(pipeline));
    gst_bus_enable_sync_message_emission(bus_.get());
    handler_ = SignalConnection::connect(bus_.get(), "sync-message::element",
                                         G_CALLBACK(&on_message), this);
}

SilenceDetector::~SilenceDetector() {
    handler_.disconnect();
    gst_bus_disable_sync_message_emission(bus_.get());
}

void SilenceDetector::on_message(GstBus*, GstMessage* message, gpointer data) {
    auto* self = static_cast<SilenceDetector*>(data);
    if (GST_MESSAGE_SRC(message) != GST_OBJECT(self->level_.get())) {
        return;
    }
    const GstStructure* structure = gst_message_get_structure(message);
    guint64 running_time = 0;
    guint64 duration = 0;
    if (structure == nullptr || !gst_structure_has_name(structure, "level") ||
        !gst_structure_get_uint64(structure, "running-time", &running_time) ||
        !gst_structure_get_uint64(structure, "duration", &duration)) {
        return;
    }
    const std::int64_t start = samples_at(running_time);
    const std::int64_t end = samples_at(running_time + duration);
    std::lock_guard lock(self->mutex_);
    if (auto change = self->tracker_.measure(start, end, loudest_rms(structure))) {
        self->changes_.push_back(*change);
    }
}

std::vector<SilenceTracker::Change> SilenceDetector::take_changes() {
    std::lock_guard lock(mutex_);
    return std::exchange(changes_, {});
}

}  // namespace onair::playout
