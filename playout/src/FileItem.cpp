#include "FileItem.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "FadeRamp.hpp"
#include "FileSource.hpp"
#include "GstUtil.hpp"

namespace onair::playout {

/// What the streaming thread measures about the item, in samples of the output
/// timeline. Written by the mixer pad's probe, read by the owner.
struct FileItem::Progress {
    std::mutex mutex;
    bool got_audio = false;
    std::int64_t first_sample = 0;
    std::int64_t end_sample = 0;  // one past the last sample handed to the mixer
    bool eos = false;
    bool cut = false;  // reached the cut: everything after it is dropped
    /// The fade and the cut (at its end()); end() < 0: none (yet). Set from
    /// max_length, or later by cut().
    FadeRamp ending;
};

namespace {

constexpr std::int64_t samples_of(std::chrono::milliseconds length) {
    return length.count() * (air_rate / 1000);
}

}  // namespace

/// Measures the item on the output timeline and applies the fade and cut;
/// runs in the item's streaming thread.
GstPadProbeReturn FileItem::on_mixer_pad(GstPad* pad, GstPadProbeInfo* info, gpointer data) {
    auto& progress = **static_cast<std::shared_ptr<Progress>*>(data);
    if ((info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM) != 0) {
        if (GST_EVENT_TYPE(GST_PAD_PROBE_INFO_EVENT(info)) == GST_EVENT_EOS) {
            std::lock_guard lock(progress.mutex);
            progress.eos = true;
        }
        return GST_PAD_PROBE_OK;
    }
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    const GstClockTime running_time = running_time_of(pad, buffer);
    if (!GST_CLOCK_TIME_IS_VALID(running_time)) {
        return GST_PAD_PROBE_OK;
    }
    const std::int64_t first = samples_at(running_time);
    std::int64_t frames =
        static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    std::lock_guard lock(progress.mutex);
    const std::int64_t cut = progress.ending.end();
    if (progress.cut) {
        return GST_PAD_PROBE_DROP;
    }
    if (cut >= 0 && first >= cut) {
        progress.cut = true;
        progress.end_sample = std::max(progress.end_sample, cut);
        return GST_PAD_PROBE_DROP;
    }
    if (cut >= 0 && progress.ending.touches(first, frames)) {
        buffer = gst_buffer_make_writable(buffer);
        GST_PAD_PROBE_INFO_DATA(info) = buffer;
        if (first + frames > cut) {
            frames = cut - first;
            gst_buffer_resize(buffer, 0, frames * air_bytes_per_frame);
            GST_BUFFER_DURATION(buffer) =
                gst_util_uint64_scale_int(static_cast<guint64>(frames), GST_SECOND, air_rate);
            progress.cut = true;
        }
        GstMapInfo map;
        if (gst_buffer_map(buffer, &map, GST_MAP_READWRITE)) {
            FadeRamp::apply(reinterpret_cast<float*>(map.data), air_channels, first, frames,
                            progress.ending);
            gst_buffer_unmap(buffer, &map);
        }
    }
    if (!progress.got_audio) {
        progress.got_audio = true;
        progress.first_sample = first;
    }
    progress.end_sample = std::max(progress.end_sample, first + frames);
    return GST_PAD_PROBE_OK;
}

FileItem::FileItem(const PlayoutItem& spec, std::string bin_name, const AirMixer& air,
                   std::int64_t start)
    : spec_(spec),
      bin_name_(std::move(bin_name)),
      air_(air),
      start_(start),
      progress_(std::make_shared<Progress>()) {
    if (spec.max_length) {
        // Never longer than the item: as if its start were already mixed.
        progress_->ending =
            FadeRamp::out(start + samples_of(*spec.max_length), samples_of(spec.fade_out), start);
    }
    bin_ = build_file_source(bin_name_, spec.file, spec.offset);
    auto ghost = adopt(gst_element_get_static_pad(bin_.get(), "src"));
    // The whole point: the item's running time 0 is its planned instant.
    gst_pad_set_offset(ghost.get(), static_cast<gint64>(gst_util_uint64_scale_int(
                                        static_cast<guint64>(std::max<std::int64_t>(0, start)),
                                        GST_SECOND, air_rate)));
    add_to(GST_BIN(air_.pipeline), bin_);
    mixer_pad_ = adopt(gst_element_request_pad_simple(air_.mixer, "sink_%u"));
    if (gst_pad_link(ghost.get(), mixer_pad_.get()) != GST_PAD_LINK_OK) {
        take_down();
        throw std::runtime_error("cannot link the item to the mixer");
    }
    gst_pad_add_probe(mixer_pad_.get(),
                      static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                                   GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
                      on_mixer_pad, new std::shared_ptr<Progress>(progress_),
                      [](gpointer data) { delete static_cast<std::shared_ptr<Progress>*>(data); });
    answer_latency_as_not_live(mixer_pad_.get());
    set_base_time_everywhere(bin_.get(), air_.base_time);
    if (gst_element_sync_state_with_parent(bin_.get()) == FALSE) {
        failure_ = "cannot start decoding " + spec.file.string();
    }
}

FileItem::~FileItem() {
    take_down();
}

std::vector<ItemNews> FileItem::tick(std::int64_t output) {
    std::vector<ItemNews> news;
    if (done_) {
        return news;
    }
    bool got_audio, eos, cut;
    std::int64_t first, end;
    {
        std::lock_guard lock(progress_->mutex);
        got_audio = progress_->got_audio;
        eos = progress_->eos;
        cut = progress_->cut;
        first = progress_->first_sample;
        end = progress_->end_sample;
    }
    if (!started_reported_ && got_audio && output >= first) {
        started_reported_ = true;
        news.push_back({ItemNews::Kind::started, first, {}, {}, {}});
    }
    std::optional<std::pair<EndReason, std::string>> ended;
    std::int64_t ended_at = output;
    if (failure_) {
        ended = {EndReason::failed, *failure_};
    } else if (cut && output >= end) {
        if (cut_on_request_) {
            ended = {EndReason::cut, *cut_on_request_};
        } else if (!spec_.cut_reason.empty()) {
            ended = {EndReason::cut_at_max_length, spec_.cut_reason};
        } else {
            ended = {EndReason::cut_at_max_length,
                     "max length " + std::to_string(spec_.max_length->count()) + " ms reached"};
        }
        ended_at = end;
    } else if (eos && !got_audio) {
        ended = {EndReason::failed, "no audio in " + spec_.file.string()};
    } else if (eos && output >= end) {
        ended = {EndReason::complete, ""};
        ended_at = end;
    } else if (!got_audio && output >= start_ + samples_of(start_grace)) {
        ended = {EndReason::failed, "no audio from " + spec_.file.string() + " by its start time"};
    }
    if (ended) {
        take_down();
        done_ = true;
        news.push_back({ItemNews::Kind::ended, ended_at, {}, ended->first, ended->second});
    }
    return news;
}

FileItem::Cut FileItem::cut(std::int64_t at, std::int64_t fade, const std::string& reason,
                            std::int64_t output) {
    std::lock_guard lock(progress_->mutex);
    const std::int64_t first = progress_->got_audio ? progress_->first_sample : start_;
    if (first >= at && first >= output) {
        return Cut::unheard;
    }
    const std::int64_t planned_end = progress_->ending.end();
    if (planned_end >= 0 && planned_end <= at) {
        return Cut::fading;  // already ends no later than that
    }
    progress_->ending = FadeRamp::out(
        at, fade, progress_->got_audio ? std::optional(progress_->end_sample) : std::nullopt);
    cut_on_request_ = reason;
    return Cut::fading;
}

bool FileItem::on_air(std::int64_t output) const {
    std::lock_guard lock(progress_->mutex);
    return progress_->got_audio && progress_->first_sample <= output;
}

void FileItem::fail(const std::string& reason) {
    if (!failure_) {
        failure_ = reason;
    }
}

void FileItem::take_down() {
    if (taken_down_ || !bin_) {
        return;
    }
    taken_down_ = true;
    // Errors the bin posts on the way out name a bin the engine no longer
    // has: ignored.
    air_.remove_input(bin_.get(), mixer_pad_.get());
}

}  // namespace onair::playout
