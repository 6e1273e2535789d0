#include "RelayConnection.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

/// Below this much audio ahead of the mixer the feed has run dry (the next
/// buffer would be late); it then restarts `lead` ahead.
constexpr std::int64_t dry_level = air_rate / 50;  // 20 ms
/// Beyond the jitter buffer + this much ahead, buffers are skipped (a burst).
constexpr std::int64_t skip_level = air_rate;  // 1 s
/// Off the air, this much of the newest audio is kept for go_on_air().
constexpr std::int64_t kept_capacity = 2 * air_rate;
/// The jitter buffer is the largest gap between arrivals plus this, within
/// [lead, max_jitter].
constexpr std::int64_t jitter_margin = air_rate / 4;
constexpr std::int64_t max_jitter = air_rate * 3 / 2;
/// A silence this long ends a stretch of sound (Health::sounding_frames).
constexpr std::int64_t pause_ends_sound = air_rate;  // 1 s

/// souphttpsrc ! decodebin ! audioconvert ! audioresample ! air caps, with a
/// "src" ghost pad: the relay's counterpart of FileSource.
GObjectPtr<GstElement> build_relay_source(const std::string& url) {
    auto source = adopt_floating(gst_bin_new("relay"));
    GstBin* bin = GST_BIN(source.get());
    auto http = make_element("souphttpsrc", "source");
    // retries: souphttpsrc would otherwise reconnect by itself (3 times) and
    // hide the fault; the item retries with a fresh source instead. timeout:
    // a stalled read errors after it, though the item has dropped it long
    // before (see RelayItem).
    g_object_set(http.get(), "location", url.c_str(), "retries", 0, "timeout", 5u, "user-agent",
                 "onair relay", "iradio-mode", TRUE, nullptr);
    auto decode = make_element("decodebin");
    auto convert = make_element("audioconvert");
    auto resample = make_element("audioresample");
    auto format = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(format.get(), "caps", caps.get(), nullptr);
    for (const auto* element : {&http, &decode, &convert, &resample, &format}) {
        add_to(bin, *element);
    }
    if (!gst_element_link(http.get(), decode.get()) ||
        !gst_element_link_many(convert.get(), resample.get(), format.get(), nullptr)) {
        throw std::runtime_error("cannot link the relay's elements");
    }
    // The stream's first audio pad only.
    tie_to(source.get(),
           SignalConnection::connect(
               decode.get(), "pad-added",
               G_CALLBACK(+[](GstElement*, GstPad* pad, gpointer convert_element) {
                   auto sink =
                       adopt(gst_element_get_static_pad(GST_ELEMENT(convert_element), "sink"));
                   if (gst_pad_is_linked(sink.get())) {
                       return;
                   }
                   GstCapsPtr pad_caps(gst_pad_query_caps(pad, nullptr));
                   const GstStructure* s = gst_caps_get_structure(pad_caps.get(), 0);
                   if (s != nullptr && g_str_has_prefix(gst_structure_get_name(s), "audio/")) {
                       gst_pad_link(pad, sink.get());
                   }
               }),
               convert.get()));
    auto format_src = adopt(gst_element_get_static_pad(format.get(), "src"));
    gst_element_add_pad(source.get(), gst_ghost_pad_new("src", format_src.get()));
    return source;
}

/// RMS of interleaved float samples.
double rms_of(GstBuffer* buffer) {
    GstMapInfo map;
    if (!gst_buffer_map(buffer, &map, GST_MAP_READ)) {
        return 0.0;
    }
    const auto* samples = reinterpret_cast<const float*>(map.data);
    const std::size_t count = map.size / sizeof(float);
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        sum += static_cast<double>(samples[i]) * samples[i];
    }
    gst_buffer_unmap(buffer, &map);
    return count > 0 ? std::sqrt(sum / static_cast<double>(count)) : 0.0;
}

}  // namespace

/// The streaming thread's side: what it measured, and where its audio goes.
struct RelayConnection::Link final : RelayAudioSink {
    Link(const AirMixer& a, std::int64_t l, double threshold_db)
        : air(a), lead(l), threshold(std::pow(10.0, threshold_db / 20.0)) {
        health.started = Clock::now();
    }
    ~Link() override { release_kept(); }

    void audio(GstBuffer* buffer) override {
        const auto frames =
            static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
        const bool loud = rms_of(buffer) >= threshold;
        const auto now = Clock::now();
        std::lock_guard lock(mutex);
        if (closed || frames <= 0) {
            return;
        }
        health.frames += frames;
        if (!health.first_audio) {
            health.first_audio = now;
        }
        if (health.last_audio) {
            health.largest_gap = std::max(health.largest_gap, now - *health.last_audio);
        }
        health.last_audio = now;
        if (loud) {
            health.silent_frames = 0;
            health.sounding_frames += frames;
        } else {
            health.silent_frames += frames;
            if (health.silent_frames >= pause_ends_sound) {
                health.sounding_frames = 0;
            } else if (health.sounding_frames > 0) {
                health.sounding_frames += frames;
            }
        }
        if (!feed) {
            keep(buffer, frames);
            return;
        }
        health.on_air_frames += frames;
        const std::int64_t now_sample = air.now_sample();
        if (next_stamp < now_sample + dry_level) {
            next_stamp = now_sample + jitter();
            ++health.underruns;
            health.last_underrun = now;
        } else if (next_stamp > now_sample + jitter() + skip_level) {
            return;
        }
        // Pushed under the lock, so go_on_air()'s kept audio and the new
        // buffers reach the feed in order; a relay feed never blocks.
        feed->push(buffer, next_stamp);
        next_stamp += frames;
    }

    void ended() override {
        std::lock_guard lock(mutex);
        if (!health.fault) {
            health.fault = health.first_audio ? "closed by the server"
                                              : "closed by the server before any audio";
        }
    }

    void failed(const std::string& message, bool from_source) override {
        std::lock_guard lock(mutex);
        if (health.fault) {
            return;
        }
        if (!from_source) {
            health.fault = "bad stream: " + message;
        } else if (health.first_audio) {
            health.fault = "connection lost: " + message;
        } else {
            health.fault = "unreachable: " + message;
        }
    }

    /// How far ahead of the air the relay is stamped: `lead`, or more for a
    /// server that delivers in chunks (Icecast hands a 64 kbit/s MP3 out in
    /// 4 KB blocks, one every half second).
    std::int64_t jitter() const {
        const auto gap = std::chrono::duration_cast<std::chrono::microseconds>(health.largest_gap);
        const std::int64_t samples = gap.count() * air_rate / 1'000'000 + jitter_margin;
        return std::clamp(samples, lead, std::max(lead, max_jitter));
    }

    void keep(GstBuffer* buffer, std::int64_t frames) {
        kept.emplace_back(gst_buffer_ref(buffer), frames);
        kept_frames += frames;
        while (!kept.empty() && kept_frames - kept.front().second >= kept_capacity) {
            drop_oldest();
        }
    }

    void drop_oldest() {
        kept_frames -= kept.front().second;
        gst_buffer_unref(kept.front().first);
        kept.pop_front();
    }

    void release_kept() {
        while (!kept.empty()) {
            drop_oldest();
        }
    }

    const AirMixer air;
    const std::int64_t lead;
    const double threshold;
    mutable std::mutex mutex;
    Health health;
    std::deque<std::pair<GstBuffer*, std::int64_t>> kept;
    std::int64_t kept_frames = 0;
    std::shared_ptr<RelayFeed> feed;
    std::int64_t next_stamp = 0;
    bool closed = false;
};

RelayConnection::RelayConnection(const std::string& name, const std::string& url,
                                 const AirMixer& air, std::int64_t lead,
                                 double silence_threshold_db)
    : link_(std::make_shared<Link>(air, lead, silence_threshold_db)) {
    decoder_ = std::make_unique<RelayDecoder>(name, build_relay_source(url), link_);
    decoder_->start();
}

RelayConnection::~RelayConnection() {
    {
        std::lock_guard lock(link_->mutex);
        link_->closed = true;
        link_->feed.reset();
        link_->release_kept();
    }
    decoder_.reset();
}

RelayConnection::Health RelayConnection::health() const {
    std::lock_guard lock(link_->mutex);
    return link_->health;
}

void RelayConnection::go_on_air(std::shared_ptr<RelayFeed> feed, std::int64_t at) {
    Link& link = *link_;
    std::lock_guard lock(link.mutex);
    // Keep only as much as leaves the jitter buffer between the newest audio
    // and the air.
    const std::int64_t wanted =
        std::max<std::int64_t>(0, link.jitter() - (at - link.air.now_sample()));
    while (!link.kept.empty() && link.kept_frames > wanted) {
        link.drop_oldest();
    }
    link.feed = std::move(feed);
    link.next_stamp = at;
    link.health.on_air_frames = 0;
    for (const auto& [buffer, frames] : link.kept) {
        link.feed->push(buffer, link.next_stamp);
        link.next_stamp += frames;
    }
    link.release_kept();
}

std::int64_t RelayConnection::go_off_air() {
    std::lock_guard lock(link_->mutex);
    std::shared_ptr<RelayFeed> feed = std::move(link_->feed);
    link_->feed.reset();
    return feed ? feed->pushed_end() : -1;
}

}  // namespace onair::playout
