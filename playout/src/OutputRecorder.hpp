#pragma once
// The recording of a `file` output, split into files by its path pattern on
// exact samples.
//
// The output's branch is `queue leaky ! (recording)`, where the queue's source
// pad is left unlinked: a probe on it takes every buffer and event and hands
// them to the current recording (a bin `encoder ! filesink` inside the
// branch) with gst_pad_chain / gst_pad_send_event. That lets one buffer be
// split: when the path's expansion changes at a whole second inside a buffer,
// the samples before it go to the old file, which then gets EOS (synchronously,
// in this thread: the encoder drains, wavenc rewrites its header, oggmux closes
// its stream) and is set to NULL, and the samples from that second on go to a
// new recording that got the stream's caps first. Each file has a timeline of
// its own starting at 0 (so do an Ogg file's granule positions). No sample is lost or doubled
// across files, and everything happens in the branch's own streaming thread, behind its leaky
// queue, so the air never waits.
//
// A finished recording leaves the branch before its EOS, so its messages go
// nowhere; the current one stays, so stop()'s EOS reaches the pipeline's bus
// as the branch's forwarded EOS, and its errors (disk full) reach the engine.
// A folder or file that cannot be created is posted as an error from the queue.
//
// Threads: the constructor, prepare() and set_timeline() on the owner thread
// before the branch streams; the probe in the branch's streaming thread; the
// counters from any thread.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"
#include "OutputPath.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

class OutputRecorder {
  public:
    /// `replace`: the first file may overwrite an existing one (a fixed path,
    /// at the engine's start); otherwise a taken name becomes STEM-2.EXT, ...
    OutputRecorder(const OutputSpec& spec, OutputPath path, bool replace);
    ~OutputRecorder();
    OutputRecorder(const OutputRecorder&) = delete;
    OutputRecorder& operator=(const OutputRecorder&) = delete;

    /// Creates the folders and the file for `now`, so that a path that cannot
    /// be written fails now. Throws std::runtime_error saying why.
    void prepare(scheduler::TimePoint now);

    /// Output sample 0 is wall-clock `origin`, at pipeline clock `base_time`.
    void set_timeline(scheduler::TimePoint origin, GstClockTime base_time);

    /// Takes over `queue`'s source pad (leave it unlinked); recordings go into
    /// `branch`, the queue's parent, which must outlive the probe (it does: the
    /// probe dies with the queue).
    static void attach(const std::shared_ptr<OutputRecorder>& recorder, GstElement* branch,
                       GstElement* queue);

    /// Files finished so far (closed at a change of the expansion).
    std::uint64_t files_finished() const { return files_finished_.load(); }
    /// Buffers the current recording accepted.
    std::uint64_t buffers_written() const { return buffers_written_.load(); }

  private:
    struct Recording {
        GObjectPtr<GstElement> bin;
        GObjectPtr<GstPad> sink;
        std::filesystem::path expansion;
        std::filesystem::path file;
        /// The stream's PTS of the file's first sample: its time 0.
        GstClockTime pts_base = 0;
    };

    GstPadProbeReturn on_buffer(GstPad* pad, GstBuffer* buffer);
    GstPadProbeReturn on_event(GstPad* pad, GstEvent* event);
    /// Starts a recording whose first sample is output sample `sample`, at
    /// `first_pts` in the stream's segment; false on failure (posted).
    bool open(GstPad* pad, std::int64_t sample, GstClockTime first_pts);
    /// EOS through the current recording, then NULL.
    void finish();
    void chain(GstBuffer* buffer, std::int64_t first, std::int64_t from, std::int64_t to);
    void post_error(const std::string& text);
    /// The PTS of output sample `sample` in `buffer`, whose first is `first`.
    static GstClockTime pts_of(GstBuffer* buffer, std::int64_t first, std::int64_t sample);
    scheduler::TimePoint instant_of(std::int64_t sample) const;
    /// The first whole-second sample after `sample`.
    std::int64_t next_second_after(std::int64_t sample) const;

    OutputSpec spec_;
    OutputPath path_;
    bool replace_;
    std::atomic<std::int64_t> origin_ms_{0};
    std::atomic<GstClockTime> base_time_{0};
    // Streaming thread only (after prepare()):
    GstElement* branch_ = nullptr;
    GstElement* queue_ = nullptr;
    std::optional<Recording> prepared_;
    std::optional<Recording> current_;
    std::int64_t next_check_ = 0;
    std::int64_t last_end_ = 0;
    bool broken_ = false;
    std::atomic<std::uint64_t> files_finished_{0};
    std::atomic<std::uint64_t> buffers_written_{0};
};

}  // namespace onair::playout
