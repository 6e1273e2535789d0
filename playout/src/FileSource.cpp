#include "FileSource.hpp"

#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

namespace fs = std::filesystem;

GObjectPtr<GstElement> build_file_source(const std::string& bin_name, const fs::path& file,
                                         std::chrono::milliseconds offset) {
    (void)offset;  // TODO(issue 5): joins
    auto source = adopt_floating(gst_bin_new(bin_name.c_str()));
    GstBin* bin = GST_BIN(source.get());
    auto decode = make_element("uridecodebin");
    auto convert = make_element("audioconvert");
    auto resample = make_element("audioresample");
    auto volume = make_element("volume");  // item gain; 1.0 is a passthrough
    auto format = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(format.get(), "caps", caps.get(), nullptr);
    GErrorHolder error;
    const std::string uri =
        take_string(gst_filename_to_uri(fs::absolute(file).c_str(), error.out()));
    if (uri.empty()) {
        throw std::runtime_error("cannot make a URI of " + file.string() + ": " + error.message());
    }
    g_object_set(decode.get(), "uri", uri.c_str(), nullptr);
    for (const auto* element : {&decode, &convert, &resample, &volume, &format}) {
        add_to(bin, *element);
    }
    if (!gst_element_link_many(convert.get(), resample.get(), volume.get(), format.get(),
                               nullptr)) {
        throw std::runtime_error("cannot link the item's elements");
    }
    // Only the first audio pad is linked; a second one (or video) stays unlinked.
    g_signal_connect(
        decode.get(), "pad-added",
        G_CALLBACK(+[](GstElement*, GstPad* pad, gpointer convert_element) {
            auto sink = adopt(gst_element_get_static_pad(GST_ELEMENT(convert_element), "sink"));
            if (!gst_pad_is_linked(sink.get())) {
                GstCapsPtr pad_caps(gst_pad_query_caps(pad, nullptr));
                const GstStructure* s = gst_caps_get_structure(pad_caps.get(), 0);
                if (s != nullptr && g_str_has_prefix(gst_structure_get_name(s), "audio/")) {
                    gst_pad_link(pad, sink.get());
                }
            }
        }),
        convert.get());
    auto format_src = adopt(gst_element_get_static_pad(format.get(), "src"));
    gst_element_add_pad(source.get(), gst_ghost_pad_new("src", format_src.get()));
    return source;
}

}  // namespace onair::playout
