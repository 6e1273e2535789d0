#pragma once
// The files of a folder in shuffled order, none repeated before all have
// played (the spec's `folder:` source and the filler). The folder is read again
// at every new round, so files an operator adds or removes count from then on.
// A new round never starts with the file the last one ended with.

#include <filesystem>
#include <optional>
#include <random>
#include <vector>

namespace onair::conductor {

class FillerPlaylist {
  public:
    FillerPlaylist(std::filesystem::path folder, std::uint64_t seed);

    /// The next file, or none when the folder has no audio files.
    std::optional<std::filesystem::path> next();

    const std::filesystem::path& folder() const { return folder_; }

  private:
    void new_round();

    std::filesystem::path folder_;
    std::mt19937_64 random_;
    std::vector<std::filesystem::path> round_;  // still to play, last first
    std::optional<std::filesystem::path> last_;
};

}  // namespace onair::conductor
