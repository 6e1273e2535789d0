#pragma once
// Which names in a media folder are audio files: what a folder source plays,
// what `folder_has_media` counts, what the simulation and the filler playlist
// pick. About names only, so no GStreamer: what a file really holds is decided
// by probing (playout::DiscovererMediaCatalog).
//
// Threads: pure functions; any thread. Throws: nothing but std::bad_alloc.

#include <array>
#include <filesystem>
#include <string_view>

namespace onair::scheduler {

/// File name extensions (lower case, without the dot) that onair treats as audio
/// when it looks into a folder (`folder_has_media`, and the playout's folder
/// source). What a file really holds is decided by probing; this list only says
/// which files of a folder are candidates. m4a and aac need an AAC decoder
/// (gstreamer1.0-libav or -plugins-bad), which base + good lack: without one,
/// such files count here but probe as unreadable, naming the missing decoder.
inline constexpr std::array<std::string_view, 8> audio_file_extensions{"mp3", "ogg",  "oga", "opus",
                                                                       "wav", "flac", "m4a", "aac"};

/// Is this the name of a file a folder source would play: an extension from
/// `audio_file_extensions` (compared case-insensitively, so `TIN.MP3` counts),
/// and not hidden. Hidden names (leading dot) are never audio: they are partial
/// uploads and OS metadata such as macOS's `._song.mp3`. Looks at the name only;
/// touches no disk.
bool is_audio_file_name(const std::filesystem::path& path);

}  // namespace onair::scheduler
