#include "FillerPlaylist.hpp"

#include <algorithm>
#include <system_error>

#include "onair/scheduler/AudioFileName.hpp"

namespace onair::conductor {

namespace fs = std::filesystem;

FillerPlaylist::FillerPlaylist(fs::path folder, std::uint64_t seed)
    : folder_(std::move(folder)), random_(seed) {}

void FillerPlaylist::new_round() {
    round_.clear();
    std::error_code error;
    for (fs::directory_iterator it(folder_, error), end; !error && it != end; it.increment(error)) {
        std::error_code kind_error;
        if (it->is_regular_file(kind_error) && scheduler::is_audio_file_name(it->path())) {
            round_.push_back(it->path());
        }
    }
    // Sorted first so that the same seed gives the same order on every machine.
    std::sort(round_.begin(), round_.end());
    std::shuffle(round_.begin(), round_.end(), random_);
    // round_ is consumed from the back: keep last round's final file off it.
    if (round_.size() > 1 && last_ && round_.back() == *last_) {
        std::swap(round_.back(), round_.front());
    }
}

std::optional<fs::path> FillerPlaylist::next() {
    if (round_.empty()) {
        new_round();
        if (round_.empty()) {
            return std::nullopt;
        }
    }
    last_ = round_.back();
    round_.pop_back();
    return last_;
}

}  // namespace onair::conductor
