#include "AirMixer.hpp"

#include "GstUtil.hpp"

namespace onair::playout {

std::int64_t AirMixer::now_sample() const {
    const GstClockTime now = gst_clock_get_time(clock);
    return now > base_time ? samples_at(now - base_time) : 0;
}

void AirMixer::remove_input(GstElement* element, GstPad* mixer_pad) const {
    if (mixer_pad != nullptr) {
        gst_element_release_request_pad(mixer, mixer_pad);
    }
    gst_element_set_locked_state(element, TRUE);
    gst_element_set_state(element, GST_STATE_NULL);
    gst_bin_remove(GST_BIN(pipeline), element);
}

}  // namespace onair::playout
