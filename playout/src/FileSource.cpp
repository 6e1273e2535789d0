#include "FileSource.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "GstUtil.hpp"

namespace onair::playout {

namespace fs = std::filesystem;

namespace {

/// A join (see FileSource.hpp). Two parts:
///
/// The seek. The decoder's audio pad is held by a blocking probe from its
/// first data until a flushing, accurate seek is done, so nothing from the
/// file's start ever leaves the bin. The seek cannot be sent from the
/// streaming thread that the probe holds (a flushing seek waits for that very
/// thread to stop), so it goes from a GStreamer pool thread
/// (gst_element_call_async); its flush wakes the held thread, and the probe
/// is removed when the seek has returned.
///
/// The placing. We seek to file sample n = floor(position x rate), the one at
/// or just before the position, plus a quarter of a sample (`nudge`): a
/// decoder clips its output to the new segment's start by rounding down, and
/// a parser's timestamps can be late by a few ns (mpegaudioparse subtracts
/// the priming in truncated ns), so without the nudge it can keep sample n-1
/// too. Either way the first sample out is sample n; place() then puts
/// it on the air's grid: the 48 kHz output sample at the position is running
/// time 0, so for a file at another rate it drops the resampled samples that
/// lie between sample n and the position.
struct Join {
    explicit Join(GstClockTime at) : position(at) {}

    const GstClockTime position;

    std::mutex mutex;  // guards the seek's state; streaming and pool threads
    GObjectPtr<GstPad> pad;
    gulong probe = 0;
    bool seek_requested = false;
    bool seek_done = false;
    /// Set from the decoded caps before the seek; read by place() after it.
    GstClockTime sample_time = 0;  // file sample n, in ns (rounded down)
    std::int64_t drop = 0;         // output samples from sample n to the position
    GstClockTime nudge = 0;

    /// place()'s own, in the bin's output streaming thread.
    bool placing = false;
    GstClockTime first_pts = 0;
    std::int64_t first_sample = 0;  // where the first buffer's first sample goes

    void choose_seek(int rate) {
        if (rate <= 0) {  // no rate in the caps: seek to the position itself
            sample_time = position;
            nudge = 5 * GST_USECOND;
            drop = 0;
            return;
        }
        const auto r = static_cast<guint64>(rate);
        const guint64 n = gst_util_uint64_scale(position, r, GST_SECOND);
        sample_time = gst_util_uint64_scale(n, GST_SECOND, r);
        nudge = GST_SECOND / 4 / r;
        // (position - n / rate) x 48000, rounded; position is whole ms, so
        // position x 48000 is a whole number of output samples.
        const auto position_samples = static_cast<double>(samples_at(position));
        drop = std::llround(position_samples - static_cast<double>(n) * air_rate / rate);
    }
};

/// A file at another rate than the air's: audioresample's drain at the end of
/// the stream gives up to 48000/rate - 1 samples too few (1 at 44.1 kHz for
/// some lengths, 4 at 8 kHz), which would be a gap before the next item. So
/// at the end we feed it 20 ms of silence more, and cut its output at
/// round(input frames x 48000 / rate): the exact length, with the real tail
/// of its filter.
struct Tail {
    // The resampler's input side (its sink pad): F32 stereo at the file's rate.
    int rate = 0;
    std::int64_t input_frames = 0;
    GstClockTime input_end = GST_CLOCK_TIME_NONE;
    bool padded = false;
    // The bin's output side; the same streaming thread (no queue in the bin).
    std::int64_t output_frames = 0;
    std::int64_t output_limit = -1;  // set when padded
};

constexpr int float_stereo_frame = 2 * static_cast<int>(sizeof(float));

GstPadProbeReturn count_and_pad(GstPad* pad, GstPadProbeInfo* info, gpointer data) {
    Tail& tail = **static_cast<std::shared_ptr<Tail>*>(data);
    if ((info->type & GST_PAD_PROBE_TYPE_BUFFER) != 0) {
        GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
        if (!tail.padded) {
            tail.input_frames +=
                static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / float_stereo_frame;
            if (GST_BUFFER_PTS_IS_VALID(buffer) && GST_BUFFER_DURATION_IS_VALID(buffer)) {
                tail.input_end = GST_BUFFER_PTS(buffer) + GST_BUFFER_DURATION(buffer);
            }
        }
        return GST_PAD_PROBE_OK;
    }
    GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info);
    switch (GST_EVENT_TYPE(event)) {
        case GST_EVENT_CAPS: {
            GstCaps* caps = nullptr;
            gst_event_parse_caps(event, &caps);
            const GstStructure* s = gst_caps_get_structure(caps, 0);
            if (s == nullptr || !gst_structure_get_int(s, "rate", &tail.rate)) {
                tail.rate = 0;
            }
            break;
        }
        case GST_EVENT_FLUSH_STOP:  // a join's seek: count from what follows it
            tail = Tail{.rate = tail.rate};
            break;
        case GST_EVENT_EOS: {
            if (tail.padded || tail.rate <= 0 || tail.rate == air_rate || tail.input_frames == 0) {
                break;
            }
            tail.padded = true;
            tail.output_limit = static_cast<std::int64_t>(gst_util_uint64_scale_int_round(
                static_cast<guint64>(tail.input_frames), air_rate, tail.rate));
            // Chained in here, before the EOS goes on: this streaming thread
            // holds the pad's (recursive) stream lock, and the pad is not EOS
            // until the event has passed.
            const int frames = tail.rate / 50;
            GstBuffer* silence = gst_buffer_new_allocate(
                nullptr, static_cast<gsize>(frames) * float_stereo_frame, nullptr);
            gst_buffer_memset(silence, 0, 0, static_cast<gsize>(frames) * float_stereo_frame);
            GST_BUFFER_PTS(silence) = tail.input_end;
            gst_pad_chain(pad, silence);
            break;
        }
        default:
            break;
    }
    return GST_PAD_PROBE_OK;
}

/// Everything the bin's output probe needs; owned by the probe.
struct Output {
    std::shared_ptr<Tail> tail;
    std::shared_ptr<Join> join;  // null: not a join
};

/// What the "pad-added" handler needs; owned by the signal connection, which
/// the bin owns.
struct PadAdded {
    GstElement* convert;  // the bin's own child: lives as long as the bin
    std::shared_ptr<Join> join;
};

using JoinRef = std::shared_ptr<Join>;

void delete_join_ref(gpointer data) {
    delete static_cast<JoinRef*>(data);
}

void seek_for_join(GstElement* decoder, gpointer data) {
    Join& join = **static_cast<JoinRef*>(data);
    // Taken out of the Join: the pad's own probe holds the Join, so a Join
    // holding the pad would keep both alive forever if the probe stays.
    GObjectPtr<GstPad> held;
    GstClockTime target = 0;
    {
        std::lock_guard lock(join.mutex);
        held = std::move(join.pad);
        target = join.sample_time + join.nudge;
    }
    GstPad* pad = held.get();
    // ACCURATE: demuxers and parsers start decoding early enough before the
    // target, and the decoder clips its output to the segment, which starts at
    // the target.
    const bool sought = gst_pad_send_event(
        pad,
        gst_event_new_seek(1.0, GST_FORMAT_TIME,
                           static_cast<GstSeekFlags>(GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE),
                           GST_SEEK_TYPE_SET, static_cast<gint64>(target), GST_SEEK_TYPE_NONE, -1));
    if (!sought) {
        // The probe stays: playing the file from its start would air the wrong
        // audio. The engine fails the item on this error and removes its bin.
        gchar* uri = nullptr;
        g_object_get(decoder, "uri", &uri, nullptr);
        const std::string text = "cannot seek to " + std::to_string(join.position / GST_MSECOND) +
                                 " ms in " + take_string(uri) + " to join it";
        GError* error =
            g_error_new_literal(GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED, text.c_str());
        gst_element_post_message(decoder,
                                 gst_message_new_error(GST_OBJECT(decoder), error, nullptr));
        g_error_free(error);
        return;
    }
    std::lock_guard lock(join.mutex);
    join.seek_done = true;
    gst_pad_remove_probe(pad, join.probe);
}

GstPadProbeReturn hold_until_sought(GstPad* pad, GstPadProbeInfo*, gpointer data) {
    const JoinRef& join = *static_cast<JoinRef*>(data);
    std::lock_guard lock(join->mutex);
    if (join->seek_done) {
        return GST_PAD_PROBE_PASS;  // seek_for_join is about to remove the probe
    }
    if (!join->seek_requested) {
        join->seek_requested = true;
        auto decoder = adopt(gst_pad_get_parent_element(pad));
        gst_element_call_async(decoder.get(), seek_for_join, new JoinRef(join), delete_join_ref);
    }
    return GST_PAD_PROBE_OK;  // a blocking probe: hold the data
}

/// For a join, on the bin's output (the air's format): gives every buffer the
/// timestamp that makes the output sample at the join's position running time
/// 0, counting samples from the first buffer after the seek, and drops what
/// lies before it (see Join). So the engine's probes on the mixer pad see no
/// buffer that starts before its segment.
GstPadProbeReturn place(Join& join, GstPad* pad, GstPadProbeInfo* info) {
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    if (!GST_BUFFER_PTS_IS_VALID(buffer)) {
        return GST_PAD_PROBE_OK;
    }
    GstMiniObjectPtr<GstEvent> event(gst_pad_get_sticky_event(pad, GST_EVENT_SEGMENT, 0));
    if (!event) {
        return GST_PAD_PROBE_OK;
    }
    const GstSegment* segment = nullptr;
    gst_event_parse_segment(event.get(), &segment);
    if (segment->format != GST_FORMAT_TIME) {
        return GST_PAD_PROBE_OK;
    }
    const GstClockTime pts = GST_BUFFER_PTS(buffer);
    if (!join.placing) {
        // The first sample after the seek is file sample n, whether a decoder
        // clipped it (labelled with the segment start, sample n + nudge) or a
        // raw demuxer sent it (labelled sample n). Anything else (a decoder
        // that does not clip) is taken at its word.
        join.placing = true;
        join.first_pts = pts;
        std::lock_guard lock(join.mutex);
        const GstClockTime slack = GST_USECOND;
        if (pts + slack >= join.sample_time && pts <= join.sample_time + join.nudge + slack) {
            join.first_sample = -join.drop;
        } else {
            join.first_sample = pts >= join.position ? samples_at(pts - join.position)
                                                     : -samples_at(join.position - pts);
        }
    }
    const std::int64_t first =
        join.first_sample + (pts >= join.first_pts ? samples_at(pts - join.first_pts)
                                                   : -samples_at(join.first_pts - pts));
    const auto frames =
        static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    if (first + frames <= 0) {
        return GST_PAD_PROBE_DROP;
    }
    buffer = gst_buffer_make_writable(buffer);
    GST_PAD_PROBE_INFO_DATA(info) = buffer;
    std::int64_t kept = frames;
    if (first < 0) {
        kept = frames + first;
        gst_buffer_resize(buffer, -first * air_bytes_per_frame, kept * air_bytes_per_frame);
    }
    const auto at = static_cast<guint64>(std::max<std::int64_t>(first, 0));
    // Running time = pts - segment start (a flushing seek's segment has base 0).
    GST_BUFFER_PTS(buffer) = segment->start + gst_util_uint64_scale_int(at, GST_SECOND, air_rate);
    GST_BUFFER_DURATION(buffer) =
        gst_util_uint64_scale_int(static_cast<guint64>(kept), GST_SECOND, air_rate);
    return GST_PAD_PROBE_OK;
}

/// The bin's output: the exact length (Tail), then a join's placing.
GstPadProbeReturn shape_output(GstPad* pad, GstPadProbeInfo* info, gpointer data) {
    const Output& output = *static_cast<Output*>(data);
    Tail& tail = *output.tail;
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    const auto frames =
        static_cast<std::int64_t>(gst_buffer_get_size(buffer)) / air_bytes_per_frame;
    const std::int64_t first = tail.output_frames;
    tail.output_frames += frames;
    if (tail.output_limit >= 0 && first + frames > tail.output_limit) {
        if (first >= tail.output_limit) {
            return GST_PAD_PROBE_DROP;
        }
        buffer = gst_buffer_make_writable(buffer);
        GST_PAD_PROBE_INFO_DATA(info) = buffer;
        const std::int64_t kept = tail.output_limit - first;
        gst_buffer_resize(buffer, 0, kept * air_bytes_per_frame);
        GST_BUFFER_DURATION(buffer) =
            gst_util_uint64_scale_int(static_cast<guint64>(kept), GST_SECOND, air_rate);
    }
    return output.join ? place(*output.join, pad, info) : GST_PAD_PROBE_OK;
}

void on_pad_added(GstElement*, GstPad* pad, gpointer data) {
    const auto& added = *static_cast<PadAdded*>(data);
    auto sink = adopt(gst_element_get_static_pad(added.convert, "sink"));
    if (gst_pad_is_linked(sink.get())) {
        return;  // only the first audio stream is used
    }
    GstCapsPtr pad_caps(gst_pad_query_caps(pad, nullptr));
    const GstStructure* s = gst_caps_get_structure(pad_caps.get(), 0);
    if (s == nullptr || !g_str_has_prefix(gst_structure_get_name(s), "audio/")) {
        return;
    }
    if (added.join) {
        // Added before the link, in the thread that will push this pad's data,
        // so the probe sees the pad's very first event.
        std::lock_guard lock(added.join->mutex);
        added.join->pad = ref_borrowed(pad);
        GstCapsPtr current(gst_pad_get_current_caps(pad));
        const GstStructure* raw = current ? gst_caps_get_structure(current.get(), 0) : nullptr;
        int rate = 0;
        if (raw == nullptr || !gst_structure_get_int(raw, "rate", &rate)) {
            rate = 0;
        }
        added.join->choose_seek(rate);
        added.join->probe =
            gst_pad_add_probe(pad, GST_PAD_PROBE_TYPE_BLOCK_DOWNSTREAM, hold_until_sought,
                              new JoinRef(added.join), delete_join_ref);
    }
    gst_pad_link(pad, sink.get());
}

}  // namespace

GObjectPtr<GstElement> build_file_source(const std::string& bin_name, const fs::path& file,
                                         std::chrono::milliseconds offset) {
    auto source = adopt_floating(gst_bin_new(bin_name.c_str()));
    GstBin* bin = GST_BIN(source.get());
    auto decode = make_element("uridecodebin");
    auto convert = make_element("audioconvert");
    // Everything but the rate is converted before the resampler, so it works
    // on floats (no 16-bit rounding of its output) and its input has one
    // format whatever the file's, which the Tail padding relies on.
    auto to_float = make_element("capsfilter");
    GstCapsPtr float_caps(
        gst_caps_from_string("audio/x-raw,format=F32LE,layout=interleaved,channels=2"));
    g_object_set(to_float.get(), "caps", float_caps.get(), nullptr);
    auto resample = make_element("audioresample");
    auto volume = make_element("volume");  // item gain; 1.0 is a passthrough
    auto format = make_element("capsfilter");
    GstCapsPtr caps(gst_caps_from_string(air_caps));
    g_object_set(format.get(), "caps", caps.get(), nullptr);
    GErrorHolder error;
    const std::string uri =
        take_string(gst_filename_to_uri(fs::absolute(file).c_str(), error.out()));
    if (uri.empty()) {
        throw std::runtime_error("cannot make a URI of " + file.string() + ": " + error.message());
    }
    g_object_set(decode.get(), "uri", uri.c_str(), nullptr);
    for (const auto* element : {&decode, &convert, &to_float, &resample, &volume, &format}) {
        add_to(bin, *element);
    }
    if (!gst_element_link_many(convert.get(), to_float.get(), resample.get(), volume.get(),
                               format.get(), nullptr)) {
        throw std::runtime_error("cannot link the item's elements");
    }
    auto format_src = adopt(gst_element_get_static_pad(format.get(), "src"));
    auto* added = new PadAdded{convert.get(), nullptr};
    if (offset.count() > 0) {
        added->join =
            std::make_shared<Join>(static_cast<GstClockTime>(offset.count()) * GST_MSECOND);
    }
    auto* output = new Output{std::make_shared<Tail>(), added->join};
    auto resample_sink = adopt(gst_element_get_static_pad(resample.get(), "sink"));
    gst_pad_add_probe(resample_sink.get(),
                      static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER |
                                                   GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM |
                                                   GST_PAD_PROBE_TYPE_EVENT_FLUSH),
                      count_and_pad, new std::shared_ptr<Tail>(output->tail),
                      [](gpointer data) { delete static_cast<std::shared_ptr<Tail>*>(data); });
    gst_pad_add_probe(format_src.get(), GST_PAD_PROBE_TYPE_BUFFER, shape_output, output,
                      [](gpointer data) { delete static_cast<Output*>(data); });
    tie_to(source.get(),
           SignalConnection::connect(
               decode.get(), "pad-added", G_CALLBACK(on_pad_added), added,
               [](gpointer data, GClosure*) { delete static_cast<PadAdded*>(data); }));
    gst_element_add_pad(source.get(), gst_ghost_pad_new("src", format_src.get()));
    return source;
}

}  // namespace onair::playout
