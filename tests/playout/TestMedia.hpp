#pragma once
// Media for the playout's exactness tests and benchmark, made here with no
// download: signals computed sample by sample and written as WAV, then encoded
// with GStreamer (FLAC, Ogg/Vorbis, MP3 with a LAME tag); and reference decodes
// of those files, which show what each sample of the air should be.
//
// Without gtest: the benchmark uses it too. Failures throw std::runtime_error.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "../../playout/src/GstHandles.hpp"
#include "RecordedAudio.hpp"

namespace onair::playout::testing {

/// Runs a gst-launch description to EOS by popping the bus (no main loop).
inline void run_pipeline(const std::string& description,
                         std::chrono::seconds timeout = std::chrono::seconds(120)) {
    if (!gst_init_check(nullptr, nullptr, nullptr)) {
        throw std::runtime_error("cannot initialize GStreamer");
    }
    GErrorHolder error;
    auto pipeline = adopt_floating(gst_parse_launch(description.c_str(), error.out()));
    if (!pipeline || error) {
        throw std::runtime_error(description + ": " + error.message());
    }
    auto bus = adopt(gst_element_get_bus(pipeline.get()));
    if (gst_element_set_state(pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);
        throw std::runtime_error(description + ": does not start");
    }
    GstMessagePtr message(gst_bus_timed_pop_filtered(
        bus.get(), static_cast<GstClockTime>(timeout.count()) * GST_SECOND,
        static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
    gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    if (!message) {
        throw std::runtime_error(description + ": no EOS in time");
    }
    if (GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_ERROR) {
        GError* raw = nullptr;
        gst_message_parse_error(message.get(), &raw, nullptr);
        const std::string text = raw != nullptr ? raw->message : "";
        g_clear_error(&raw);
        throw std::runtime_error(description + ": " + text);
    }
}

/// audiotestsrc's sine of `frequency` Hz (amplitude 0.8), `length` long (a
/// multiple of 10 ms), as a 48 kHz stereo S16 WAV.
inline void write_test_tone(const std::filesystem::path& path, int frequency,
                            std::chrono::milliseconds length) {
    run_pipeline("audiotestsrc num-buffers=" + std::to_string(length.count() / 10) +
                 " samplesperbuffer=480 freq=" + std::to_string(frequency) +
                 " ! audio/x-raw,format=S16LE,rate=48000,channels=2 ! wavenc ! filesink location=" +
                 path.string());
}

/// Sample n of a signal at `rate`, in [-1, 1].
using Signal = std::function<double(std::int64_t n, int rate)>;

/// A different tone every second: second k is a sine of 300 + 50 x (k mod 29)
/// Hz, restarting at phase 0 on the second, so a sample's value says which
/// second it belongs to and where in it.
inline double stepped_tone(std::int64_t n, int rate) {
    const std::int64_t second = n / rate;
    const double frequency = 300.0 + 50.0 * static_cast<double>(second % 29);
    const double t = static_cast<double>(n - second * rate) / rate;
    return 0.5 * std::sin(2.0 * std::numbers::pi * frequency * t);
}

/// A steady sine of `frequency`, starting at phase 0 (its sample 0 is 0).
inline Signal sine(double frequency, double amplitude = 0.5) {
    return [=](std::int64_t n, int rate) {
        return amplitude * std::sin(2.0 * std::numbers::pi * frequency * static_cast<double>(n) /
                                    static_cast<double>(rate));
    };
}

/// What a signal's value becomes in an S16 file, as the air's float sample.
inline std::int16_t to_s16(double value) {
    return static_cast<std::int16_t>(std::lround(std::clamp(value, -1.0, 1.0) * 32767.0));
}
inline float s16_as_float(std::int16_t value) {
    return static_cast<float>(value) / 32768.0f;
}

/// Writes `frames` samples of `signal` as a 16-bit stereo WAV (both channels
/// alike). Samples outside [from, to) are silence, left as a hole in a sparse
/// file, so an hours-long file with a few marked seconds costs no time or
/// disk. A WAV holds at most 4 GB (6.2 hours at 48 kHz): throws beyond.
inline void write_wav(const std::filesystem::path& path, int rate, std::int64_t frames,
                      const Signal& signal, std::int64_t from = 0, std::int64_t to = -1) {
    if (to < 0 || to > frames) {
        to = frames;
    }
    if (frames * 4 + 36 > 0xffffffffLL) {
        throw std::runtime_error(path.string() + ": too long for a WAV");
    }
    const auto data_bytes = static_cast<std::uint32_t>(frames * 4);
    std::string header;
    auto put = [&](std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            header.push_back(static_cast<char>(value >> (8 * i)));
        }
    };
    header += "RIFF";
    put(36 + data_bytes, 4);
    header += "WAVEfmt ";
    put(16, 4);                                    // fmt chunk size
    put(1, 2);                                     // PCM
    put(2, 2);                                     // channels
    put(static_cast<std::uint32_t>(rate), 4);      // frames per second
    put(static_cast<std::uint32_t>(rate) * 4, 4);  // bytes per second
    put(4, 2);                                     // bytes per frame
    put(16, 2);                                    // bits per sample
    header += "data";
    put(data_bytes, 4);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    std::vector<std::int16_t> chunk;
    chunk.reserve(2 * static_cast<std::size_t>(std::min<std::int64_t>(to - from, 1 << 20)));
    out.seekp(static_cast<std::streamoff>(header.size() + static_cast<std::size_t>(from) * 4));
    for (std::int64_t n = from; n < to; ++n) {
        const std::int16_t value = to_s16(signal(n, rate));
        chunk.push_back(value);
        chunk.push_back(value);
        if (chunk.size() >= (1u << 20) || n + 1 == to) {
            out.write(reinterpret_cast<const char*>(chunk.data()),
                      static_cast<std::streamsize>(chunk.size() * 2));
            chunk.clear();
        }
    }
    if (to < frames) {  // extend to full size; the gap stays a hole
        out.seekp(
            static_cast<std::streamoff>(header.size() + static_cast<std::size_t>(frames) * 4 - 1));
        out.put('\0');
    }
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

/// The samples a WAV written by write_wav() holds, as the air's floats.
inline std::vector<float> expected_samples(const Signal& signal, int rate, std::int64_t from,
                                           std::int64_t count) {
    std::vector<float> samples;
    samples.reserve(static_cast<std::size_t>(count));
    for (std::int64_t n = from; n < from + count; ++n) {
        samples.push_back(s16_as_float(to_s16(signal(n, rate))));
    }
    return samples;
}

namespace detail {

inline std::uint32_t mp3_header_at(const std::string& bytes, std::size_t at) {
    std::uint32_t header = 0;
    for (std::size_t i = 0; i < 4 && at + i < bytes.size(); ++i) {
        header = (header << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return at + 4 <= bytes.size() ? header : 0;
}

/// MPEG-1 Layer III only (what lamemp3enc writes at 32, 44.1 and 48 kHz).
inline std::size_t mp3_frame_length(std::uint32_t header) {
    static constexpr int bitrates[16] = {0,   32,  40,  48,  56,  64,  80,  96,
                                         112, 128, 160, 192, 224, 256, 320, 0};
    static constexpr int rates[4] = {44100, 48000, 32000, 0};
    if ((header & 0xfffe0000u) != 0xfffa0000u) {
        return 0;  // not MPEG-1 Layer III
    }
    const int bitrate = bitrates[(header >> 12) & 0xf];
    const int rate = rates[(header >> 10) & 0x3];
    if (bitrate == 0 || rate == 0) {
        return 0;
    }
    return static_cast<std::size_t>(144 * bitrate * 1000 / rate) + ((header >> 9) & 1);
}

inline void put_be32(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) {
        bytes[at + static_cast<std::size_t>(i)] = static_cast<char>(value >> (24 - 8 * i));
    }
}

}  // namespace detail

/// LAME's encoder delay: the silent samples every LAME stream starts with.
inline constexpr int lame_encoder_delay = 576;

/// Prepends an "Info" frame with a LAME tag to the MPEG-1 Layer III stream in
/// `raw` (as lamemp3enc writes it: frames only, no tag; xingmux adds a Xing
/// header but no LAME tag either). The tag gives the encoder delay (576) and
/// the end padding, computed from `samples`, the length of the encoded audio;
/// mpegaudioparse reads both and trims them, which is what makes MP3 gapless.
/// The Xing part gives the frame and byte counts and a linear seek table (a
/// CBR stream's). Returns the number of audio frames.
inline std::int64_t write_mp3_with_lame_tag(const std::filesystem::path& raw,
                                            const std::filesystem::path& out,
                                            std::int64_t samples) {
    std::ifstream in(raw, std::ios::binary);
    const std::string stream((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    const std::uint32_t first = detail::mp3_header_at(stream, 0);
    std::int64_t frames = 0;
    for (std::size_t at = 0; at < stream.size(); ++frames) {
        const std::size_t length = detail::mp3_frame_length(detail::mp3_header_at(stream, at));
        if (length == 0) {
            throw std::runtime_error(raw.string() + ": not a CBR MPEG-1 Layer III stream at byte " +
                                     std::to_string(at));
        }
        at += length;
    }
    const std::int64_t padding = frames * 1152 - lame_encoder_delay - samples;
    if (frames == 0 || padding < 0 || padding > 4095) {
        throw std::runtime_error(raw.string() + ": " + std::to_string(frames) +
                                 " frames cannot hold " + std::to_string(samples) + " samples");
    }
    // The tag frame: 128 kbit/s (index 9), so Xing + LAME fit; same rate and
    // channel mode as the stream, no padding bit.
    const std::uint32_t header = (first & 0xffff0cffu) | (9u << 12);
    const std::size_t size = detail::mp3_frame_length(header);
    const bool mono = ((first >> 6) & 3) == 3;
    std::string tag(size, '\0');
    detail::put_be32(tag, 0, header);
    std::size_t at = 4 + (mono ? 17 : 32);  // after the side information
    tag.replace(at, 4, "Info");
    detail::put_be32(tag, at + 4, 0x7);  // frames, bytes, TOC
    detail::put_be32(tag, at + 8, static_cast<std::uint32_t>(frames));
    detail::put_be32(tag, at + 12, static_cast<std::uint32_t>(stream.size() + size));
    for (int i = 0; i < 100; ++i) {
        tag[at + 16 + static_cast<std::size_t>(i)] = static_cast<char>(i * 256 / 100);
    }
    at += 116;
    tag.replace(at, 9, "LAME3.100");
    const std::uint32_t delay_and_padding = (static_cast<std::uint32_t>(lame_encoder_delay) << 12) |
                                            static_cast<std::uint32_t>(padding);
    tag[at + 21] = static_cast<char>(delay_and_padding >> 16);
    tag[at + 22] = static_cast<char>(delay_and_padding >> 8);
    tag[at + 23] = static_cast<char>(delay_and_padding);
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << tag << stream;
    if (!file) {
        throw std::runtime_error("cannot write " + out.string());
    }
    return frames;
}

/// The formats media are made in.
enum class MediaFormat { wav, flac, ogg, mp3 };

inline const char* extension_of(MediaFormat format) {
    switch (format) {
        case MediaFormat::wav:
            return "wav";
        case MediaFormat::flac:
            return "flac";
        case MediaFormat::ogg:
            return "ogg";
        case MediaFormat::mp3:
            return "mp3";
    }
    return "";
}

/// `frames` samples of `signal` at `rate` in `format`, written to `path`
/// (which should end in the format's extension). MP3 is 128 kbit/s CBR with a
/// LAME tag (see write_mp3_with_lame_tag), so decoders trim its priming.
inline void make_media(const std::filesystem::path& path, MediaFormat format, int rate,
                       std::int64_t frames, const Signal& signal) {
    if (format == MediaFormat::wav) {
        write_wav(path, rate, frames, signal);
        return;
    }
    std::filesystem::path wav = path;
    wav += ".source.wav";
    write_wav(wav, rate, frames, signal);
    const std::string source = "filesrc location=\"" + wav.string() + "\" ! wavparse ! ";
    std::filesystem::path encoded = path;
    switch (format) {
        case MediaFormat::flac:
            run_pipeline(source + "flacenc ! filesink location=\"" + path.string() + "\"");
            break;
        case MediaFormat::ogg:
            run_pipeline(source + "audioconvert ! vorbisenc quality=0.6 ! oggmux ! filesink " +
                         "location=\"" + path.string() + "\"");
            break;
        case MediaFormat::mp3:
            encoded += ".raw";
            run_pipeline(source + "lamemp3enc target=bitrate bitrate=128 cbr=true ! " +
                         "filesink location=\"" + encoded.string() + "\"");
            write_mp3_with_lame_tag(encoded, path, frames);
            std::filesystem::remove(encoded);
            break;
        case MediaFormat::wav:
            break;
    }
    std::filesystem::remove(wav);
}

/// Where the marked part of a long MP3 plays, in media samples (48 kHz).
struct LongMp3 {
    std::int64_t marker_at = 0;
    std::int64_t length = 0;
};

/// A long 48 kHz MP3 made in well under a second: `before` of silence, then
/// `marker_frames` samples of `signal`, then `after` of silence. Silence is
/// encoded once, 10 s of it, and its frames are repeated; the marker is
/// encoded on its own. Each part starts afresh (no bit reservoir reaching back
/// into the part before, and silence leaves the decoder's overlap at zero), so
/// the marker decodes exactly as a file of its own (make_media) does, and
/// one LAME tag over the whole stream puts the marker's sample 0 at media
/// sample 1152 x (frames before it). `before` and `after` are rounded down to
/// 10 s (after: at least 10 s).
inline LongMp3 make_long_mp3(const std::filesystem::path& path, std::chrono::seconds before,
                             std::int64_t marker_frames, const Signal& signal,
                             std::chrono::seconds after) {
    constexpr int rate = 48000;
    constexpr std::int64_t silence_frames = 10 * rate;
    auto encode = [&](const std::string& name, std::int64_t frames, const Signal& part) {
        const std::filesystem::path wav = path.string() + "." + name + ".wav";
        const std::filesystem::path raw = path.string() + "." + name + ".raw";
        write_wav(wav, rate, frames, part);
        run_pipeline("filesrc location=\"" + wav.string() +
                     "\" ! wavparse ! lamemp3enc target=bitrate bitrate=128 cbr=true ! "
                     "filesink location=\"" +
                     raw.string() + "\"");
        std::ifstream in(raw, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::filesystem::remove(wav);
        std::filesystem::remove(raw);
        return bytes;
    };
    const std::string silence =
        encode("silence", silence_frames, [](std::int64_t, int) { return 0.0; });
    const std::string marker = encode("marker", marker_frames, signal);
    // CBR at 48 kHz and 128 kbit/s: every frame is 384 bytes (no padding bit).
    constexpr std::int64_t frame_bytes = 384;
    const std::int64_t copies_before = before.count() / 10;
    const std::int64_t copies_after = std::max<std::int64_t>(1, after.count() / 10);
    const std::filesystem::path raw = path.string() + ".raw";
    {
        std::ofstream out(raw, std::ios::binary | std::ios::trunc);
        for (std::int64_t i = 0; i < copies_before; ++i) {
            out << silence;
        }
        out << marker;
        for (std::int64_t i = 0; i < copies_after; ++i) {
            out << silence;
        }
    }
    const auto frames_of = [&](const std::string& bytes) {
        return static_cast<std::int64_t>(bytes.size()) / frame_bytes;
    };
    LongMp3 result;
    result.marker_at = copies_before * frames_of(silence) * 1152;
    // The end padding is the last part's own.
    result.length = (copies_before * frames_of(silence) + frames_of(marker) +
                     (copies_after - 1) * frames_of(silence)) *
                        1152 +
                    silence_frames;
    write_mp3_with_lame_tag(raw, path, result.length);
    std::filesystem::remove(raw);
    return result;
}

/// The left channel of `media` decoded the way the playout decodes a file
/// (uridecodebin ! audioconvert ! audioresample to 48 kHz float), from its
/// start: what a join or a start of that file should put on the air.
inline std::vector<float> decode_reference(const std::filesystem::path& media) {
    std::filesystem::path wav = media;
    wav += ".reference.wav";
    GErrorHolder error;
    const std::string uri =
        take_string(gst_filename_to_uri(std::filesystem::absolute(media).c_str(), error.out()));
    run_pipeline("uridecodebin uri=\"" + uri +
                 "\" ! audioconvert ! audio/x-raw,format=F32LE,layout=interleaved,channels=2 ! "
                 "audioresample ! "
                 "audio/x-raw,format=F32LE,layout=interleaved,rate=48000,channels=2 ! "
                 "wavenc ! filesink location=\"" +
                 wav.string() + "\"");
    std::vector<float> samples = read_wav_left(wav);
    std::filesystem::remove(wav);
    return samples;
}

}  // namespace onair::playout::testing
