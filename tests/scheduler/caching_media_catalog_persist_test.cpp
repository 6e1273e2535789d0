// CachingMediaCatalog's cache file: a second catalog (the next `onair plan`)
// that loads what the first one saved probes only what changed, and a cache
// file that is not what save() writes is ignored without harm.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "onair/scheduler/CachingMediaCatalog.hpp"

namespace onair::scheduler {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Status = MediaInfo::Status;
using onair::testing::TempFolder;

/// Looks at the real disk and counts its probes; a file "lasts" one second per
/// byte, and an empty one is unreadable.
class CountingCatalog : public MediaCatalog {
  public:
    MediaInfo file(const fs::path& path) override {
        ++probes[path.string()];
        ++total;
        if (!fs::is_regular_file(path)) {
            return {Status::missing, 0ms, "no such file"};
        }
        const auto size = fs::file_size(path);
        if (size == 0) {
            return {Status::unreadable, 0ms, "empty file (0 bytes)"};
        }
        return {Status::ok, std::chrono::seconds(size), ""};
    }
    bool folder_has_media(const fs::path&) override { return true; }

    std::map<std::string, int> probes;
    int total = 0;
};

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

class PersistentCacheTest : public ::testing::Test {
  protected:
    PersistentCacheTest() {
        write_file(a, "12345");
        write_file(b, "123");
    }

    /// What an earlier run leaves behind: both files probed, the cache saved.
    void earlier_run() {
        CountingCatalog inner;
        CachingMediaCatalog cache(inner);
        EXPECT_EQ(cache.file(a).duration, 5s);
        EXPECT_EQ(cache.file(b).duration, 3s);
        cache.save(cache_file);
    }

    TempFolder folder{"onair-cache-file"};
    const fs::path a = folder.path() / "tin-sang.mp3";
    // A tab and Vietnamese in the name: the path is the line's last field.
    const fs::path b = folder.path() / "Bản tin\tchiều.mp3";
    const fs::path cache_file = folder.path() / "media-durations.tsv";
    CountingCatalog inner;
    CachingMediaCatalog cache{inner};
};

TEST_F(PersistentCacheTest, NextRunDoesNotProbeUnchangedFiles) {
    earlier_run();

    EXPECT_EQ(cache.load(cache_file), 2u);
    EXPECT_EQ(cache.file(a).status, Status::ok);
    EXPECT_EQ(cache.file(a).duration, 5s);
    EXPECT_EQ(cache.file(b).duration, 3s);
    EXPECT_EQ(inner.total, 0);
}

TEST_F(PersistentCacheTest, SamePathWrittenDifferentlyIsTheSameEntry) {
    earlier_run();
    cache.load(cache_file);
    EXPECT_EQ(cache.file(folder.path() / "." / "tin-sang.mp3").duration, 5s);
    EXPECT_EQ(inner.total, 0);
}

TEST_F(PersistentCacheTest, TouchedFileIsProbedAgain) {
    earlier_run();
    fs::last_write_time(a, fs::last_write_time(a) + 1s);

    cache.load(cache_file);
    EXPECT_EQ(cache.file(a).duration, 5s);
    EXPECT_EQ(cache.file(b).duration, 3s);
    EXPECT_EQ(inner.probes[a.string()], 1);
    EXPECT_EQ(inner.probes[b.string()], 0);
}

TEST_F(PersistentCacheTest, ResizedFileIsProbedAgainEvenWithItsOldTime) {
    earlier_run();
    const auto old_time = fs::last_write_time(a);
    write_file(a, "1234567");
    fs::last_write_time(a, old_time);

    cache.load(cache_file);
    EXPECT_EQ(cache.file(a).duration, 7s);
    EXPECT_EQ(inner.probes[a.string()], 1);
}

TEST_F(PersistentCacheTest, MissingCacheFileIsAnEmptyCache) {
    EXPECT_EQ(cache.load(folder.path() / "not-yet.tsv"), 0u);
    EXPECT_EQ(cache.file(a).duration, 5s);
    EXPECT_EQ(inner.total, 1);
}

TEST_F(PersistentCacheTest, OnlyOkResultsOfFilesStillThereAreSaved) {
    const fs::path empty = folder.path() / "hong.mp3";
    const fs::path gone = folder.path() / "xoa.mp3";
    write_file(empty, "");
    write_file(gone, "12");
    {
        CountingCatalog first_inner;
        CachingMediaCatalog first(first_inner);
        EXPECT_EQ(first.file(a).status, Status::ok);
        EXPECT_EQ(first.file(empty).status, Status::unreadable);
        EXPECT_EQ(first.file(gone).status, Status::ok);
        EXPECT_EQ(first.file(folder.path() / "chua-co.mp3").status, Status::missing);
        fs::remove(gone);
        first.save(cache_file);
    }

    EXPECT_EQ(cache.load(cache_file), 1u);
    EXPECT_EQ(cache.file(empty).status, Status::unreadable);
    EXPECT_EQ(inner.probes[empty.string()], 1);
    EXPECT_EQ(cache.file(a).duration, 5s);
    EXPECT_EQ(inner.probes[a.string()], 0);
}

TEST_F(PersistentCacheTest, SaveLeavesOnlyTheCacheFile) {
    earlier_run();
    earlier_run();  // replaces the first one
    int files = 0;
    for (const auto& entry : fs::directory_iterator(folder.path())) {
        files += entry.path().filename().string().starts_with("media-durations") ? 1 : 0;
    }
    EXPECT_EQ(files, 1);
}

TEST_F(PersistentCacheTest, UnwritableCacheFileThrowsNamingIt) {
    cache.file(a);
    const fs::path nowhere = folder.path() / "no-such-folder" / "media-durations.tsv";
    try {
        cache.save(nowhere);
        FAIL() << "save() into a missing folder did not throw";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find(nowhere.string()), std::string::npos)
            << error.what();
    }
}

// Each case is a cache file that save() did not write, or not completely: it
// is ignored as a whole (nothing read, every file probed), never misread.
TEST_F(PersistentCacheTest, DamagedCacheFileIsIgnored) {
    earlier_run();
    const std::string good = read_file(cache_file);
    const std::string line_a = "5\t1\t5000\t" + a.string() + "\n";
    const std::map<std::string, std::string> damaged = {
        {"empty", ""},
        {"binary", std::string("\x7f"
                               "ELF\0\x01\xff\n\t\t\t",
                               11)},
        {"cut short", good.substr(0, good.size() / 2)},
        {"no trailer", good.substr(0, good.rfind("end\t"))},
        {"count too high", good.substr(0, good.rfind("end\t")) + "end\t3\n"},
        {"lines after the trailer", good + line_a},
        {"another version", "onair media durations 2\n" + line_a + "end\t1\n"},
        {"no header", line_a + "end\t1\n"},
        {"size not a number",
         "onair media durations 1\nfive\t1\t5000\t" + a.string() + "\nend\t1\n"},
        {"negative duration", "onair media durations 1\n5\t1\t-5000\t" + a.string() + "\nend\t1\n"},
        {"too few fields", "onair media durations 1\n5\t1\nend\t1\n"},
        {"relative path", "onair media durations 1\n5\t1\t5000\ttin-sang.mp3\nend\t1\n"},
    };
    for (const auto& [what, content] : damaged) {
        SCOPED_TRACE(what);
        write_file(cache_file, content);
        CountingCatalog fresh_inner;
        CachingMediaCatalog fresh(fresh_inner);
        EXPECT_EQ(fresh.load(cache_file), 0u);
        EXPECT_EQ(fresh.file(a).duration, 5s);
        EXPECT_EQ(fresh.file(b).duration, 3s);
        EXPECT_EQ(fresh_inner.total, 2);

        // The next save replaces the damaged file with a good one.
        fresh.save(cache_file);
        CountingCatalog next_inner;
        CachingMediaCatalog next(next_inner);
        EXPECT_EQ(next.load(cache_file), 2u);
    }
}

TEST_F(PersistentCacheTest, WhatIsInMemoryWinsOverTheFile) {
    earlier_run();
    write_file(a, "1234567");
    EXPECT_EQ(cache.file(a).duration, 7s);

    // The file's entry for `a` is older (another size): it must not replace
    // the newer one, nor be used.
    cache.load(cache_file);
    EXPECT_EQ(cache.file(a).duration, 7s);
    EXPECT_EQ(inner.probes[a.string()], 1);
}

}  // namespace
}  // namespace onair::scheduler
