#pragma once
// The source part of a file item: a bin that decodes a media file and hands out
// the air's format on its "src" ghost pad.
//
// Threads: build it on any thread; its probes run in GStreamer's streaming
// threads, a join's seek in a GStreamer pool thread.

#include <chrono>
#include <filesystem>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"

namespace onair::playout {

/// A bin named `bin_name`: uridecodebin ! audioconvert ! (F32 stereo) !
/// audioresample ! volume ! capsfilter(air caps), with a "src" ghost pad. Only
/// the file's first audio stream is used. Its output starts at running time 0
/// and is exactly as long as the media (a resampled file's output is cut at
/// round(frames x 48000 / rate), see Tail in the .cpp).
///
/// When `offset` > 0 the file plays from that position (a join after a
/// restart): the decoder is held until a flushing, accurate seek has been done
/// (nothing from the file's start comes out), and the output sample at
/// `offset` is the bin's first, at running time 0. Exact to the sample for
/// 48 kHz media, within half an output sample at other rates; the seek costs
/// no decoding (docs/playout-design.md, "Joins and exactness"). A refused seek
/// posts an error from the bin ("cannot seek to N ms in URI to join it").
///
/// Throws std::runtime_error if an element is missing or the path cannot be
/// made a URI; decoding problems show up later as bus errors from the bin.
GObjectPtr<GstElement> build_file_source(const std::string& bin_name,
                                         const std::filesystem::path& file,
                                         std::chrono::milliseconds offset);

}  // namespace onair::playout
