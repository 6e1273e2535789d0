#include "SilenceTracker.hpp"

namespace onair::playout {

std::optional<SilenceTracker::Change> SilenceTracker::measure(std::int64_t start, std::int64_t end,
                                                              double rms_db) {
    if (alarm_after_ <= 0) {
        return std::nullopt;
    }
    // level reports -inf (or a huge negative) for digital silence; NaN counts
    // as silent too, so a broken measurement cannot hide dead air.
    const bool silent = !(rms_db >= threshold_db_);
    if (!silent) {
        silent_since_.reset();
        if (alarmed_) {
            alarmed_ = false;
            return Change{false, start};
        }
        return std::nullopt;
    }
    if (!silent_since_) {
        silent_since_ = start;
    }
    if (!alarmed_ && end - *silent_since_ >= alarm_after_) {
        alarmed_ = true;
        return Change{true, *silent_since_};
    }
    return std::nullopt;
}

}  // namespace onair::playout
