#pragma once
// The elements that turn the air (F32, 48 kHz, stereo) into an output's
// encoding, shared by file recordings and Icecast streams.

#include <vector>

#include <gst/gst.h>

#include "GstHandles.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

/// `spec.encoding` after a mixdown to `spec.channels` (for mp3 and ogg, and
/// for wav in mono): wav: wavenc (32-bit float); ogg_vorbis: vorbisenc !
/// oggmux (bitrate: managed at that rate, else vorbisenc's quality 0.3);
/// mp3: lamemp3enc, CBR at bitrate_kbps (0: 128).
/// Throws std::runtime_error if an element is not installed.
std::vector<GObjectPtr<GstElement>> encoder_elements(const OutputSpec& spec);

/// Adds `elements` to `bin`, links them in order and gives the bin a "sink"
/// ghost pad on the first one. Throws std::runtime_error if they do not link.
void add_chain(GstElement* bin, const std::vector<GObjectPtr<GstElement>>& elements);

}  // namespace onair::playout
