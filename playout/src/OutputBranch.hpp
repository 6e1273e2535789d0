#pragma once
// One output's branch on the mixer's tee: a bin `queue leaky ! <the output's
// elements>`, built for one attempt (a failed output gets a new branch when it
// is retried). The queue is leaky, so an output that stalls or cannot keep up
// loses its own audio and never holds up the tee, the air or other outputs.
//
//   file     queue ! (OutputRecorder: encoder ! filesink, one per file)
//   icecast  queue ! encoder ! shout2send (connects in its streaming thread,
//            non-blocking, with a timeout; never in the owner's)
//   alsa     queue ! audioconvert ! audioresample ! alsasink   (sync on the
//   pulse    queue ! audioconvert ! audioresample ! pulsesink   pipeline clock,
//            not providing it: the air runs on the system clock)
//   null     queue ! fakesink
//
// A sink that fails in its buffer's flow (a dropped Icecast connection, a full
// disk) posts an error; a tee-pad probe then drops the branch's buffers at
// once (mark_failed(), from the bus's sync handler), so the error's flow return
// never reaches the tee.
//
// Threads: the owner thread, except mark_failed() and delivered() (any).
// Throws OutputSetupError.

#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include <gst/gst.h>

#include "GstHandles.hpp"
#include "OutputRecorder.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

/// An output that cannot be set up. retry(): whether trying again later can
/// help (a device or server that is not there now), or not (a bad URL, a
/// missing GStreamer element).
class OutputSetupError : public std::runtime_error {
  public:
    OutputSetupError(const std::string& what, bool retry)
        : std::runtime_error(what), retry_(retry) {}
    bool retry() const { return retry_; }

  private:
    bool retry_;
};

class OutputBranch {
  public:
    /// Builds the bin named `bin_name`. A `file` output writes through
    /// `recorder` (prepared by the caller).
    OutputBranch(const OutputSpec& spec, std::string bin_name,
                 std::shared_ptr<OutputRecorder> recorder);
    ~OutputBranch();
    OutputBranch(const OutputBranch&) = delete;
    OutputBranch& operator=(const OutputBranch&) = delete;

    const std::string& bin_name() const { return bin_name_; }
    const std::shared_ptr<OutputRecorder>& recorder() const { return recorder_; }

    /// Opens the sink (state READY) before the branch joins the pipeline, so
    /// that a sound card or sound server that is not there fails here, with
    /// its element's message, instead of failing the whole pipeline's start.
    void open();

    /// Adds the bin to `pipeline`, links it to a new pad of `tee` and, if the
    /// pipeline is running, brings it to the pipeline's state. `base_time`:
    /// the pipeline's, if already chosen (else the engine sets it later).
    void attach(GstElement* pipeline, GstElement* tee, std::optional<GstClockTime> base_time);

    /// Unlinks the branch from the tee (nothing enters it after this), sets it
    /// to NULL and removes it from the pipeline.
    void detach(GstElement* pipeline, GstElement* tee);

    /// Any thread: drop everything the tee sends this branch from now on.
    void mark_failed() { failed_->store(true); }
    bool failed() const { return failed_->load(); }

    /// Any thread: the output works, as far as we can see: its sink has taken
    /// buffers (the second one came, so the first was rendered: for Icecast
    /// that includes connecting).
    bool delivered() const;

    /// The reason an error message's debug text gives, on its last line
    /// ("shout_send() failed: Socket error"), or "".
    static std::string error_detail(GstMessage* error);

    /// Whether stop() must wait for this branch's EOS (files only: the other
    /// outputs have nothing to finalize, and a slow server must not delay it).
    bool forwards_eos() const { return recorder_ != nullptr; }

  private:
    OutputSpec spec_;
    std::string bin_name_;
    GObjectPtr<GstElement> bin_;
    GObjectPtr<GstElement> sink_;
    GObjectPtr<GstPad> tee_pad_;
    std::shared_ptr<OutputRecorder> recorder_;
    std::shared_ptr<std::atomic<bool>> failed_ = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<std::uint64_t>> sink_buffers_ =
        std::make_shared<std::atomic<std::uint64_t>>(0);
};

}  // namespace onair::playout
