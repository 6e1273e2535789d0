#pragma once
// What a relay connection measured about its stream, as a plain snapshot: what
// RelayRules judge a stream by. Filled by RelayConnection (its decoder's
// streaming thread stamps it with the steady clock), copied out under its lock.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace onair::playout {

struct RelayHealth {
    using Clock = std::chrono::steady_clock;

    Clock::time_point started;
    std::optional<Clock::time_point> first_audio;
    std::optional<Clock::time_point> last_audio;
    /// The longest wait between two buffers so far (how bursty the server is).
    Clock::duration largest_gap{};
    /// Samples decoded so far.
    std::int64_t frames = 0;
    /// Samples since the last buffer above the silence threshold (all of
    /// them if none was).
    std::int64_t silent_frames = 0;
    /// Samples of the current stretch of sound: since the first loud buffer
    /// after a silence of at least a second (0 while silent).
    std::int64_t sounding_frames = 0;
    /// Samples decoded since go_on_air() (0 off the air).
    std::int64_t on_air_frames = 0;
    /// Times the feed ran dry on the air (see RelayConnection.hpp), and when it
    /// last did.
    int underruns = 0;
    std::optional<Clock::time_point> last_underrun;
    /// The connection is dead: the server closed it, the network or the
    /// stream failed. In words for the log.
    std::optional<std::string> fault;
};

}  // namespace onair::playout
