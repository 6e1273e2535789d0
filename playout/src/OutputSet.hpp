#pragma once
// The outputs of the air, and the silence watch on it.
//
// Each output is its own OutputBranch on the mixer's tee, behind its own leaky
// queue, so an output that stalls or fails loses only its own audio and never
// holds up the air or the other outputs.
//
// Failures and retries: an output that posts an error is cut off at the tee at
// once (the bus's sync handler calls mark_failed() in the failing thread; a
// tee-pad probe then drops the branch's buffers, so the error's flow return
// never reaches the tee and stops the mixer), then removed on the owner
// thread. It is tried again with a new branch after 2 s, then 4, 8, 16 and
// every 30 s, from tick(). The listener hears output_error once, when the
// output stops working, and output_recovered when a new branch has delivered
// audio (its sink took buffers: for Icecast, after connecting). What a retry
// cannot fix (a bad URL, an unknown time zone, a missing GStreamer element) is
// reported once and not retried.
//
// File outputs: see OutputRecorder (the file changes with the path pattern's
// expansion, on an exact sample). Files the pattern could have produced that
// are older than retain_days are deleted at add() and after each change of
// file, on the owner thread.
//
// Silence: SilenceDetector measures the air; its alarms become events here.
//
// Threads: the owner thread, except mark_failed() (any thread).

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "OutputBranch.hpp"
#include "OutputPath.hpp"
#include "SilenceDetector.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

/// Something to tell the listener about the outputs.
struct OutputEvent {
    enum class Kind {
        error,          ///< output_error(output, message)
        recovered,      ///< output_recovered(output)
        silence_alarm,  ///< silence_alarm(at): silent since `at`
        silence_ended,  ///< silence_ended(at): sound again at `at`
    };
    Kind kind = Kind::error;
    std::string output;
    std::string message;
    /// silence_*: on the output timeline, as wall-clock time.
    scheduler::TimePoint at{};
};

class OutputSet {
  public:
    /// Keeps a reference to `pipeline` and `tee`. Adds the silence detector's
    /// branch to the pipeline.
    OutputSet(GstElement* pipeline, GstElement* tee, const PlayoutSettings& settings);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /// Builds and links the output's branch. An output that cannot be built
    /// becomes an error event; it is retried later if that can help. Before or
    /// while the pipeline plays.
    void add(const OutputSpec& spec);

    /// Any thread (the bus's sync handler): `child_name`, a direct child of the
    /// pipeline, posted an error. If it is an output's branch, cut it off now.
    void mark_failed(const std::string& child_name);

    /// Owner thread: an error from `child_name`. Returns false if that is not an
    /// output; otherwise removes the branch, reports the error (once) and plans
    /// a retry.
    bool handle_error(const std::string& child_name, const std::string& text);

    /// The air's timeline, once the engine has anchored it (before PLAYING):
    /// output sample 0 is wall-clock `origin`, at pipeline clock `base_time`.
    /// Branches added later get this base time.
    void set_timeline(scheduler::TimePoint origin, GstClockTime base_time);

    /// Owner thread, from every poll(): retries, recoveries, retention, silence.
    void tick();

    /// What happened since the last call, in order.
    std::vector<OutputEvent> take_events();

    /// Branches stop() must wait for (their files are finalized at EOS).
    std::size_t size() const;

    /// Sets every branch to NULL and forgets them (after the pipeline stopped).
    void clear();

  private:
    /// One configured output, across its branches (attempts).
    struct Output {
        OutputSpec spec;
        /// file: the path pattern.
        std::optional<OutputPath> path;
        std::unique_ptr<OutputBranch> branch;
        int attempts = 0;
        /// Reported as failed, and not yet as recovered.
        bool down = false;
        bool given_up = false;
        std::chrono::seconds backoff{0};
        std::optional<std::chrono::steady_clock::time_point> retry_at;
        std::uint64_t files_seen = 0;
    };

    static void on_error_message(GstBus* bus, GstMessage* message, gpointer self);
    void start(Output& output);
    void fail(Output& output, const std::string& message, bool retry);
    void apply_retention(const Output& output);
    std::string describe(const OutputSpec& spec) const;
    scheduler::TimePoint wall_clock_at(std::int64_t sample) const;

    /// Held, so the branches can be detached whatever the engine released first.
    GObjectPtr<GstElement> pipeline_ref_;
    GObjectPtr<GstElement> tee_ref_;
    GstElement* pipeline_;
    GstElement* tee_;
    PlayoutSettings settings_;
    std::optional<scheduler::TimePoint> origin_;
    GstClockTime base_time_ = 0;
    std::vector<std::unique_ptr<Output>> outputs_;
    std::unique_ptr<SilenceDetector> silence_;
    /// Branch bin name -> its branch; read by mark_failed() on any thread.
    mutable std::mutex branches_mutex_;
    std::map<std::string, OutputBranch*> branches_by_name_;
    /// Branch bin name -> the reason its last error's debug text gave (the
    /// engine hands handle_error() only the error's message).
    std::map<std::string, std::string> error_details_;
    GObjectPtr<GstBus> bus_;
    SignalConnection error_handler_;
    std::vector<OutputEvent> events_;
};

}  // namespace onair::playout
