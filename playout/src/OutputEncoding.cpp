#include "OutputEncoding.hpp"

#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

/// audioconvert ! audio/x-raw,channels=N: the air mixed down (or left as it is).
void add_channel_conversion(std::vector<GObjectPtr<GstElement>>& chain, int channels) {
    chain.push_back(make_element("audioconvert"));
    auto filter = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_new_simple("audio/x-raw", "channels", G_TYPE_INT, channels, nullptr));
    g_object_set(filter.get(), "caps", caps.get(), nullptr);
    chain.push_back(std::move(filter));
}

}  // namespace

std::vector<GObjectPtr<GstElement>> encoder_elements(const OutputSpec& spec) {
    std::vector<GObjectPtr<GstElement>> chain;
    const int channels = spec.channels == 1 ? 1 : air_channels;
    if (spec.encoding != OutputSpec::Encoding::wav || channels != air_channels) {
        add_channel_conversion(chain, channels);
    }
    switch (spec.encoding) {
        case OutputSpec::Encoding::wav:
            chain.push_back(make_element("wavenc"));
            break;
        case OutputSpec::Encoding::ogg_vorbis: {
            auto encoder = make_element("vorbisenc");
            if (spec.bitrate_kbps > 0) {
                g_object_set(encoder.get(), "bitrate", spec.bitrate_kbps * 1000, nullptr);
            }
            chain.push_back(std::move(encoder));
            chain.push_back(make_element("oggmux"));
            break;
        }
        case OutputSpec::Encoding::mp3: {
            auto encoder = make_element("lamemp3enc");
            // Constant bitrate: players show the right duration without a Xing
            // header, and Icecast listeners get a steady stream.
            g_object_set(encoder.get(), "target", 1 /* bitrate */, "cbr", TRUE, "bitrate",
                         spec.bitrate_kbps > 0 ? spec.bitrate_kbps : 128, nullptr);
            chain.push_back(std::move(encoder));
            break;
        }
    }
    return chain;
}

void add_chain(GstElement* bin, const std::vector<GObjectPtr<GstElement>>& elements) {
    for (std::size_t i = 0; i < elements.size(); ++i) {
        add_to(GST_BIN(bin), elements[i]);
        if (i > 0 && !gst_element_link(elements[i - 1].get(), elements[i].get())) {
            throw std::runtime_error(std::string("cannot link ") +
                                     GST_OBJECT_NAME(elements[i - 1].get()) + " to " +
                                     GST_OBJECT_NAME(elements[i].get()));
        }
    }
    auto first_sink = adopt(gst_element_get_static_pad(elements.front().get(), "sink"));
    gst_element_add_pad(bin, gst_ghost_pad_new("sink", first_sink.get()));
}

}  // namespace onair::playout
