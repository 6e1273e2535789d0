#include <string>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

double Row::duration_s() const noexcept {
    if (!actual_start || !actual_end) {
        return 0;
    }
    return std::chrono::duration<double>(*actual_end - *actual_start).count();
}

std::string plan_key(const scheduler::Airing& planned) {
    // Milliseconds, not a formatted time: the key must not depend on a zone or
    // on how times are printed, and packed airings differ by less than a second.
    return planned.programme + "@" + std::to_string(planned.start.time_since_epoch().count());
}

}  // namespace onair::airlog
