#pragma once
// The air as the conductor sees it: where items are put and cut. In `onair run`
// it is the GStreamer playout engine; in `onair simulate` a stand-in that
// "plays" each item for its media's length on a virtual clock. Either reports
// back through the playout::PlayoutListener the conductor implements.

#include <chrono>
#include <string>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::conductor {

class Air {
  public:
    virtual ~Air() = default;
    /// As playout::PlayoutEngine::schedule(): never throws for bad media.
    virtual void schedule(const playout::PlayoutItem& item) = 0;
    /// As playout::PlayoutEngine::cut().
    virtual bool cut(const std::string& id, scheduler::TimePoint at, const std::string& reason,
                     std::chrono::milliseconds fade) = 0;
    /// As playout::PlayoutEngine::cancel().
    virtual bool cancel(const std::string& id) = 0;
};

}  // namespace onair::conductor
