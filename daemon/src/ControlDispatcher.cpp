// The control methods and their parameters (docs/control-protocol.md).

#include "onair/daemon/ControlDispatcher.hpp"

#include <algorithm>

namespace onair::daemon {

namespace {

using nlohmann::json;

void allow_only(const json& params, std::initializer_list<std::string_view> names) {
    for (const auto& [key, value] : params.items()) {
        if (std::find(names.begin(), names.end(), key) == names.end()) {
            std::string allowed;
            for (std::string_view name : names) {
                allowed += std::string{allowed.empty() ? "" : ", "} + std::string{name};
            }
            throw ControlError(control_code::invalid_params,
                               "unknown parameter \"" + key + "\"" +
                                   (allowed.empty() ? "; this method takes none"
                                                    : "; the parameters are " + allowed));
        }
    }
}

ControlMethods::Priority read_priority(const json& params) {
    const auto given = params.find("priority");
    if (given == params.end()) {
        return ControlMethods::Priority::normal;
    }
    if (*given == "normal") {
        return ControlMethods::Priority::normal;
    }
    if (*given == "priority") {
        return ControlMethods::Priority::priority;
    }
    if (*given == "emergency") {
        return ControlMethods::Priority::emergency;
    }
    throw ControlError(
        control_code::invalid_params,
        "priority must be \"normal\", \"priority\" or \"emergency\", not " + given->dump());
}

std::filesystem::path read_file(const json& params) {
    const auto given = params.find("file");
    if (given == params.end() || !given->is_string() || given->get<std::string>().empty()) {
        throw ControlError(control_code::invalid_params, "file (an absolute path) is required");
    }
    std::filesystem::path file = given->get<std::string>();
    // The daemon does not know the caller's current folder.
    if (!file.is_absolute()) {
        throw ControlError(control_code::invalid_params,
                           "file must be an absolute path, not \"" + file.string() + "\"");
    }
    return file;
}

std::size_t read_tail(const json& params) {
    const auto given = params.find("tail");
    if (given == params.end()) {
        return ControlDispatcher::default_log_lines;
    }
    if (!given->is_number_integer() || given->get<std::int64_t>() < 1) {
        throw ControlError(control_code::invalid_params,
                           "tail must be a whole number of lines, at least 1");
    }
    return std::min<std::size_t>(given->get<std::uint64_t>(), ControlDispatcher::max_log_lines);
}

}  // namespace

json ControlDispatcher::call(const std::string& method, const json& params) {
    if (method == "status") {
        allow_only(params, {});
        return methods_.status();
    }
    if (method == "reload") {
        allow_only(params, {});
        return json{{"reloaded", true}, {"warnings", methods_.reload()}};
    }
    if (method == "skip") {
        allow_only(params, {});
        return json{{"message", methods_.skip()}};
    }
    if (method == "insert") {
        allow_only(params, {"file", "priority"});
        const std::filesystem::path file = read_file(params);
        return json{{"message", methods_.insert(file, read_priority(params))}};
    }
    if (method == "log") {
        allow_only(params, {"tail"});
        return json{{"lines", methods_.log_tail(read_tail(params))}};
    }
    throw ControlError(
        control_code::method_not_found,
        "unknown method \"" + method + "\"; the methods are status, reload, skip, insert and log");
}

ControlError station_refused(const std::vector<config::Diagnostic>& errors) {
    std::string message;
    json lines = json::array();
    for (const config::Diagnostic& error : errors) {
        const std::string line = error.to_string();
        message += (message.empty() ? "" : "\n") + line;
        lines.push_back(line);
    }
    if (message.empty()) {
        message = "the station file was refused";
    }
    return ControlError(control_code::refused, message, std::move(lines));
}

}  // namespace onair::daemon
