#include "AirMixer.hpp"

#include "GstUtil.hpp"

namespace onair::playout {

std::int64_t AirMixer::now_sample() const {
    const GstClockTime now = gst_clock_get_time(clock);
    return now > base_time ? samples_at(now - base_time) : 0;
}

}  // namespace onair::playout
