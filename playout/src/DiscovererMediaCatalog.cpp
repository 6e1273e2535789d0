#include "onair/playout/DiscovererMediaCatalog.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "GstHandles.hpp"
#include "onair/scheduler/AudioFileName.hpp"

namespace onair::playout {

namespace fs = std::filesystem;
using scheduler::MediaInfo;

namespace {

MediaInfo missing(std::string detail) {
    return MediaInfo{MediaInfo::Status::missing, std::chrono::milliseconds{0}, std::move(detail)};
}

MediaInfo unreadable(std::string detail) {
    return MediaInfo{MediaInfo::Status::unreadable, std::chrono::milliseconds{0},
                     std::move(detail)};
}

GstClockTime nanoseconds(std::chrono::milliseconds length) {
    return static_cast<GstClockTime>(length.count()) * GST_MSECOND;
}

/// "5 s", or "2500 ms" when not whole seconds.
std::string duration_text(std::chrono::milliseconds length) {
    return length.count() % 1000 == 0 ? std::to_string(length.count() / 1000) + " s"
                                      : std::to_string(length.count()) + " ms";
}

/// How a file's time budget is spent: in up to three attempts, two quick ones
/// (local files probe in milliseconds) and one with whatever is left, for a file
/// that is truly slow to read. A second attempt is needed when GStreamer 1.22
/// gives a result that depends on luck rather than on the file:
/// - decodebin can drop an error that its demuxer posts while decodebin is
///   still plugging it (seen with a truncated Ogg: about 1 probe in 25 when
///   probes alternate between files). The pipeline then sits idle until the
///   timeout; a new attempt fails at once with the real error.
/// - for a stream whose length only a parser's bitrate estimate gives (MP3
///   without a Xing header), the discoverer lets it play for 2 x 50 ms and gives
///   up; on a loaded machine the estimate is not there yet.
std::vector<std::chrono::milliseconds> attempt_timeouts(std::chrono::milliseconds budget) {
    constexpr std::chrono::milliseconds quick = std::chrono::seconds(1);  // GStreamer's minimum
    std::vector<std::chrono::milliseconds> attempts;
    for (int quick_attempts = 0; quick_attempts < 2 && budget >= quick; ++quick_attempts) {
        attempts.push_back(quick);
        budget -= quick;
    }
    if (budget >= quick) {
        attempts.push_back(budget);
    } else if (!attempts.empty()) {
        attempts.back() += budget;
    }
    return attempts;
}

/// True for the outcomes of attempt_timeouts()'s comment.
bool worth_another_attempt(GstDiscovererInfo* info) {
    if (info == nullptr) {
        return false;
    }
    switch (gst_discoverer_info_get_result(info)) {
        case GST_DISCOVERER_TIMEOUT:
            return true;
        case GST_DISCOVERER_OK: {
            GListPtr<gst_discoverer_stream_info_list_free> audio(
                gst_discoverer_info_get_audio_streams(info));
            const GstClockTime duration = gst_discoverer_info_get_duration(info);
            return audio && (!GST_CLOCK_TIME_IS_VALID(duration) || duration == 0);
        }
        default:
            return false;
    }
}

/// The installer detail strings look like
/// "gstreamer|1.0|app|AMR-NB audio decoder|decoder-audio/AMR"; the fourth
/// field is the description meant for people. (Valgrind reports a read of
/// uninitialised memory inside the getter: GStreamer 1.22 peeks one slot past
/// the array to decide whether to add the terminator. Harmless.)
std::string missing_plugins_text(GstDiscovererInfo* info) {
    std::string text;
    const gchar** details = gst_discoverer_info_get_missing_elements_installer_details(info);
    for (; details != nullptr && *details != nullptr; ++details) {
        std::string_view detail(*details);
        std::string_view description = detail;
        for (int field = 0; field < 3; ++field) {
            const auto bar = description.find('|');
            if (bar == std::string_view::npos) {
                description = detail;
                break;
            }
            description.remove_prefix(bar + 1);
        }
        description = description.substr(0, description.find('|'));
        if (!text.empty()) {
            text += ", ";
        }
        text += description;
    }
    return text.empty() ? "unknown" : text;
}

/// The media type of the outermost stream ("text/plain", "video/quicktime"),
/// to tell the operator what the file holds instead of audio.
std::string top_media_type(GstDiscovererInfo* info) {
    auto stream = adopt(gst_discoverer_info_get_stream_info(info));
    if (!stream) {
        return "";
    }
    GstCapsPtr caps(gst_discoverer_stream_info_get_caps(stream.get()));
    if (!caps || gst_caps_get_size(caps.get()) == 0) {
        return "";
    }
    return gst_structure_get_name(gst_caps_get_structure(caps.get(), 0));
}

MediaInfo read_result(GstDiscovererInfo* info, const GErrorHolder& error,
                      std::chrono::milliseconds timeout) {
    const GstDiscovererResult result =
        info != nullptr ? gst_discoverer_info_get_result(info) : GST_DISCOVERER_ERROR;
    switch (result) {
        case GST_DISCOVERER_OK:
            break;
        case GST_DISCOVERER_URI_INVALID:
            return unreadable("GStreamer cannot open this path (" + error.message() + ")");
        case GST_DISCOVERER_TIMEOUT:
            return unreadable("probing timed out after " + duration_text(timeout));
        case GST_DISCOVERER_MISSING_PLUGINS:
            return unreadable(
                "no GStreamer plugin to decode it (missing: " + missing_plugins_text(info) + ")");
        case GST_DISCOVERER_BUSY:
        case GST_DISCOVERER_ERROR:
        default: {
            const std::string message = error.message();
            return unreadable("cannot decode: " + (message.empty() ? "unknown error" : message));
        }
    }

    GListPtr<gst_discoverer_stream_info_list_free> audio(
        gst_discoverer_info_get_audio_streams(info));
    if (!audio) {
        const std::string found = top_media_type(info);
        return unreadable(found.empty() ? "no audio stream"
                                        : "no audio stream (found " + found + ")");
    }
    const GstClockTime duration = gst_discoverer_info_get_duration(info);
    if (!GST_CLOCK_TIME_IS_VALID(duration) || duration == 0) {
        return unreadable("duration unknown");
    }
    // Rounded to the nearest ms so that an exact-length file reports its length.
    const auto ms = std::chrono::milliseconds{
        static_cast<std::int64_t>((duration + GST_MSECOND / 2) / GST_MSECOND)};
    if (ms.count() == 0) {
        return unreadable("duration unknown");
    }
    return MediaInfo{MediaInfo::Status::ok, ms, ""};
}

}  // namespace

struct DiscovererMediaCatalog::Discoverer {
    GObjectPtr<GstDiscoverer> object;
};

DiscovererMediaCatalog::DiscovererMediaCatalog(std::chrono::milliseconds timeout)
    : timeout_(std::clamp<std::chrono::milliseconds>(timeout, std::chrono::seconds(1),
                                                     std::chrono::hours(1))) {
    GErrorHolder error;
    if (gst_init_check(nullptr, nullptr, error.out()) == FALSE) {
        throw std::runtime_error("cannot initialize GStreamer: " + error.message());
    }
    auto discoverer = adopt(gst_discoverer_new(nanoseconds(timeout_), error.out()));
    if (!discoverer) {
        throw std::runtime_error("cannot create the GStreamer discoverer: " + error.message());
    }
    discoverer_ = std::make_unique<Discoverer>(Discoverer{std::move(discoverer)});
}

DiscovererMediaCatalog::~DiscovererMediaCatalog() = default;

MediaInfo DiscovererMediaCatalog::file(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        return missing("no such file");
    }
    if (ec) {
        return missing("cannot access it: " + ec.message());
    }
    if (status.type() == fs::file_type::directory) {
        return missing("is a folder, not a file");
    }
    if (status.type() != fs::file_type::regular) {
        return missing("not a regular file");
    }
    if (fs::file_size(path, ec) == 0 && !ec) {
        return unreadable("empty file (0 bytes)");
    }

    GErrorHolder error;
    GCharPtr uri(gst_filename_to_uri(path.c_str(), error.out()));
    if (!uri) {
        return unreadable("GStreamer cannot open this path (" + error.message() + ")");
    }

    std::lock_guard lock(mutex_);
    GstDiscoverer* discoverer = discoverer_->object.get();
    GObjectPtr<GstDiscovererInfo> info;
    for (const std::chrono::milliseconds attempt : attempt_timeouts(timeout_)) {
        g_object_set(discoverer, "timeout", nanoseconds(attempt), nullptr);
        info = adopt(gst_discoverer_discover_uri(discoverer, uri.get(), error.out()));
        if (!worth_another_attempt(info.get())) {
            break;
        }
    }
    return read_result(info.get(), error, timeout_);
}

bool DiscovererMediaCatalog::folder_has_media(const fs::path& folder) {
    std::error_code ec;
    fs::directory_iterator entries(folder, ec);
    if (ec) {
        return false;
    }
    // increment(ec) rather than a range-for: a folder that vanishes or turns
    // unreadable mid-listing must give "no media", not an exception.
    for (; !ec && entries != fs::directory_iterator(); entries.increment(ec)) {
        std::error_code entry_ec;
        if (scheduler::is_audio_file_name(entries->path()) && entries->is_regular_file(entry_ec)) {
            return true;
        }
    }
    return false;
}

}  // namespace onair::playout
