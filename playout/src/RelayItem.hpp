#pragma once
// A relay airing: the live stream on the air for its whole slot (planned
// start to start + max_length), with the fallback file in its place while the
// stream is away. What it does, in order:
//
// - Scheduled (the daemon does it ~5 s ahead): prerolls the fallback and
//   connects to the stream (at most connect_ahead before the start)
//   (RelayFallback, RelayConnection).
// - At start - lead: if the stream is delivering audio, it goes on the air with
//   its first sample exactly on the planned start (`connected`). Otherwise the
//   fallback does, from the file's start (`dropped` with the reason, then
//   `fallback`), and the stream keeps being tried. Scheduled late or after its
//   start (a join after a restart: `offset` is ignored, a live stream has no
//   position), the first connection gets up to first_connect_wait first, and
//   whatever comes goes on the air as soon as it can.
// - On the air, the stream is dropped when it errs, the server closes it, no
//   audio came for stall_after (a stall, or garbage the parser skips), it ran
//   dry twice within 10 s (slower than real time), or its audio stayed below
//   the silence threshold for the item's relay_silence_tolerance. The fallback
//   then starts right after the stream's last sample on the air (at once for a
//   stall). It resumes where it left off if it played before.
// - Meanwhile a fresh connection is tried at once after a drop and then every
//   retry_every (a silent stream's connection is kept and watched). When one
//   has delivered sound for rejoin_after, the stream comes back (`rejoined`,
//   or `connected` if it had never been on the air): the fallback fades out
//   and the stream fades in over `crossfade`, from the first sample of the
//   fallback not yet handed to the mixer.
// - The item ends once, at the end of its slot (cut_at_max_length, with the
//   item's cut_reason, both sources faded out over fade_out), or earlier:
//   complete when the fallback played to its end while the stream was away
//   (the rest of the slot is the owner's, e.g. filler); cut by cut(); failed
//   when nothing was on the air by start + start_grace (reason: the stream's
//   fault and the fallback's, "relay URL unreachable: ...; no fallback file").
//
// Every event carries its instant on the output timeline, and is reported
// once the output has reached it, after the item's start.
//
// The rules (when to drop, retry, rejoin, fall back, fail) are RelayRules';
// this class carries out their decisions on the sources.
//
// Threads: owner thread only (the engine's poll()); the parts it owns have
// streaming threads of their own.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ItemNews.hpp"
#include "RelayConnection.hpp"
#include "RelayFallback.hpp"
#include "RelayFeed.hpp"
#include "RelayRules.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

class RelayItem {
  public:
    using Clock = std::chrono::steady_clock;

    /// `name` ("item-N") prefixes its feeds and pipelines. `start` and `end`:
    /// the slot on the output timeline, in samples; `now_sample`: the air
    /// clock's sample now.
    RelayItem(const PlayoutItem& spec, const std::string& name, const AirMixer& air,
              double silence_threshold_db, std::int64_t start, std::int64_t end,
              std::int64_t now_sample);
    /// Tears everything down without reporting (as drop()).
    ~RelayItem();
    RelayItem(const RelayItem&) = delete;
    RelayItem& operator=(const RelayItem&) = delete;

    /// Watches the sources and switches between them; returns what the
    /// listener must hear, in order. `output`: the output's end, in samples;
    /// `now_sample`: the air clock's sample now; `now`: the steady clock's
    /// time now (the one RelayHealth is stamped with).
    std::vector<ItemNews> tick(std::int64_t output, std::int64_t now_sample, Clock::time_point now);

    /// As PlayoutEngine::cut(): ends the item at `at` (or after what was
    /// already handed to the mixer) with a fade. Returns false once ended.
    bool cut(std::int64_t at, std::int64_t fade, const std::string& reason);

    /// Its first sample has gone out.
    bool on_air(std::int64_t output) const;
    /// It has reported its end (or was dropped): the engine can forget it.
    bool done() const { return done_; }
    const PlayoutItem& spec() const { return spec_; }

    /// Takes everything off the air at once, reporting nothing.
    void drop();

  private:
    using Phase = RelayRules::Phase;

    void connect(Clock::time_point now);
    void watch(Clock::time_point now, std::int64_t now_sample);
    void try_start(Clock::time_point now, std::int64_t now_sample);
    void try_rejoin(Clock::time_point now, std::int64_t now_sample);
    void go_relay(std::int64_t at, bool crossfade_in);
    void go_fallback(std::int64_t at);
    void drop_relay(const std::string& cause, bool dead, std::int64_t now_sample);
    bool fallback_usable() const;
    std::string why_no_relay(Clock::time_point now) const;
    std::string why_no_fallback() const;
    std::shared_ptr<RelayFeed> new_feed(const char* kind, bool blocking);
    void retire(std::shared_ptr<RelayFeed>& feed, std::int64_t until);
    void note(RelayEvent event, std::int64_t at, std::string detail);
    void finish(std::int64_t at, EndReason kind, std::string reason);

    PlayoutItem spec_;
    std::string name_;
    AirMixer air_;
    double silence_threshold_db_;
    std::int64_t start_;
    std::int64_t end_;  // the planned end until cut() or the fallback's end moves it
    std::int64_t fade_out_;
    EndReason end_kind_ = EndReason::cut_at_max_length;
    std::string end_reason_;
    RelayRules rules_;
    bool done_ = false;

    std::unique_ptr<RelayConnection> live_;       // the stream on the air
    std::unique_ptr<RelayConnection> candidate_;  // an attempt, or a silent stream watched
    std::unique_ptr<RelayFallback> fallback_;
    std::shared_ptr<RelayFeed> relay_feed_;
    std::shared_ptr<RelayFeed> fallback_feed_;
    std::vector<std::pair<std::shared_ptr<RelayFeed>, std::int64_t>> retired_;
    int feeds_ = 0;
    std::optional<std::string> last_failure_;
    bool relay_aired_ = false;
    std::int64_t relay_lost_at_ = -1;  // where the stream last left the air

    std::int64_t first_on_air_ = -1;
    bool started_reported_ = false;
    std::vector<ItemNews> pending_;
};

}  // namespace onair::playout
