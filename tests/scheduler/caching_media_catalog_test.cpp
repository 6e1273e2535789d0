// CachingMediaCatalog over a counting fake and real files in a temp folder: what
// is probed once, what is probed again, and what is never remembered.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "onair/scheduler/CachingMediaCatalog.hpp"

namespace onair::scheduler {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Status = MediaInfo::Status;

/// Looks at the real disk like the GStreamer catalog, and counts its probes.
/// A file "lasts" one second per byte, so a re-probe shows in the result too.
class CountingCatalog : public MediaCatalog {
  public:
    MediaInfo file(const fs::path& path) override {
        ++probes[path.string()];
        if (!fs::is_regular_file(path)) {
            return {Status::missing, 0ms, "no such file"};
        }
        const auto size = fs::file_size(path);
        if (size == 0) {
            return {Status::unreadable, 0ms, "empty file (0 bytes)"};
        }
        return {Status::ok, std::chrono::seconds(size), ""};
    }
    bool folder_has_media(const fs::path&) override {
        ++folder_calls;
        return true;
    }

    std::map<std::string, int> probes;
    int folder_calls = 0;
};

using onair::testing::TempFolder;

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

class CachingMediaCatalogTest : public ::testing::Test {
  protected:
    int probes_of(const fs::path& path) { return inner.probes[path.string()]; }

    TempFolder folder{"onair-cache"};
    CountingCatalog inner;
    CachingMediaCatalog cache{inner};
};

TEST_F(CachingMediaCatalogTest, UnchangedFileIsProbedOnce) {
    const fs::path path = folder.path() / "tin-sang.mp3";
    write_file(path, "12345");

    for (int call = 0; call < 5; ++call) {
        const MediaInfo info = cache.file(path);
        EXPECT_EQ(info.status, Status::ok);
        EXPECT_EQ(info.duration, 5s);
    }
    EXPECT_EQ(probes_of(path), 1);
}

TEST_F(CachingMediaCatalogTest, EachFileHasItsOwnEntry) {
    const fs::path a = folder.path() / "a.mp3";
    const fs::path b = folder.path() / "Bản tin b.mp3";
    write_file(a, "1");
    write_file(b, "123");

    EXPECT_EQ(cache.file(a).duration, 1s);
    EXPECT_EQ(cache.file(b).duration, 3s);
    EXPECT_EQ(cache.file(a).duration, 1s);
    EXPECT_EQ(cache.file(b).duration, 3s);
    EXPECT_EQ(probes_of(a), 1);
    EXPECT_EQ(probes_of(b), 1);
}

TEST_F(CachingMediaCatalogTest, RewrittenWithAnotherSizeIsProbedAgain) {
    const fs::path path = folder.path() / "tin-sang.mp3";
    write_file(path, "12345");
    EXPECT_EQ(cache.file(path).duration, 5s);

    write_file(path, "1234567");
    EXPECT_EQ(cache.file(path).duration, 7s);
    EXPECT_EQ(cache.file(path).duration, 7s);
    EXPECT_EQ(probes_of(path), 2);
}

TEST_F(CachingMediaCatalogTest, SameSizeButNewModificationTimeIsProbedAgain) {
    const fs::path path = folder.path() / "tin-sang.mp3";
    write_file(path, "12345");
    const auto first_time = fs::last_write_time(path);
    EXPECT_EQ(cache.file(path).duration, 5s);

    write_file(path, "54321");
    fs::last_write_time(path, first_time + 1s);
    EXPECT_EQ(cache.file(path).status, Status::ok);
    EXPECT_EQ(probes_of(path), 2);

    // An mtime set back to the old value is a different file version too.
    fs::last_write_time(path, first_time);
    cache.file(path);
    EXPECT_EQ(probes_of(path), 3);
    cache.file(path);
    EXPECT_EQ(probes_of(path), 3);
}

TEST_F(CachingMediaCatalogTest, MissingFileIsNotRemembered) {
    const fs::path path = folder.path() / "chua-tai-len.mp3";
    EXPECT_EQ(cache.file(path).status, Status::missing);
    EXPECT_EQ(cache.file(path).detail, "no such file");

    write_file(path, "123");
    const MediaInfo info = cache.file(path);
    EXPECT_EQ(info.status, Status::ok);
    EXPECT_EQ(info.duration, 3s);

    fs::remove(path);
    EXPECT_EQ(cache.file(path).status, Status::missing);
}

TEST_F(CachingMediaCatalogTest, FolderIsPassedToTheInnerCatalogAsIs) {
    const fs::path path = folder.path() / "thu-muc.mp3";
    fs::create_directory(path);
    EXPECT_EQ(cache.file(path).status, Status::missing);
    EXPECT_EQ(cache.file(path).status, Status::missing);
    EXPECT_EQ(probes_of(path), 2);
}

TEST_F(CachingMediaCatalogTest, UnreadableResultIsProbedAgainEveryTime) {
    // "Unreadable" may be passing (a probe timeout, an upload in progress): a
    // daemon that runs for months must not remember it.
    const fs::path path = folder.path() / "hong.mp3";
    write_file(path, "");
    EXPECT_EQ(cache.file(path).status, Status::unreadable);
    EXPECT_EQ(cache.file(path).detail, "empty file (0 bytes)");
    EXPECT_EQ(probes_of(path), 2);

    write_file(path, "12");
    EXPECT_EQ(cache.file(path).status, Status::ok);
    EXPECT_EQ(cache.file(path).status, Status::ok);
    EXPECT_EQ(probes_of(path), 3);
}

TEST_F(CachingMediaCatalogTest, FolderQuestionsAreNotCached) {
    EXPECT_TRUE(cache.folder_has_media(folder.path()));
    EXPECT_TRUE(cache.folder_has_media(folder.path()));
    EXPECT_EQ(inner.folder_calls, 2);
}

}  // namespace
}  // namespace onair::scheduler
