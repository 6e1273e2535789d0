#include "OutputBranch.hpp"

#include <csignal>
#include <vector>

#include "GstUtil.hpp"
#include "OutputEncoding.hpp"
#include "OutputIcecastUrl.hpp"

namespace onair::playout {

namespace {

/// How long shout2send waits for the server to accept it, and how long its
/// send queue may stay stalled before it gives up (it retries later).
constexpr guint icecast_timeout_ms = 5000;

/// libshout writes to its socket without MSG_NOSIGNAL: a server that closes
/// the connection (it died, or refused a login) would kill the whole process
/// with SIGPIPE. Ignored instead (unless the program handles it itself), the
/// write fails with EPIPE, which shout2send reports as an error.
void ignore_sigpipe() {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        sigaction(SIGPIPE, &ignore, nullptr);
    }
}

GObjectPtr<GstElement> icecast_sink(const OutputSpec& spec) {
    OutputIcecastUrl url;
    try {
        url = OutputIcecastUrl::parse(spec.url);
    } catch (const std::runtime_error& bad) {
        throw OutputSetupError(bad.what(), false);
    }
    ignore_sigpipe();
    auto sink = make_element("shout2send");
    g_object_set(sink.get(), "ip", url.host.c_str(), "port", url.port, "username", url.user.c_str(),
                 "password", url.password.c_str(), "mount", url.mount.c_str(), "streamname",
                 spec.name.c_str(), "timeout", icecast_timeout_ms, "sync", FALSE, "async", FALSE,
                 nullptr);
    return sink;
}

GObjectPtr<GstElement> sound_card_sink(const OutputSpec& spec) {
    auto sink = make_element(spec.kind == OutputSpec::Kind::alsa ? "alsasink" : "pulsesink");
    if (!spec.device.empty()) {
        g_object_set(sink.get(), "device", spec.device.c_str(), nullptr);
    }
    // Played in time with the pipeline's (system) clock; the card's own clock
    // would make the air drift from the wall clock. The sink resamples to
    // follow (its default slave-method, skew).
    g_object_set(sink.get(), "sync", TRUE, "provide-clock", FALSE, "async", FALSE, nullptr);
    return sink;
}

}  // namespace

OutputBranch::OutputBranch(const OutputSpec& spec, std::string bin_name,
                           std::shared_ptr<OutputRecorder> recorder)
    : spec_(spec), bin_name_(std::move(bin_name)), recorder_(std::move(recorder)) {
    std::vector<GObjectPtr<GstElement>> chain;
    try {
        auto queue = make_element("queue");
        // Leaky: an output that cannot keep up loses its own audio rather than
        // holding up the tee, and with it the air and the other outputs.
        g_object_set(queue.get(), "leaky", 2 /* downstream */, "max-size-time",
                     static_cast<guint64>(2 * GST_SECOND), "max-size-buffers", 0u, "max-size-bytes",
                     0u, nullptr);
        chain.push_back(std::move(queue));
        switch (spec.kind) {
            case OutputSpec::Kind::null:
                sink_ = make_element("fakesink");
                g_object_set(sink_.get(), "sync", FALSE, "async", FALSE, nullptr);
                break;
            case OutputSpec::Kind::file:
                break;  // the recorder adds its recordings itself
            case OutputSpec::Kind::icecast:
                if (spec.encoding == OutputSpec::Encoding::wav) {
                    throw OutputSetupError("an icecast stream is mp3 or ogg, not wav", false);
                }
                for (auto& element : encoder_elements(spec)) {
                    chain.push_back(std::move(element));
                }
                sink_ = icecast_sink(spec);
                break;
            case OutputSpec::Kind::alsa:
            case OutputSpec::Kind::pulse:
                chain.push_back(make_element("audioconvert"));
                chain.push_back(make_element("audioresample"));
                sink_ = sound_card_sink(spec);
                break;
        }
    } catch (const OutputSetupError&) {
        throw;
    } catch (const std::runtime_error& missing) {
        throw OutputSetupError(missing.what(), false);
    }
    if (sink_) {
        chain.push_back(ref_borrowed(sink_.get()));
    }
    bin_ = adopt_floating(gst_bin_new(bin_name_.c_str()));
    if (forwards_eos()) {
        // Forward the recording's EOS, so PlayoutEngine::stop() sees the file finished.
        g_object_set(bin_.get(), "message-forward", TRUE, nullptr);
    }
    try {
        add_chain(bin_.get(), chain);
    } catch (const std::runtime_error& failure) {
        throw OutputSetupError(failure.what(), false);
    }
    if (recorder_) {
        OutputRecorder::attach(recorder_, bin_.get(), chain.front().get());
    }
    if (sink_) {
        auto pad = adopt(gst_element_get_static_pad(sink_.get(), "sink"));
        gst_pad_add_probe(
            pad.get(), GST_PAD_PROBE_TYPE_BUFFER,
            [](GstPad*, GstPadProbeInfo*, gpointer data) -> GstPadProbeReturn {
                (*static_cast<std::shared_ptr<std::atomic<std::uint64_t>>*>(data))->fetch_add(1);
                return GST_PAD_PROBE_OK;
            },
            new std::shared_ptr<std::atomic<std::uint64_t>>(sink_buffers_),
            [](gpointer data) {
                delete static_cast<std::shared_ptr<std::atomic<std::uint64_t>>*>(data);
            });
    }
}

OutputBranch::~OutputBranch() {
    if (bin_ && GST_OBJECT_PARENT(bin_.get()) == nullptr) {
        gst_element_set_state(bin_.get(), GST_STATE_NULL);
    }
}

void OutputBranch::open() {
    // Not in the pipeline yet, so the bin's messages can go to a bus of ours.
    auto bus = adopt(gst_bus_new());
    gst_element_set_bus(bin_.get(), bus.get());
    const GstStateChangeReturn result = gst_element_set_state(bin_.get(), GST_STATE_READY);
    gst_element_set_bus(bin_.get(), nullptr);
    if (result != GST_STATE_CHANGE_FAILURE) {
        return;
    }
    std::string text = "cannot open the output";
    if (GstMessagePtr message{gst_bus_pop_filtered(bus.get(), GST_MESSAGE_ERROR)}) {
        GError* error = nullptr;
        gchar* debug = nullptr;
        gst_message_parse_error(message.get(), &error, &debug);
        GCharPtr debug_holder(debug);
        text = error != nullptr && error->message != nullptr ? error->message : "error";
        g_clear_error(&error);
        if (const std::string reason = error_detail(message.get()); !reason.empty()) {
            text += " (" + reason + ")";
        }
    }
    gst_element_set_state(bin_.get(), GST_STATE_NULL);
    throw OutputSetupError(text, true);
}

void OutputBranch::attach(GstElement* pipeline, GstElement* tee,
                          std::optional<GstClockTime> base_time) {
    add_to(GST_BIN(pipeline), bin_);
    tee_pad_ = adopt(gst_element_request_pad_simple(tee, "src_%u"));
    auto bin_sink = adopt(gst_element_get_static_pad(bin_.get(), "sink"));
    if (gst_pad_link(tee_pad_.get(), bin_sink.get()) != GST_PAD_LINK_OK) {
        throw OutputSetupError("cannot link the output to the air", false);
    }
    gst_pad_add_probe(
        tee_pad_.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad*, GstPadProbeInfo*, gpointer data) -> GstPadProbeReturn {
            const auto& failed = *static_cast<std::shared_ptr<std::atomic<bool>>*>(data);
            return failed->load() ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
        },
        new std::shared_ptr<std::atomic<bool>>(failed_),
        [](gpointer data) { delete static_cast<std::shared_ptr<std::atomic<bool>>*>(data); });
    if (base_time) {
        set_base_time_everywhere(bin_.get(), *base_time);
    }
    GstState state = GST_STATE_NULL;
    GstState pending = GST_STATE_VOID_PENDING;
    gst_element_get_state(pipeline, &state, &pending, 0);
    if (state == GST_STATE_NULL && pending == GST_STATE_VOID_PENDING) {
        return;  // joins when the engine starts the pipeline
    }
    // Joining a pipeline that already plays: catch up with its state.
    gst_element_sync_state_with_parent(bin_.get());
    if (spec_.kind == OutputSpec::Kind::alsa || spec_.kind == OutputSpec::Kind::pulse) {
        // A sink that syncs must know the pipeline's latency to play on time.
        gst_bin_recalculate_latency(GST_BIN(pipeline));
    }
}

void OutputBranch::detach(GstElement* pipeline, GstElement* tee) {
    // tee supports releasing a pad while it streams; after this nothing enters
    // the branch, so setting it to NULL cannot block for long: shout2send and
    // the audio sinks interrupt their waits when asked to stop.
    if (tee_pad_) {
        gst_element_release_request_pad(tee, tee_pad_.get());
        tee_pad_.reset();
    }
    gst_element_set_locked_state(bin_.get(), TRUE);
    gst_element_set_state(bin_.get(), GST_STATE_NULL);
    if (GST_OBJECT_PARENT(bin_.get()) == GST_OBJECT(pipeline)) {
        gst_bin_remove(GST_BIN(pipeline), bin_.get());
    }
}

std::string OutputBranch::error_detail(GstMessage* error) {
    GError* raw = nullptr;
    gchar* debug = nullptr;
    gst_message_parse_error(error, &raw, &debug);
    g_clear_error(&raw);
    GCharPtr holder(debug);
    if (debug == nullptr) {
        return {};
    }
    // Elements put the system's reason on the last line ("Playback open error
    // on device 'hw:5': No such file or directory"), after where it happened.
    std::string text(debug);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    const auto newline = text.rfind('\n');
    return newline == std::string::npos ? std::string() : text.substr(newline + 1);
}

bool OutputBranch::delivered() const {
    if (recorder_) {
        return recorder_->buffers_written() > 0;
    }
    return sink_buffers_->load() >= 2;
}

}  // namespace onair::playout
