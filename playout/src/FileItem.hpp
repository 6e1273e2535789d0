#pragma once
// One file item on the air, from its scheduling to its end: its bin
// (FileSource) on a mixer pad whose offset puts its first sample on its planned
// instant, the probe on that pad that measures it on the output timeline and
// applies its fade and cut (FadeRamp), and the decision that it has ended and
// why (complete, cut at max_length, cut on request, failed).
//
// Threads: the owner thread (the engine's poll()) calls everything. The probe
// runs in the item's streaming thread; what it measures is shared under a
// mutex. Destroying the item takes its bin off the air (as take_down()).
//
// Throws: the constructor throws std::runtime_error when the bin cannot be
// built or linked to the mixer. Bad media is a failure reported by tick().

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "AirMixer.hpp"
#include "GstHandles.hpp"
#include "ItemNews.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

class FileItem {
  public:
    /// An item that has produced no audio this long after its planned start is
    /// failed: decodebin can lose a demuxer's error (truncated Ogg, GStreamer
    /// 1.22) and then sits silent forever.
    static constexpr std::chrono::milliseconds start_grace{2000};

    /// Adds the item's bin, named `bin_name`, to the air. `start`: its planned
    /// first sample on the output timeline (whole milliseconds of it).
    FileItem(const PlayoutItem& spec, std::string bin_name, const AirMixer& air,
             std::int64_t start);
    ~FileItem();
    FileItem(const FileItem&) = delete;
    FileItem& operator=(const FileItem&) = delete;

    const PlayoutItem& spec() const { return spec_; }
    const std::string& bin_name() const { return bin_name_; }

    /// What the listener must hear now that the output has reached sample
    /// `output`: its start, then its end, once each. After the end, done().
    std::vector<ItemNews> tick(std::int64_t output);

    enum class Cut {
        unheard,  ///< nothing of it went out or will go out before `at`: take it off now
        fading,   ///< it fades out to end at `at` (or after what the mixer already has)
    };
    /// PlayoutEngine::cut() for this item, with `reason` for its end.
    Cut cut(std::int64_t at, std::int64_t fade, const std::string& reason, std::int64_t output);

    /// Its first sample has gone out by output sample `output`.
    bool on_air(std::int64_t output) const;

    /// A bus error from its bin: it ends failed with `reason` (the first one).
    void fail(const std::string& reason);

    bool done() const { return done_; }

    /// Takes the bin off the air at once. Safe to call twice.
    void take_down();

  private:
    struct Progress;

    static GstPadProbeReturn on_mixer_pad(GstPad* pad, GstPadProbeInfo* info, gpointer data);

    PlayoutItem spec_;
    std::string bin_name_;
    AirMixer air_;
    std::int64_t start_;
    GObjectPtr<GstElement> bin_;
    GObjectPtr<GstPad> mixer_pad_;
    std::shared_ptr<Progress> progress_;
    bool started_reported_ = false;
    bool done_ = false;
    bool taken_down_ = false;
    std::optional<std::string> failure_;
    /// Set by cut(): the cut is the owner's, not max_length's.
    std::optional<std::string> cut_on_request_;
};

}  // namespace onair::playout
