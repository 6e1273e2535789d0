#pragma once
// Decides when the air counts as dead: fed one level measurement per interval
// (its place on the output timeline, in samples, and its RMS in dBFS), it says
// when a silence has lasted long enough to alarm, and when sound came back.
// One alarm per silence, however long it lasts.
//
// Plain logic, no GStreamer: SilenceDetector feeds it from the `level`
// element's messages. Not thread-safe; the caller serializes.

#include <cstdint>
#include <optional>

namespace onair::playout {

class SilenceTracker {
  public:
    struct Change {
        /// true: silent since `sample`; false: sound again at `sample`.
        bool alarm = false;
        std::int64_t sample = 0;
    };

    /// `alarm_after_samples` <= 0 disables the alarm.
    SilenceTracker(double threshold_db, std::int64_t alarm_after_samples)
        : threshold_db_(threshold_db), alarm_after_(alarm_after_samples) {}

    /// The interval [start, end) measured `rms_db` (the loudest channel).
    std::optional<Change> measure(std::int64_t start, std::int64_t end, double rms_db);

  private:
    double threshold_db_;
    std::int64_t alarm_after_;
    std::optional<std::int64_t> silent_since_;
    bool alarmed_ = false;
};

}  // namespace onair::playout
