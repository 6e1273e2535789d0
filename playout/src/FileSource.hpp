#pragma once
// The source part of a file item: a bin that decodes a media file and hands out
// the air's format on its "src" ghost pad.

#include <chrono>
#include <filesystem>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"

namespace onair::playout {

/// A bin named `bin_name`: uridecodebin ! audioconvert ! audioresample !
/// volume ! capsfilter(air caps), with a "src" ghost pad. Only the file's
/// first audio stream is used. When `offset` > 0 the file plays from that
/// position (a join after a restart): its first buffer is the sample at
/// `offset`, timestamped 0.
/// Throws std::runtime_error if an element is missing or the path cannot be
/// made a URI; decoding problems show up later as bus errors from the bin.
GObjectPtr<GstElement> build_file_source(const std::string& bin_name,
                                         const std::filesystem::path& file,
                                         std::chrono::milliseconds offset);

}  // namespace onair::playout
