#pragma once
// Small GStreamer helpers shared by the engine's parts (items, outputs).

#include <cstdint>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"

namespace onair::playout {

/// The air's format: 32-bit float, 48 kHz, stereo (see PlayoutEngine.hpp).
inline constexpr const char* air_caps =
    "audio/x-raw,format=F32LE,layout=interleaved,rate=48000,channels=2";
inline constexpr int air_rate = 48000;
inline constexpr int air_channels = 2;
inline constexpr int air_bytes_per_frame = air_channels * static_cast<int>(sizeof(float));

/// Output samples in `running_time` (rounded to the nearest sample).
std::int64_t samples_at(GstClockTime running_time);

/// A new element of `factory`; throws std::runtime_error naming the factory
/// if it is not installed.
GObjectPtr<GstElement> make_element(const char* factory, const char* name = nullptr);

/// Adds `element` to `bin`; the bin holds a reference of its own until the
/// element is removed (we keep ours).
GstElement* add_to(GstBin* bin, const GObjectPtr<GstElement>& element);

/// The running time of `buffer` on `pad`, from the pad's sticky segment (which
/// already carries the upstream pad offset), or GST_CLOCK_TIME_NONE.
GstClockTime running_time_of(GstPad* pad, GstBuffer* buffer);

/// The name of `object`'s ancestor that is a direct child of `top`, or "" if
/// `object` is not (or no longer) inside `top`.
std::string top_child_name(GstObject* object, GstElement* top);

/// The text of an error message.
std::string error_text(GstMessage* message);

/// Makes `mixer_pad` (an input of the air's mixer) answer every latency query
/// with "not live, no latency" itself, whatever its source's state. The mixer
/// asks every input, and while any answer fails it stops acting live and waits
/// for data on all pads: one item whose decoder never links (a stuck
/// decodebin), or an empty relay feed, would stall the air.
void answer_latency_as_not_live(GstPad* mixer_pad);

/// Gives `element` and everything inside it `base_time`. Needed because the
/// pipeline's start time is NONE (we choose the base time), and then a bin
/// does not hand its base time down to its children by itself.
void set_base_time_everywhere(GstElement* element, GstClockTime base_time);

}  // namespace onair::playout
