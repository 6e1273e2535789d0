#pragma once
// A relay's fallback file, decoded in a RelayDecoder of its own and held at a
// gate: it prerolls as soon as the relay item is scheduled (its first buffer
// waits, decoded, in the decoder's streaming thread), goes on the air on an
// exact output sample when the relay fails (play()), and steps off again on
// an exact sample when the relay comes back (stop_at()), holding its place:
// the next play() resumes the file where it left off, not from its start, so
// a listener hears the recording continue instead of its first minutes again.
//
// Threads: the owner thread calls everything; the gate is in the decoder's
// streaming thread, which close() (or the destructor) releases.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "RelayDecoder.hpp"
#include "RelayFeed.hpp"

namespace onair::playout {

class RelayFallback {
  public:
    /// Starts decoding `file` at once (held at the gate). Never throws for a
    /// bad file: that shows as error().
    RelayFallback(const std::string& name, const std::filesystem::path& file, const AirMixer& air);
    ~RelayFallback();
    RelayFallback(const RelayFallback&) = delete;
    RelayFallback& operator=(const RelayFallback&) = delete;

    /// Why the file cannot play (missing, not decodable), if it cannot.
    std::optional<std::string> error() const;
    /// The file has been played to its end.
    bool finished() const;
    /// One past the file's last sample on the output timeline, once finished().
    std::int64_t finished_at() const;
    /// How far into the file the next play() starts, in samples.
    std::int64_t position() const;

    /// Opens the gate: the file's next sample goes out at output sample `at`
    /// (or, if the decoder is late, as soon after as it can), through `feed`,
    /// which ends the stretch (its set_end()) as it was told.
    void play(std::shared_ptr<RelayFeed> feed, std::int64_t at);

    /// Steps off the air: the file fades out over `fade` samples from the
    /// returned sample R (the first sample not yet handed to the feed, and not
    /// before `earliest`), and the gate closes at R + fade.
    std::int64_t stop_at(std::int64_t earliest, std::int64_t fade);

    /// The feed of the stretch on the air, if any.
    std::shared_ptr<RelayFeed> feed() const;

  private:
    struct Gate;
    std::shared_ptr<Gate> gate_;
    std::unique_ptr<RelayDecoder> decoder_;
};

}  // namespace onair::playout
