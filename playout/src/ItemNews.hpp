#pragma once
// Something an item on the air has to tell the engine's listener: it started,
// a relay event, or its end. Items (FileItem, RelayItem) return these from
// tick(); the engine turns them into listener calls.

#include <cstdint>
#include <string>

#include "onair/playout/PlayoutListener.hpp"

namespace onair::playout {

/// At output sample `at`.
struct ItemNews {
    enum class Kind { started, event, ended };
    Kind kind = Kind::event;
    std::int64_t at = 0;
    RelayEvent event = RelayEvent::connected;  ///< Kind::event
    EndReason end = EndReason::complete;       ///< Kind::ended
    std::string text;                          ///< the event's detail, or the end's reason
};

}  // namespace onair::playout
