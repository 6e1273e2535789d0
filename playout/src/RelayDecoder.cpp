#include "RelayDecoder.hpp"

#include <cstring>
#include <stdexcept>
#include <thread>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

using SinkHandle = std::shared_ptr<RelayAudioSink>;

void delete_sink_handle(gpointer data) {
    delete static_cast<SinkHandle*>(data);
}

}  // namespace

RelayDecoder::RelayDecoder(const std::string& name, GObjectPtr<GstElement> source,
                           std::shared_ptr<RelayAudioSink> sink)
    : sink_(std::move(sink)) {
    pipeline_ = adopt_floating(gst_pipeline_new(name.c_str()));
    auto drain = make_element("fakesink");
    g_object_set(drain.get(), "sync", FALSE, "async", FALSE, "enable-last-sample", FALSE, nullptr);
    add_to(GST_BIN(pipeline_.get()), source);
    add_to(GST_BIN(pipeline_.get()), drain);
    if (!gst_element_link(source.get(), drain.get())) {
        throw std::runtime_error("cannot link " + name);
    }

    // Every buffer and the EOS go to the sink, in the streaming thread and in
    // order. Buffers stop here: the sink owns what happens to them.
    auto drain_pad = adopt(gst_element_get_static_pad(drain.get(), "sink"));
    gst_pad_add_probe(
        drain_pad.get(),
        static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                     GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
        [](GstPad*, GstPadProbeInfo* info, gpointer data) -> GstPadProbeReturn {
            RelayAudioSink& target = **static_cast<SinkHandle*>(data);
            if ((info->type & GST_PAD_PROBE_TYPE_BUFFER) != 0) {
                target.audio(GST_PAD_PROBE_INFO_BUFFER(info));
                return GST_PAD_PROBE_DROP;
            }
            if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS) {
                target.ended();
            }
            return GST_PAD_PROBE_OK;
        },
        new SinkHandle(sink_), delete_sink_handle);

    // Errors go to the sink as they are posted; every message is then dropped,
    // since nobody pops this bus (a relay posts tags for hours).
    auto bus = adopt(gst_element_get_bus(pipeline_.get()));
    gst_bus_set_sync_handler(
        bus.get(),
        [](GstBus*, GstMessage* message, gpointer data) -> GstBusSyncReply {
            if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_ERROR) {
                const char* from = GST_MESSAGE_SRC_NAME(message);
                const bool from_source = from != nullptr && std::strcmp(from, "source") == 0;
                (*static_cast<SinkHandle*>(data))->failed(error_text(message), from_source);
            }
            return GST_BUS_DROP;
        },
        new SinkHandle(sink_), delete_sink_handle);
}

RelayDecoder::~RelayDecoder() {
    if (!pipeline_) {
        return;
    }
    // Setting a pipeline with a stuck HTTP source to NULL may take as long as
    // the socket's timeout; the owner thread must not wait for it.
    std::thread([pipeline = std::move(pipeline_)]() mutable {
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);
        auto bus = adopt(gst_element_get_bus(pipeline.get()));
        gst_bus_set_sync_handler(bus.get(), nullptr, nullptr, nullptr);
        pipeline.reset();
    }).detach();
}

void RelayDecoder::start() {
    if (gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        sink_->failed("cannot start " + std::string(GST_OBJECT_NAME(pipeline_.get())), true);
    }
}

}  // namespace onair::playout
