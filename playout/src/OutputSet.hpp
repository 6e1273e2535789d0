#pragma once
// The outputs of the air: one branch per output on the mixer's tee, each behind
// its own leaky queue, so an output that stalls or fails loses only its own
// audio and never holds up the air or the other outputs.
//
// An output that posts an error is cut off at the tee at once (the bus's sync
// handler calls mark_failed() in the failing thread, and a tee-pad probe then
// drops the branch's buffers, so its error's flow return never reaches the tee
// and stops the mixer), then reported and removed on the owner thread.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "GstHandles.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

/// Something to tell the listener about an output.
struct OutputEvent {
    enum class Kind { error, recovered };
    Kind kind = Kind::error;
    std::string output;
    std::string message;
};

class OutputSet {
  public:
    /// `pipeline` and `tee` must outlive the set.
    OutputSet(GstElement* pipeline, GstElement* tee, const PlayoutSettings& settings);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Builds and links the output's branch. An output that cannot be built
    /// (a file that cannot be written, a missing element) becomes an error
    /// event and is left out. Before or while the pipeline plays.
    void add(const OutputSpec& spec);

    /// Any thread (the bus's sync handler): `child_name`, a direct child of the
    /// pipeline, posted an error. If it is an output's branch, cut it off now.
    void mark_failed(const std::string& child_name);

    /// Owner thread: an error from `child_name`. Returns false if that is not an
    /// output; otherwise records the error event and removes the branch.
    bool handle_error(const std::string& child_name, const std::string& text);

    /// The air's timeline, once the engine has anchored it (before PLAYING):
    /// output sample 0 is wall-clock `origin`, at pipeline clock `base_time`.
    /// Branches added later get this base time.
    void set_timeline(scheduler::TimePoint origin, GstClockTime base_time);

    /// Owner thread, from every poll(): time-driven work (none yet).
    /// `output_end_sample`: how far the mixer's output has got.
    void tick(std::int64_t output_end_sample);

    /// What happened since the last call, in order.
    std::vector<OutputEvent> take_events();

    /// Branches still in the pipeline (stop() waits for each one's EOS).
    std::size_t size() const { return outputs_.size(); }

    /// Sets every branch to NULL and forgets them (after the pipeline stopped).
    void clear();

  private:
    struct Branch;
    void remove(std::size_t index);

    GstElement* pipeline_;
    GstElement* tee_;
    PlayoutSettings settings_;
    scheduler::TimePoint origin_{};
    GstClockTime base_time_ = 0;
    std::vector<std::unique_ptr<Branch>> outputs_;
    /// Branch bin name -> its failed flag; read by mark_failed() on any thread.
    std::mutex flags_mutex_;
    std::map<std::string, std::shared_ptr<std::atomic<bool>>> failed_flags_;
    std::vector<OutputEvent> events_;
};

}  // namespace onair::playout
