#include "OutputSet.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "GstUtil.hpp"
#include "OutputIcecastUrl.hpp"
#include "OutputPath.hpp"

namespace onair::playout {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::seconds first_retry = 2s;
constexpr std::chrono::seconds longest_retry = 30s;

}  // namespace

OutputSet::OutputSet(GstElement* pipeline, GstElement* tee, const PlayoutSettings& settings)
    : pipeline_ref_(ref_borrowed(pipeline)),
      tee_ref_(ref_borrowed(tee)),
      pipeline_(pipeline),
      tee_(tee),
      settings_(settings) {
    if (settings_.silence_alarm_after.count() > 0) {
        silence_ = std::make_unique<SilenceDetector>(pipeline_, tee_, settings_);
    }
    // The details of our branches' errors, noted in the posting thread.
    bus_ = adopt(gst_element_get_bus(pipeline_));
    gst_bus_enable_sync_message_emission(bus_.get());
    error_handler_ = SignalConnection::connect(bus_.get(), "sync-message::error",
                                               G_CALLBACK(&OutputSet::on_error_message), this);
}

OutputSet::~OutputSet() {
    clear();
    error_handler_.disconnect();
    gst_bus_disable_sync_message_emission(bus_.get());
}

void OutputSet::on_error_message(GstBus*, GstMessage* message, gpointer data) {
    auto* self = static_cast<OutputSet*>(data);
    // The branch: the message source's ancestor that is a child of the pipeline.
    const std::string name = top_child_name(GST_MESSAGE_SRC(message), self->pipeline_);
    if (name.empty()) {
        return;
    }
    const std::string detail = OutputBranch::error_detail(message);
    std::lock_guard lock(self->branches_mutex_);
    if (self->branches_by_name_.contains(name) && !detail.empty() &&
        !self->error_details_.contains(name)) {
        self->error_details_[name] = detail;
    }
}

void OutputSet::set_timeline(scheduler::TimePoint origin, GstClockTime base_time) {
    origin_ = origin;
    base_time_ = base_time;
    for (const auto& output : outputs_) {
        if (output->branch && output->branch->recorder()) {
            output->branch->recorder()->set_timeline(origin, base_time);
        }
    }
}

void OutputSet::add(const OutputSpec& spec) {
    for (const auto& output : outputs_) {
        if (output->spec.name == spec.name) {
            events_.push_back(
                {OutputEvent::Kind::error, spec.name, "another output has the same name", {}});
            return;
        }
    }
    auto output = std::make_unique<Output>();
    output->spec = spec;
    outputs_.push_back(std::move(output));
    Output& added = *outputs_.back();
    if (spec.kind == OutputSpec::Kind::file) {
        try {
            added.path.emplace(spec.path, spec.time_zone);
        } catch (const std::runtime_error& bad) {
            fail(added, describe(spec) + ": " + bad.what(), false);
            return;
        }
        apply_retention(added);
    }
    start(added);
}

void OutputSet::start(Output& output) {
    const OutputSpec& spec = output.spec;
    ++output.attempts;
    try {
        std::shared_ptr<OutputRecorder> recorder;
        if (spec.kind == OutputSpec::Kind::file) {
            // A fixed path is replaced at the engine's start; any other time,
            // and for patterns, an existing recording is never overwritten.
            const bool replace = output.attempts == 1 && !output.path->has_conversions();
            recorder = std::make_shared<OutputRecorder>(spec, *output.path, replace);
            try {
                recorder->prepare(std::chrono::time_point_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now()));
            } catch (const std::runtime_error& unwritable) {
                throw OutputSetupError(unwritable.what(), true);
            }
            if (origin_) {
                recorder->set_timeline(*origin_, base_time_);
            }
        }
        auto branch = std::make_unique<OutputBranch>(
            spec, "output-" + spec.name + "-" + std::to_string(output.attempts),
            std::move(recorder));
        if (spec.kind == OutputSpec::Kind::alsa || spec.kind == OutputSpec::Kind::pulse) {
            branch->open();
        }
        branch->attach(pipeline_, tee_,
                       origin_ ? std::optional<GstClockTime>(base_time_) : std::nullopt);
        {
            std::lock_guard lock(branches_mutex_);
            branches_by_name_[branch->bin_name()] = branch.get();
        }
        output.branch = std::move(branch);
    } catch (const OutputSetupError& failure) {
        fail(output, describe(spec) + ": " + failure.what(), failure.retry());
    }
}

void OutputSet::fail(Output& output, const std::string& message, bool retry) {
    if (!output.down) {
        output.down = true;
        events_.push_back({OutputEvent::Kind::error,
                           output.spec.name,
                           retry ? message + " (trying again in the background)" : message,
                           {}});
    }
    if (!retry) {
        output.given_up = true;
        return;
    }
    output.backoff =
        output.backoff.count() == 0 ? first_retry : std::min(output.backoff * 2, longest_retry);
    output.retry_at = std::chrono::steady_clock::now() + output.backoff;
}

void OutputSet::mark_failed(const std::string& child_name) {
    std::lock_guard lock(branches_mutex_);
    const auto found = branches_by_name_.find(child_name);
    if (found != branches_by_name_.end()) {
        found->second->mark_failed();
    }
}

bool OutputSet::handle_error(const std::string& child_name, const std::string& text) {
    for (const auto& output : outputs_) {
        if (!output->branch || output->branch->bin_name() != child_name) {
            continue;
        }
        std::string detail;
        {
            std::lock_guard lock(branches_mutex_);
            branches_by_name_.erase(child_name);
            if (const auto found = error_details_.find(child_name); found != error_details_.end()) {
                detail = " (" + found->second + ")";
                error_details_.erase(found);
            }
        }
        output->branch->detach(pipeline_, tee_);
        output->branch.reset();
        fail(*output, describe(output->spec) + ": " + text + detail, true);
        return true;
    }
    // An error from a branch removed earlier still belongs to the outputs.
    return child_name.starts_with("output-");
}

void OutputSet::tick() {
    const auto now = std::chrono::steady_clock::now();
    for (const auto& output : outputs_) {
        if (output->branch) {
            if (output->branch->delivered()) {
                output->backoff = {};
                if (output->down) {
                    output->down = false;
                    events_.push_back({OutputEvent::Kind::recovered, output->spec.name, {}, {}});
                }
            }
            if (const auto& recorder = output->branch->recorder()) {
                const std::uint64_t files = recorder->files_finished();
                if (files != output->files_seen) {
                    output->files_seen = files;
                    apply_retention(*output);
                }
            }
        } else if (!output->given_up && output->retry_at && now >= *output->retry_at) {
            output->retry_at.reset();
            output->files_seen = 0;
            start(*output);
        }
    }
    if (silence_ && origin_) {
        for (const SilenceTracker::Change& change : silence_->take_changes()) {
            events_.push_back(
                {change.alarm ? OutputEvent::Kind::silence_alarm : OutputEvent::Kind::silence_ended,
                 {},
                 {},
                 wall_clock_at(change.sample)});
        }
    }
}

std::vector<OutputEvent> OutputSet::take_events() {
    return std::exchange(events_, {});
}

std::size_t OutputSet::size() const {
    return static_cast<std::size_t>(
        std::count_if(outputs_.begin(), outputs_.end(), [](const auto& output) {
            return output->branch && output->branch->forwards_eos() && !output->branch->failed();
        }));
}

void OutputSet::clear() {
    {
        std::lock_guard lock(branches_mutex_);
        branches_by_name_.clear();
        error_details_.clear();
    }
    for (const auto& output : outputs_) {
        if (output->branch) {
            output->branch->detach(pipeline_, tee_);
        }
    }
    outputs_.clear();
    silence_.reset();
}

void OutputSet::apply_retention(const Output& output) {
    if (output.path && output.spec.retain_days > 0) {
        output.path->remove_expired(std::filesystem::file_time_type::clock::now(),
                                    output.spec.retain_days);
    }
}

std::string OutputSet::describe(const OutputSpec& spec) const {
    switch (spec.kind) {
        case OutputSpec::Kind::file:
            return "file " + spec.path.string();
        case OutputSpec::Kind::icecast:
            try {
                return "icecast " + OutputIcecastUrl::parse(spec.url).display();
            } catch (const std::runtime_error&) {
                return "icecast";
            }
        case OutputSpec::Kind::alsa:
            return "alsa device " + (spec.device.empty() ? std::string("default") : spec.device);
        case OutputSpec::Kind::pulse:
            return "pulse sink " + (spec.device.empty() ? std::string("(default)") : spec.device);
        case OutputSpec::Kind::null:
            break;
    }
    return "null output";
}

scheduler::TimePoint OutputSet::wall_clock_at(std::int64_t sample) const {
    const std::int64_t ms = (sample * 1000 + air_rate / 2) / air_rate;
    return *origin_ + std::chrono::milliseconds(ms);
}

}  // namespace onair::playout
