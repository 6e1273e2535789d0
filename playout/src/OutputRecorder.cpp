#include "OutputRecorder.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>
#include <utility>
#include <vector>

#include "GstUtil.hpp"
#include "OutputEncoding.hpp"

namespace onair::playout {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t samples_per_ms = air_rate / 1000;

/// Creates the folders and the (empty) file, or says why not.
std::string create_file(const fs::path& file, bool truncate) {
    std::error_code error;
    if (file.has_parent_path()) {
        fs::create_directories(file.parent_path(), error);
        if (error) {
            return "cannot create the folder " + file.parent_path().string() + ": " +
                   error.message();
        }
    }
    std::ofstream out(
        file, truncate ? std::ios::binary | std::ios::trunc : std::ios::binary | std::ios::app);
    if (!out) {
        return "cannot write " + file.string() + ": " + std::generic_category().message(errno);
    }
    return {};
}

/// Removes `file` if nothing was ever written to it.
void remove_if_empty(const fs::path& file) {
    std::error_code error;
    if (fs::is_regular_file(file, error) && fs::file_size(file, error) == 0) {
        fs::remove(file, error);
    }
}

}  // namespace

OutputRecorder::OutputRecorder(const OutputSpec& spec, OutputPath path, bool replace)
    : spec_(spec), path_(std::move(path)), replace_(replace) {}

OutputRecorder::~OutputRecorder() {
    for (auto* recording : {&current_, &prepared_}) {
        if (*recording && (*recording)->bin) {
            gst_element_set_state((*recording)->bin.get(), GST_STATE_NULL);
        }
    }
}

void OutputRecorder::prepare(scheduler::TimePoint now) {
    Recording first;
    first.expansion = path_.expand(now);
    first.file = replace_ ? first.expansion : OutputPath::first_free(first.expansion);
    if (const std::string problem = create_file(first.file, replace_); !problem.empty()) {
        throw std::runtime_error(problem);
    }
    prepared_ = std::move(first);
}

void OutputRecorder::set_timeline(scheduler::TimePoint origin, GstClockTime base_time) {
    origin_ms_.store(origin.time_since_epoch().count());
    base_time_.store(base_time);
}

void OutputRecorder::attach(const std::shared_ptr<OutputRecorder>& recorder, GstElement* branch,
                            GstElement* queue) {
    recorder->branch_ = branch;
    recorder->queue_ = queue;
    auto pad = adopt(gst_element_get_static_pad(queue, "src"));
    gst_pad_add_probe(
        pad.get(),
        static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                     GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
        [](GstPad* pad, GstPadProbeInfo* info, gpointer data) -> GstPadProbeReturn {
            OutputRecorder& self = **static_cast<std::shared_ptr<OutputRecorder>*>(data);
            if ((info->type & GST_PAD_PROBE_TYPE_BUFFER) != 0) {
                return self.on_buffer(pad, GST_PAD_PROBE_INFO_BUFFER(info));
            }
            return self.on_event(pad, GST_PAD_PROBE_INFO_EVENT(info));
        },
        new std::shared_ptr<OutputRecorder>(recorder),
        [](gpointer data) { delete static_cast<std::shared_ptr<OutputRecorder>*>(data); });
}

scheduler::TimePoint OutputRecorder::instant_of(std::int64_t sample) const {
    // Floored to the ms; expansions floor to the second anyway.
    const std::int64_t epoch_samples = origin_ms_.load() * samples_per_ms + sample;
    return scheduler::TimePoint(std::chrono::milliseconds(epoch_samples / samples_per_ms));
}

std::int64_t OutputRecorder::next_second_after(std::int64_t sample) const {
    const std::int64_t origin_samples = origin_ms_.load() * samples_per_ms;
    const std::int64_t epoch_samples = origin_samples + sample;
    return (epoch_samples / air_rate + 1) * air_rate - origin_samples;
}

GstPadProbeReturn OutputRecorder::on_buffer(GstPad* pad, GstBuffer* buffer) {
    const GstClockTime running_time = running_time_of(pad, buffer);
    if (broken_ || !GST_CLOCK_TIME_IS_VALID(running_time)) {
        return GST_PAD_PROBE_DROP;
    }
    const std::int64_t first = samples_at(running_time);
    const std::int64_t end =
        first + static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    last_end_ = end;
    if (!current_ && !open(pad, first, GST_BUFFER_PTS(buffer))) {
        return GST_PAD_PROBE_DROP;
    }
    std::int64_t from = first;
    // The expansion can only change on a whole second: look at each one.
    while (next_check_ < end) {
        const std::int64_t boundary = next_check_;
        if (path_.expand(instant_of(boundary)) == current_->expansion) {
            next_check_ = next_second_after(boundary);
            continue;
        }
        chain(buffer, first, from, boundary);
        finish();
        from = boundary;
        if (!open(pad, boundary, pts_of(buffer, first, boundary))) {
            return GST_PAD_PROBE_DROP;
        }
    }
    chain(buffer, first, from, end);
    return GST_PAD_PROBE_DROP;
}

GstPadProbeReturn OutputRecorder::on_event(GstPad* pad, GstEvent* event) {
    if (GST_EVENT_TYPE(event) == GST_EVENT_EOS && !current_ && !broken_) {
        // Nothing recorded yet: still leave a valid (empty) file, and an EOS
        // for stop() to wait for.
        open(pad, last_end_, GST_CLOCK_TIME_NONE);
    }
    // Sticky events reach a recording when it opens (from the pad's store).
    // The air's segment is not passed on: each file has its own timeline.
    if (current_ && GST_EVENT_TYPE(event) != GST_EVENT_SEGMENT) {
        gst_pad_send_event(current_->sink.get(), event);
    } else {
        gst_event_unref(event);
    }
    // HANDLED, not DROP: a sticky event that a probe dropped counts as not
    // received, and the pad would send it again before every buffer.
    return GST_PAD_PROBE_HANDLED;
}

bool OutputRecorder::open(GstPad* pad, std::int64_t sample, GstClockTime first_pts) {
    Recording recording;
    recording.expansion = path_.expand(instant_of(sample));
    if (prepared_ && prepared_->expansion == recording.expansion) {
        recording.file = prepared_->file;
    } else {
        if (prepared_) {
            remove_if_empty(prepared_->file);
        }
        recording.file = OutputPath::first_free(recording.expansion);
        if (const std::string problem = create_file(recording.file, true); !problem.empty()) {
            post_error(problem);
            return false;
        }
    }
    prepared_.reset();
    try {
        recording.bin = adopt_floating(gst_bin_new(nullptr));
        auto elements = encoder_elements(spec_);
        auto sink = make_element("filesink");
        // Unbuffered: each page goes to the file as the muxer makes it, so a
        // crash (kill -9, power cut) loses at most the last page, not the last
        // 64 KiB (several seconds) of the air-check.
        g_object_set(sink.get(), "location", recording.file.c_str(), "async", FALSE, "buffer-mode",
                     2 /* unbuffered */, nullptr);
        elements.push_back(std::move(sink));
        add_chain(recording.bin.get(), elements);
    } catch (const std::runtime_error& failure) {
        post_error(failure.what());
        return false;
    }
    recording.sink = adopt(gst_element_get_static_pad(recording.bin.get(), "sink"));
    set_base_time_everywhere(recording.bin.get(), base_time_.load());
    add_to(GST_BIN(branch_), recording.bin);
    if (gst_element_sync_state_with_parent(recording.bin.get()) == FALSE) {
        // filesink posted why (from inside the branch, so the engine sees it).
        broken_ = true;
        return false;
    }
    // What the stream said so far (stream-start, caps, tags), as to any new
    // peer; but a timeline of its own: the file's first sample is at time 0
    // (Ogg granule positions count from there), not at the air's running time.
    gst_pad_sticky_events_foreach(
        pad,
        [](GstPad*, GstEvent** event, gpointer data) -> gboolean {
            const GstEventType type = GST_EVENT_TYPE(*event);
            if (type != GST_EVENT_EOS && type != GST_EVENT_SEGMENT) {
                gst_pad_send_event(static_cast<GstPad*>(data), gst_event_ref(*event));
            }
            return TRUE;
        },
        recording.sink.get());
    GstSegment segment;
    gst_segment_init(&segment, GST_FORMAT_TIME);
    gst_pad_send_event(recording.sink.get(), gst_event_new_segment(&segment));
    recording.pts_base = GST_CLOCK_TIME_IS_VALID(first_pts) ? first_pts : 0;
    current_ = std::move(recording);
    next_check_ = next_second_after(sample);
    return true;
}

void OutputRecorder::finish() {
    Recording done = std::move(*current_);
    current_.reset();
    // Out of the branch first: its EOS and state messages must not look like
    // the output's own (stop() counts forwarded EOS messages).
    gst_bin_remove(GST_BIN(branch_), done.bin.get());
    gst_pad_send_event(done.sink.get(), gst_event_new_eos());
    gst_element_set_state(done.bin.get(), GST_STATE_NULL);
    files_finished_.fetch_add(1);
}

void OutputRecorder::chain(GstBuffer* buffer, std::int64_t first, std::int64_t from,
                           std::int64_t to) {
    if (to <= from || !current_) {
        return;
    }
    const std::int64_t frames =
        static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    // A new buffer (sharing the samples' memory) with the file's timestamps.
    GstBuffer* part = nullptr;
    if (from == first && to == first + frames) {
        part = gst_buffer_copy(buffer);
    } else {
        part = gst_buffer_copy_region(
            buffer,
            static_cast<GstBufferCopyFlags>(GST_BUFFER_COPY_METADATA | GST_BUFFER_COPY_MEMORY),
            static_cast<gsize>((from - first) * air_bytes_per_frame),
            static_cast<gsize>((to - from) * air_bytes_per_frame));
        if (from != first) {
            GST_BUFFER_FLAG_UNSET(part, GST_BUFFER_FLAG_DISCONT);
        }
    }
    const GstClockTime pts = pts_of(buffer, first, from);
    GST_BUFFER_PTS(part) = pts >= current_->pts_base ? pts - current_->pts_base : 0;
    GST_BUFFER_DTS(part) = GST_CLOCK_TIME_NONE;
    GST_BUFFER_DURATION(part) =
        gst_util_uint64_scale_int(static_cast<guint64>(to - from), GST_SECOND, air_rate);
    if (gst_pad_chain(current_->sink.get(), part) == GST_FLOW_OK) {
        buffers_written_.fetch_add(1);
    }
}

GstClockTime OutputRecorder::pts_of(GstBuffer* buffer, std::int64_t first, std::int64_t sample) {
    return GST_BUFFER_PTS(buffer) +
           gst_util_uint64_scale_int(static_cast<guint64>(sample - first), GST_SECOND, air_rate);
}

void OutputRecorder::post_error(const std::string& text) {
    broken_ = true;
    GError* error =
        g_error_new_literal(GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_WRITE, text.c_str());
    gst_element_post_message(queue_, gst_message_new_error(GST_OBJECT(queue_), error, nullptr));
    g_error_free(error);
}

}  // namespace onair::playout
