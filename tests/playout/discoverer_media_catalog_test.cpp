// DiscovererMediaCatalog against real media: every file is generated here with
// GStreamer (tones from audiotestsrc, encoded to each format), then damaged,
// renamed or removed to produce the broken cases. Nothing is downloaded.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "../support/TestFiles.hpp"

#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "onair/playout/DiscovererMediaCatalog.hpp"
// The playout's private RAII handles; the test reuses them rather than keep a copy.
#include "../../playout/src/GstHandles.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::MediaInfo;
using Status = MediaInfo::Status;
using Clock = std::chrono::steady_clock;

using onair::testing::TempFolder;

/// Media shared by all tests, so each file is generated once per run.
const TempFolder& scratch() {
    static const TempFolder folder{"onair-discoverer"};
    return folder;
}

/// One catalog for the whole run, as the daemon has: this also checks that a
/// discoverer stays usable after errors.
DiscovererMediaCatalog& catalog() {
    static DiscovererMediaCatalog instance;
    return instance;
}

/// For damaged files: their probes end in an error within milliseconds, so a
/// short timeout keeps the worst case (GStreamer's lost-error race, retried) small.
DiscovererMediaCatalog& impatient_catalog() {
    static DiscovererMediaCatalog instance(2s);
    return instance;
}

/// Runs a gst-launch description to EOS by popping the bus; no main loop.
void run_pipeline(const std::string& description) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    GErrorHolder error;
    auto pipeline = adopt_floating(gst_parse_launch(description.c_str(), error.out()));
    ASSERT_TRUE(pipeline && !error) << description << ": " << error.message();
    auto bus = adopt(gst_element_get_bus(pipeline.get()));
    ASSERT_NE(gst_element_set_state(pipeline.get(), GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE)
        << description;
    GstMessagePtr message(gst_bus_timed_pop_filtered(
        bus.get(), 60 * GST_SECOND,
        static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
    gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    ASSERT_TRUE(message) << description << ": no EOS within 60 s";
    if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_ERROR) {
        GError* raw = nullptr;
        gst_message_parse_error(message.get(), &raw, nullptr);
        const std::string text = raw != nullptr ? raw->message : "";
        g_clear_error(&raw);
        FAIL() << description << ": " << text;
    }
}

struct Format {
    const char* extension;
    /// gst-launch elements from raw audio to the file's bytes.
    const char* encoder;
    /// How far the probed length may be from the generated one. Lossless formats
    /// carry the exact sample count; MP3 adds the encoder's delay and padding
    /// (and the parser estimates from the bitrate); Vorbis and Opus have exact
    /// end positions but pre-skip and block-size rounding.
    std::chrono::milliseconds tolerance;
};

const Format wav{"wav", "wavenc", 1ms};
const Format flac{"flac", "flacenc", 1ms};
const Format ogg{"ogg", "vorbisenc ! oggmux", 60ms};
const Format opus{"opus", "opusenc ! oggmux", 60ms};
// CBR, so the parser's bitrate estimate holds (no Xing header without xingmux).
const Format mp3{"mp3", "lamemp3enc target=bitrate cbr=true bitrate=128", 60ms};

std::string format_name(const Format& format) {
    return format.extension;
}

/// A 440 Hz tone of `length` (a multiple of 10 ms) in `format`, generated on
/// first use. Buffers of 441 samples at 44.1 kHz are exactly 10 ms each.
fs::path tone(const Format& format, std::chrono::milliseconds length) {
    static std::map<std::string, fs::path> generated;
    const std::string name =
        "tone-" + std::to_string(length.count()) + "ms." + std::string(format.extension);
    const auto found = generated.find(name);
    if (found != generated.end()) {
        return found->second;
    }
    const fs::path path = scratch().path() / name;
    run_pipeline("audiotestsrc num-buffers=" + std::to_string(length.count() / 10) +
                 " samplesperbuffer=441 freq=440 ! audio/x-raw,rate=44100,channels=2"
                 " ! audioconvert ! audioresample ! " +
                 format.encoder + " ! filesink location=" + path.string());
    generated.emplace(name, path);
    return path;
}

using onair::testing::read_prefix;
using onair::testing::write_bytes;

// ---------------------------------------------------------------------------
// Durations: format x length.

class ProbedDuration
    : public ::testing::TestWithParam<std::tuple<Format, std::chrono::milliseconds>> {};

TEST_P(ProbedDuration, MatchesTheGeneratedLength) {
    const auto& [format, length] = GetParam();
    const fs::path path = tone(format, length);
    ASSERT_FALSE(HasFatalFailure());

    const auto started = Clock::now();
    const MediaInfo info = catalog().file(path);
    const auto took = Clock::now() - started;

    RecordProperty("probed_ms", static_cast<int>(info.duration.count()));
    RecordProperty(
        "probe_us",
        static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(took).count()));
    ASSERT_EQ(info.status, Status::ok) << path << ": " << info.detail;
    EXPECT_TRUE(info.detail.empty()) << info.detail;
    EXPECT_LE(std::chrono::abs(info.duration - length), format.tolerance)
        << path << " probed as " << info.duration.count() << " ms";
    EXPECT_LT(took, 5s);
}

INSTANTIATE_TEST_SUITE_P(FormatsAndLengths, ProbedDuration,
                         ::testing::Combine(::testing::Values(wav, flac, ogg, opus, mp3),
                                            ::testing::Values(250ms, 2'500ms, 61'730ms)),
                         [](const auto& info) {
                             return format_name(std::get<0>(info.param)) + "_" +
                                    std::to_string(std::get<1>(info.param).count()) + "ms";
                         });

TEST(DiscovererMediaCatalog, VietnameseNameWithSpacesInAFolderWithSpaces) {
    const fs::path folder = scratch().path() / "Chương trình xã";
    fs::create_directories(folder);
    const fs::path path = folder / "Bản tin Phố Ninh #1 (tháng 12) 100%.wav";
    fs::copy_file(tone(wav, 2'500ms), path, fs::copy_options::overwrite_existing);

    const MediaInfo info = catalog().file(path);
    ASSERT_EQ(info.status, Status::ok) << info.detail;
    EXPECT_EQ(info.duration, 2'500ms);
}

TEST(DiscovererMediaCatalog, RelativePathIsTakenFromTheCurrentFolder) {
    const fs::path absolute = tone(wav, 250ms);
    const fs::path relative = fs::relative(absolute);
    ASSERT_TRUE(relative.is_relative()) << relative;

    const MediaInfo info = catalog().file(relative);
    ASSERT_EQ(info.status, Status::ok) << info.detail;
    EXPECT_EQ(info.duration, 250ms);
}

TEST(DiscovererMediaCatalog, SymlinkToAFileIsFollowed) {
    const fs::path link = scratch().path() / "link-to-tone.flac";
    fs::remove(link);
    fs::create_symlink(tone(flac, 2'500ms), link);

    const MediaInfo info = catalog().file(link);
    ASSERT_EQ(info.status, Status::ok) << info.detail;
    EXPECT_EQ(info.duration, 2'500ms);
}

// ---------------------------------------------------------------------------
// Files that are not there or not playable.

struct BrokenCase {
    const char* name;
    /// Creates the case under `folder` and returns the path to probe.
    fs::path (*make)(const fs::path& folder);
    Status status;
    /// Part of the detail, for details onair words itself; nullptr where the
    /// words come from GStreamer (then only a non-empty detail is required).
    const char* detail_has;
};

const BrokenCase broken_cases[] = {
    {"missing_file", [](const fs::path& folder) { return folder / "chua-tai-len.mp3"; },
     Status::missing, "no such file"},
    {"folder_passed_as_file",
     [](const fs::path& folder) {
         fs::create_directories(folder / "thu-muc.mp3");
         return folder / "thu-muc.mp3";
     },
     Status::missing, "folder"},
    {"dangling_symlink",
     [](const fs::path& folder) {
         fs::create_symlink(folder / "gone.mp3", folder / "dangling.mp3");
         return folder / "dangling.mp3";
     },
     Status::missing, "no such file"},
    {"zero_bytes",
     [](const fs::path& folder) {
         write_bytes(folder / "empty.mp3", "");
         return folder / "empty.mp3";
     },
     Status::unreadable, "empty file"},
    {"truncated_mp3",
     [](const fs::path& folder) {
         write_bytes(folder / "cut.mp3", read_prefix(tone(mp3, 2'500ms), 200));
         return folder / "cut.mp3";
     },
     Status::unreadable, nullptr},
    {"truncated_ogg",
     [](const fs::path& folder) {
         write_bytes(folder / "cut.ogg", read_prefix(tone(ogg, 2'500ms), 200));
         return folder / "cut.ogg";
     },
     Status::unreadable, nullptr},
    {"random_bytes_named_mp3",
     [](const fs::path& folder) {
         std::mt19937 random(20261201);
         std::string bytes(64 * 1024, '\0');
         for (char& byte : bytes) {
             byte = static_cast<char>(random() & 0xff);
         }
         write_bytes(folder / "garbage.mp3", bytes);
         return folder / "garbage.mp3";
     },
     Status::unreadable, nullptr},
    {"text_named_wav",
     [](const fs::path& folder) {
         write_bytes(folder / "ghi-chu.wav",
                     "Bản tin sáng thứ hai: nhắc bà con tiêm phòng cho gia súc.\n");
         return folder / "ghi-chu.wav";
     },
     Status::unreadable, nullptr},
    {"image_named_mp3",
     [](const fs::path& folder) {
         run_pipeline(
             "videotestsrc num-buffers=1 ! video/x-raw,width=64,height=64 ! pngenc"
             " ! filesink location=" +
             (folder / "cover.mp3").string());
         return folder / "cover.mp3";
     },
     Status::unreadable, "no audio stream (found image/png)"},
};

void PrintTo(const BrokenCase& broken, std::ostream* out) {
    *out << broken.name;
}

class BrokenMedia : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenMedia, IsReportedWithAReasonInBoundedTime) {
    const BrokenCase& broken = GetParam();
    const fs::path folder = scratch().path() / broken.name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    const fs::path path = broken.make(folder);
    ASSERT_FALSE(HasFatalFailure());

    const auto started = Clock::now();
    const MediaInfo info = impatient_catalog().file(path);
    const auto took = Clock::now() - started;

    RecordProperty("detail", info.detail);
    EXPECT_EQ(info.status, broken.status) << info.detail;
    EXPECT_EQ(info.duration, 0ms);
    EXPECT_FALSE(info.detail.empty());
    if (broken.detail_has != nullptr) {
        EXPECT_NE(info.detail.find(broken.detail_has), std::string::npos) << info.detail;
    }
    // Two attempts of the 2 s timeout at most, plus slack for a loaded machine.
    EXPECT_LT(took, 6s) << info.detail;
}

INSTANTIATE_TEST_SUITE_P(Cases, BrokenMedia, ::testing::ValuesIn(broken_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DiscovererMediaCatalog, MissingPluginIsNamed) {
    // An AMR-NB stream: GStreamer's typefinder knows it, but its decoders live
    // in plugins-ugly / libav, which onair does not install.
    for (const char* decoder : {"amrnbdec", "avdec_amrnb"}) {
        auto factory = adopt(gst_element_factory_find(decoder));
        if (factory) {
            GTEST_SKIP() << decoder << " is installed here, so nothing is missing";
        }
    }
    const fs::path folder = scratch().path() / "missing_plugin";
    fs::create_directories(folder);
    std::string bytes = "#!AMR\n";
    for (int frame = 0; frame < 50; ++frame) {
        bytes += '\x3c';  // 12.2 kbit/s frame header, then 31 bytes of payload
        bytes.append(31, static_cast<char>(frame));
    }
    write_bytes(folder / "dien-thoai.mp3", bytes);

    const MediaInfo info = impatient_catalog().file(folder / "dien-thoai.mp3");
    EXPECT_EQ(info.status, Status::unreadable);
    EXPECT_NE(info.detail.find("missing: "), std::string::npos) << info.detail;
    EXPECT_NE(info.detail.find("AMR"), std::string::npos) << info.detail;
}

TEST(DiscovererMediaCatalog, StaysUsableAfterBrokenFiles) {
    const fs::path garbage = scratch().path() / "before-good.ogg";
    write_bytes(garbage, read_prefix(tone(ogg, 2'500ms), 200));
    EXPECT_EQ(catalog().file(garbage).status, Status::unreadable);

    const MediaInfo info = catalog().file(tone(wav, 2'500ms));
    ASSERT_EQ(info.status, Status::ok) << info.detail;
    EXPECT_EQ(info.duration, 2'500ms);
}

// ---------------------------------------------------------------------------
// Folders.

struct FolderCase {
    const char* name;
    /// Entries to create: a trailing '/' makes a folder, anything else a file.
    std::vector<const char*> entries;
    bool has_media;
};

const FolderCase folder_cases[] = {
    {"empty", {}, false},
    {"hidden_and_other_files_only",
     {".tin-sang.mp3", "._tin-sang.mp3", "ghi-chu.txt", "bia.jpg", "tin-sang.mp3.part",
      "thu-muc-con.mp3/"},
     false},
    {"one_upper_case_mp3", {"ghi-chu.txt", "TIN SÁNG.MP3"}, true},
    {"one_opus", {"nhac-nen.opus"}, true},
    {"audio_only_in_a_subfolder", {"con/", "con/tin.mp3"}, false},
};

void PrintTo(const FolderCase& folder_case, std::ostream* out) {
    *out << folder_case.name;
}

class FolderHasMedia : public ::testing::TestWithParam<FolderCase> {};

TEST_P(FolderHasMedia, LooksAtRegularVisibleAudioFilesOnly) {
    const FolderCase& folder_case = GetParam();
    const fs::path folder = scratch().path() / "folders" / folder_case.name;
    fs::remove_all(folder);
    fs::create_directories(folder);
    for (const std::string entry : folder_case.entries) {
        if (entry.ends_with('/')) {
            fs::create_directories(folder / entry);
        } else {
            write_bytes(folder / entry, "not probed");
        }
    }
    EXPECT_EQ(catalog().folder_has_media(folder), folder_case.has_media);
}

INSTANTIATE_TEST_SUITE_P(Cases, FolderHasMedia, ::testing::ValuesIn(folder_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(DiscovererMediaCatalog, MissingFolderHasNoMedia) {
    EXPECT_FALSE(catalog().folder_has_media(scratch().path() / "khong-co"));
}

TEST(DiscovererMediaCatalog, FileIsNotAFolderWithMedia) {
    EXPECT_FALSE(catalog().folder_has_media(tone(wav, 250ms)));
}

}  // namespace
}  // namespace onair::playout
