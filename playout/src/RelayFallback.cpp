#include "RelayFallback.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <system_error>

#include "FileSource.hpp"
#include "GstUtil.hpp"

namespace onair::playout {

namespace {

/// A stretch's first buffer goes out at least this far ahead of the air clock,
/// in case the decoder was not ready when play() opened the gate.
constexpr std::int64_t late_margin = air_rate / 20;  // 50 ms

}  // namespace

/// The streaming thread's side: the gate it waits at, and where it stamps.
struct RelayFallback::Gate final : RelayAudioSink {
    explicit Gate(const AirMixer& a) : air(a) {}

    void audio(GstBuffer* buffer) override {
        const auto frames =
            static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
        std::unique_lock lock(mutex);
        for (;;) {
            if (closed) {
                return;
            }
            if (playing && hold_at >= 0 && next_stamp >= hold_at) {
                playing = false;  // this buffer waits for the next stretch
                feed.reset();
                hold_at = -1;
            }
            if (playing) {
                break;
            }
            wake.wait(lock);
        }
        if (first_of_stretch) {
            first_of_stretch = false;
            next_stamp = std::max(next_stamp, air.now_sample() + late_margin);
        }
        const std::int64_t stamp = next_stamp;
        next_stamp += frames;
        position += frames;
        std::shared_ptr<RelayFeed> target = feed;
        lock.unlock();
        // Outside the lock: a blocking feed waits here while the mixer has
        // enough of the file, which paces the decoder at real time.
        if (!target->push(buffer, stamp)) {
            lock.lock();
            if (feed == target) {
                playing = false;  // the stretch's end: wait rather than decode on
                feed.reset();
            }
        }
    }

    void ended() override {
        std::shared_ptr<RelayFeed> target;
        {
            std::lock_guard lock(mutex);
            finished = true;
            finished_at = next_stamp;
            if (playing) {
                target = feed;
            }
        }
        if (target) {
            target->end_of_stream();
        }
    }

    void failed(const std::string& message, bool) override {
        std::shared_ptr<RelayFeed> target;
        {
            std::lock_guard lock(mutex);
            if (error) {
                return;
            }
            error = message;
            if (playing) {
                target = feed;
            }
        }
        if (target) {
            target->end_of_stream();
        }
    }

    const AirMixer air;
    mutable std::mutex mutex;
    std::condition_variable wake;
    bool closed = false;
    bool playing = false;
    bool first_of_stretch = false;
    std::shared_ptr<RelayFeed> feed;
    std::int64_t next_stamp = 0;
    std::int64_t hold_at = -1;
    std::int64_t position = 0;
    bool finished = false;
    std::int64_t finished_at = -1;
    std::optional<std::string> error;
};

RelayFallback::RelayFallback(const std::string& name, const std::filesystem::path& file,
                             const AirMixer& air)
    : gate_(std::make_shared<Gate>(air)) {
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(file, ignored)) {
        gate_->error = "no such file: " + file.string();
        return;
    }
    try {
        decoder_ = std::make_unique<RelayDecoder>(
            name, build_file_source("fallback", file, std::chrono::milliseconds(0)), gate_);
        decoder_->start();
    } catch (const std::runtime_error& failure) {
        gate_->error = failure.what();
    }
}

RelayFallback::~RelayFallback() {
    {
        std::lock_guard lock(gate_->mutex);
        gate_->closed = true;
        gate_->feed.reset();
    }
    gate_->wake.notify_all();
    decoder_.reset();
}

std::optional<std::string> RelayFallback::error() const {
    std::lock_guard lock(gate_->mutex);
    return gate_->error;
}

bool RelayFallback::finished() const {
    std::lock_guard lock(gate_->mutex);
    return gate_->finished;
}

std::int64_t RelayFallback::finished_at() const {
    std::lock_guard lock(gate_->mutex);
    return gate_->finished_at;
}

std::int64_t RelayFallback::position() const {
    std::lock_guard lock(gate_->mutex);
    return gate_->position;
}

void RelayFallback::play(std::shared_ptr<RelayFeed> feed, std::int64_t at) {
    {
        std::lock_guard lock(gate_->mutex);
        gate_->feed = std::move(feed);
        gate_->next_stamp = at;
        gate_->hold_at = -1;
        gate_->playing = true;
        gate_->first_of_stretch = true;
    }
    gate_->wake.notify_all();
}

std::int64_t RelayFallback::stop_at(std::int64_t earliest, std::int64_t fade) {
    std::lock_guard lock(gate_->mutex);
    if (!gate_->playing || !gate_->feed) {
        return earliest;
    }
    const std::int64_t from = std::max(gate_->next_stamp, earliest);
    gate_->hold_at = from + fade;
    gate_->feed->set_end(from + fade, fade);
    return from;
}

std::shared_ptr<RelayFeed> RelayFallback::feed() const {
    std::lock_guard lock(gate_->mutex);
    return gate_->feed;
}

}  // namespace onair::playout
