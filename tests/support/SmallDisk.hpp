#pragma once
// A real small filesystem for tests of a full disk: a tmpfs of a few hundred
// KiB mounted on a folder (needs CAP_SYS_ADMIN: root on the test machines and
// in CI), filled to the last byte on demand and freed again, unmounted when the
// test is done. Used from the test's thread; throws nothing (mounted() says
// whether the mount worked, why_not() why it did not).

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace onair::testing {

class SmallDisk {
  public:
    SmallDisk(const std::filesystem::path& folder, std::size_t bytes) : folder_(folder) {
        std::filesystem::create_directories(folder);
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
        if (::mount("tmpfs", folder.c_str(), "tmpfs", 0, options.c_str()) == 0) {
            mounted_ = true;
        } else {
            why_not_ = std::strerror(errno);
        }
    }
    ~SmallDisk() {
        if (mounted_) {
            // Lazy: a daemon that still has the log open does not keep it mounted.
            ::umount2(folder_.c_str(), MNT_DETACH);
        }
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& why_not() const { return why_not_; }

    /// Writes a file until the disk has no byte left (ENOSPC).
    void fill() const {
        const auto path = folder_ / "fill";
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) {
            return;
        }
        const std::vector<char> block(64 * 1024, 'x');
        for (std::size_t size = block.size(); size > 0; size /= 2) {
            while (::write(fd, block.data(), size) == static_cast<ssize_t>(size)) {
            }
        }
        ::close(fd);
    }

    /// Gives back what fill() took.
    void free_space() const { std::filesystem::remove(folder_ / "fill"); }

  private:
    std::filesystem::path folder_;
    bool mounted_ = false;
    std::string why_not_;
};

}  // namespace onair::testing
