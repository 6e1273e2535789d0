#pragma once
// One attempt at a relay's stream: souphttpsrc ! decodebin in a RelayDecoder
// of its own, with what the relay item needs to judge it (when audio last
// came, how long it has been silent, what went wrong) and, once the item puts
// it on the air, the stamping of its audio onto the output timeline.
//
// A connection is never reused after a fault: a stalled souphttpsrc does not
// recover by itself, so the item drops it and builds a fresh one.
//
// Off the air, the connection keeps the latest 2 s of audio. go_on_air() hands
// part of that to a feed stamped from the chosen sample, so the first sample
// lands exactly there, and every later buffer follows contiguously: the relay
// plays a jitter buffer behind its arrival. The jitter buffer is `lead`, or the
// largest gap between arrivals seen so far plus 250 ms if that is more (at
// most 1.5 s): Icecast hands a stream out in 4 KB blocks, half a second apart
// at 64 kbit/s.
// - Faster than real time (an Icecast burst after the join): the feed's level
//   grows; past the jitter buffer + 1 s the newest buffers are skipped, so the
//   relay's delay stays bounded (audio is lost, once, rather than delayed for
//   hours).
// - Slower than real time (a server whose clock runs slow, or a stutter): the
//   level falls; when it runs dry the stamping restarts a jitter buffer ahead,
//   a short gap. The item counts those; ordinary clock drift (<= 100 ppm) uses
//   up the buffer only after more than an hour.
//
// Threads: the owner thread builds, reads health() and calls go_on_air() /
// go_off_air(); the decoder's streaming thread delivers audio. Destroying the
// connection never blocks (see RelayDecoder).

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "RelayDecoder.hpp"
#include "RelayFeed.hpp"
#include "RelayHealth.hpp"

namespace onair::playout {

class RelayFeed;

class RelayConnection {
  public:
    using Clock = std::chrono::steady_clock;

    using Health = RelayHealth;

    /// Starts connecting at once. `name` names its pipeline (for debugging);
    /// `lead`: the jitter buffer, in samples. Throws std::runtime_error if an
    /// element is missing.
    RelayConnection(const std::string& name, const std::string& url, const AirMixer& air,
                    std::int64_t lead, double silence_threshold_db);
    ~RelayConnection();
    RelayConnection(const RelayConnection&) = delete;
    RelayConnection& operator=(const RelayConnection&) = delete;

    Health health() const;

    /// From now on the audio goes to `feed`: first what was kept (as much as
    /// keeps the level at `lead`), stamped from output sample `at`, then every
    /// new buffer right after it.
    void go_on_air(std::shared_ptr<RelayFeed> feed, std::int64_t at);

    /// Stops feeding (the feed keeps what it got). Returns the feed's end: one
    /// past the relay's last sample on the air.
    std::int64_t go_off_air();

  private:
    struct Link;
    std::shared_ptr<Link> link_;
    std::unique_ptr<RelayDecoder> decoder_;
};

}  // namespace onair::playout
