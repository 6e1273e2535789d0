#pragma once
// The real air: the conductor's Air on the GStreamer playout engine.

#include "onair/conductor/Air.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::daemon {

class EngineAir final : public conductor::Air {
  public:
    explicit EngineAir(playout::PlayoutEngine& engine) : engine_(engine) {}

    void schedule(const playout::PlayoutItem& item) override { engine_.schedule(item); }
    bool cut(const std::string& id, scheduler::TimePoint at, const std::string& reason,
             std::chrono::milliseconds fade) override {
        return engine_.cut(id, at, reason, fade);
    }
    bool cancel(const std::string& id) override { return engine_.cancel(id); }

  private:
    playout::PlayoutEngine& engine_;
};

}  // namespace onair::daemon
