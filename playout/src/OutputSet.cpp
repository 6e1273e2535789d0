#include "OutputSet.hpp"

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

std::string bin_name_of(const OutputSpec& spec) {
    return "output-" + spec.name;
}

/// The elements after the queue, in order, for `spec`.
std::vector<GObjectPtr<GstElement>> sink_chain(const OutputSpec& spec) {
    std::vector<GObjectPtr<GstElement>> chain;
    if (spec.kind == OutputSpec::Kind::null) {
        auto sink = make_element("fakesink");
        g_object_set(sink.get(), "sync", FALSE, "async", FALSE, nullptr);
        chain.push_back(std::move(sink));
        return chain;
    }
    if (spec.encoding == OutputSpec::Encoding::wav) {
        chain.push_back(make_element("wavenc"));
    } else {
        chain.push_back(make_element("audioconvert"));
        chain.push_back(make_element("vorbisenc"));
        chain.push_back(make_element("oggmux"));
    }
    auto sink = make_element("filesink");
    g_object_set(sink.get(), "location", spec.path.c_str(), "async", FALSE, nullptr);
    chain.push_back(std::move(sink));
    return chain;
}

}  // namespace

struct OutputSet::Branch {
    OutputSpec spec;
    GObjectPtr<GstElement> bin;
    GObjectPtr<GstPad> tee_pad;
    std::shared_ptr<std::atomic<bool>> failed = std::make_shared<std::atomic<bool>>(false);
};

OutputSet::OutputSet(GstElement* pipeline, GstElement* tee, const PlayoutSettings& settings)
    : pipeline_(pipeline), tee_(tee), settings_(settings) {}

void OutputSet::set_timeline(scheduler::TimePoint origin, GstClockTime base_time) {
    origin_ = origin;
    base_time_ = base_time;
}

OutputSet::~OutputSet() = default;

void OutputSet::add(const OutputSpec& spec) {
    const std::string name = bin_name_of(spec);
    {
        std::lock_guard lock(flags_mutex_);
        if (failed_flags_.contains(name)) {
            events_.push_back(
                {OutputEvent::Kind::error, spec.name, "another output has the same name"});
            return;
        }
    }
    if (spec.kind == OutputSpec::Kind::file) {
        // filesink would fail the whole pipeline's start; find out first.
        std::ofstream probe(spec.path, std::ios::binary | std::ios::trunc);
        if (!probe) {
            events_.push_back({OutputEvent::Kind::error, spec.name,
                               "cannot write " + spec.path.string() + ": " +
                                   std::generic_category().message(errno)});
            return;
        }
    }
    auto branch = std::make_unique<Branch>();
    branch->spec = spec;
    branch->bin = adopt_floating(gst_bin_new(name.c_str()));
    // Forward the sink's EOS, so PlayoutEngine::stop() sees each file finished.
    g_object_set(branch->bin.get(), "message-forward", TRUE, nullptr);
    GstBin* bin = GST_BIN(branch->bin.get());
    // Leaky, so an output that cannot keep up loses its own audio rather than
    // holding up the tee, and with it the air and the other outputs.
    auto queue = make_element("queue");
    g_object_set(queue.get(), "leaky", 2 /* downstream */, "max-size-time",
                 static_cast<guint64>(2 * GST_SECOND), "max-size-buffers", 0u, "max-size-bytes", 0u,
                 nullptr);
    std::vector<GObjectPtr<GstElement>> chain;
    chain.push_back(std::move(queue));
    try {
        for (auto& element : sink_chain(spec)) {
            chain.push_back(std::move(element));
        }
    } catch (const std::runtime_error& missing) {
        events_.push_back({OutputEvent::Kind::error, spec.name, missing.what()});
        return;
    }
    for (std::size_t i = 0; i < chain.size(); ++i) {
        add_to(bin, chain[i]);
        if (i > 0 && !gst_element_link(chain[i - 1].get(), chain[i].get())) {
            throw std::runtime_error("cannot link output " + spec.name);
        }
    }
    auto queue_sink = adopt(gst_element_get_static_pad(chain.front().get(), "sink"));
    gst_element_add_pad(branch->bin.get(), gst_ghost_pad_new("sink", queue_sink.get()));
    add_to(GST_BIN(pipeline_), branch->bin);
    branch->tee_pad = adopt(gst_element_request_pad_simple(tee_, "src_%u"));
    auto bin_sink = adopt(gst_element_get_static_pad(branch->bin.get(), "sink"));
    if (gst_pad_link(branch->tee_pad.get(), bin_sink.get()) != GST_PAD_LINK_OK) {
        throw std::runtime_error("cannot link output " + spec.name);
    }
    gst_pad_add_probe(
        branch->tee_pad.get(), GST_PAD_PROBE_TYPE_BUFFER,
        [](GstPad*, GstPadProbeInfo*, gpointer data) -> GstPadProbeReturn {
            const auto& failed = *static_cast<std::shared_ptr<std::atomic<bool>>*>(data);
            return failed->load() ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
        },
        new std::shared_ptr<std::atomic<bool>>(branch->failed),
        [](gpointer data) { delete static_cast<std::shared_ptr<std::atomic<bool>>*>(data); });
    {
        std::lock_guard lock(flags_mutex_);
        failed_flags_.emplace(name, branch->failed);
    }
    // Joining a pipeline that already plays: catch up with its state.
    gst_element_sync_state_with_parent(branch->bin.get());
    outputs_.push_back(std::move(branch));
}

void OutputSet::mark_failed(const std::string& child_name) {
    std::lock_guard lock(flags_mutex_);
    const auto found = failed_flags_.find(child_name);
    if (found != failed_flags_.end()) {
        found->second->store(true);
    }
}

bool OutputSet::handle_error(const std::string& child_name, const std::string& text) {
    for (std::size_t i = 0; i < outputs_.size(); ++i) {
        if (bin_name_of(outputs_[i]->spec) == child_name) {
            events_.push_back({OutputEvent::Kind::error, outputs_[i]->spec.name, text});
            remove(i);
            return true;
        }
    }
    // An error from a branch removed earlier still belongs to the outputs.
    return child_name.starts_with("output-");
}

void OutputSet::tick(std::int64_t output_end_sample) {
    (void)output_end_sample;
}

std::vector<OutputEvent> OutputSet::take_events() {
    return std::exchange(events_, {});
}

void OutputSet::remove(std::size_t index) {
    std::unique_ptr<Branch> branch = std::move(outputs_[index]);
    outputs_.erase(outputs_.begin() + static_cast<std::ptrdiff_t>(index));
    // tee supports releasing a pad while it streams; after this nothing enters
    // the branch, so setting it to NULL cannot block.
    gst_element_release_request_pad(tee_, branch->tee_pad.get());
    gst_element_set_locked_state(branch->bin.get(), TRUE);
    gst_element_set_state(branch->bin.get(), GST_STATE_NULL);
    gst_bin_remove(GST_BIN(pipeline_), branch->bin.get());
    std::lock_guard lock(flags_mutex_);
    failed_flags_.erase(bin_name_of(branch->spec));
}

void OutputSet::clear() {
    for (auto& branch : outputs_) {
        gst_element_set_state(branch->bin.get(), GST_STATE_NULL);
    }
    outputs_.clear();
}

}  // namespace onair::playout
