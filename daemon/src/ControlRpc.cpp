// JSON-RPC 2.0 requests and replies of the control protocol.

#include "onair/daemon/ControlRpc.hpp"

namespace onair::daemon {

namespace {

using nlohmann::json;

json error_reply(const json& id, int code, const std::string& message, const json& data = nullptr) {
    json error{{"code", code}, {"message", message}};
    if (!data.is_null()) {
        error["data"] = data;
    }
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(error)}};
}

// The id of a well-formed request, or why it is not one. JSON-RPC allows a
// string, a number or null; a fraction is allowed but discouraged, so only
// whole numbers are taken.
std::optional<std::string> id_problem(const json& request) {
    const auto id = request.find("id");
    if (id == request.end() || id->is_null() || id->is_string() || id->is_number_integer()) {
        return std::nullopt;
    }
    return "id must be a string, a whole number or null";
}

std::optional<std::string> request_problem(const json& request) {
    if (request.is_array()) {
        return "batches are not supported; send one request per line";
    }
    if (!request.is_object()) {
        return "a request is a JSON object";
    }
    const auto version = request.find("jsonrpc");
    if (version == request.end() || *version != "2.0") {
        return "\"jsonrpc\": \"2.0\" is missing";
    }
    if (auto problem = id_problem(request)) {
        return problem;
    }
    const auto method = request.find("method");
    if (method == request.end() || !method->is_string()) {
        return "method must be a string, e.g. \"status\"";
    }
    return std::nullopt;
}

json call_handler(ControlHandler& handler, const json& request, const json& id) {
    json params = json::object();
    if (const auto given = request.find("params"); given != request.end()) {
        if (given->is_object()) {
            params = *given;
        } else if (!(given->is_array() && given->empty())) {
            return error_reply(id, control_code::invalid_params,
                               "params must be an object of named parameters");
        }
    }
    try {
        json result = handler.call(request.at("method").get<std::string>(), params);
        return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
    } catch (const ControlError& error) {
        return error_reply(id, error.code, error.message, error.data);
    } catch (const std::invalid_argument& error) {
        return error_reply(id, control_code::refused, error.what());
    } catch (const std::exception& error) {
        return error_reply(id, control_code::internal_error,
                           std::string{"internal error: "} + error.what());
    } catch (...) {
        return error_reply(id, control_code::internal_error, "internal error");
    }
}

}  // namespace

std::string to_json_line(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::string> answer_control_request(std::string_view line, ControlHandler& handler) {
    json request;
    try {
        request = json::parse(line);
    } catch (const json::parse_error& error) {
        return to_json_line(error_reply(nullptr, control_code::parse_error,
                                        std::string{"parse error: "} + error.what()));
    }
    if (auto problem = request_problem(request)) {
        const bool id_usable =
            request.is_object() && !id_problem(request) && request.contains("id");
        return to_json_line(error_reply(id_usable ? request["id"] : json(nullptr),
                                        control_code::invalid_request, *problem));
    }
    const bool notification = !request.contains("id");
    json reply = call_handler(handler, request, notification ? json(nullptr) : request["id"]);
    if (notification) {
        return std::nullopt;
    }
    return to_json_line(reply);
}

std::string control_error_reply(int code, const std::string& message) {
    return to_json_line(error_reply(nullptr, code, message));
}

std::string control_request_line(const std::string& method, const json& params, int id) {
    return to_json_line(
        json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
}

json control_result(std::string_view reply_line, int id) {
    json reply;
    try {
        reply = json::parse(reply_line);
    } catch (const json::parse_error& error) {
        throw ControlError(control_code::internal_error,
                           std::string{"the daemon's reply is not JSON: "} + error.what());
    }
    if (!reply.is_object() || reply.value("jsonrpc", "") != "2.0") {
        throw ControlError(control_code::internal_error,
                           "the daemon's reply is not a JSON-RPC 2.0 reply");
    }
    if (const auto error = reply.find("error"); error != reply.end() && error->is_object()) {
        const auto code = error->find("code");
        const auto message = error->find("message");
        throw ControlError(
            code != error->end() && code->is_number_integer() ? code->get<int>()
                                                              : control_code::internal_error,
            message != error->end() && message->is_string() ? message->get<std::string>()
                                                            : "the daemon refused (no message)",
            error->value("data", json{}));
    }
    // An error about an unreadable request has a null id; anything else must be ours.
    if (reply.value("id", json{}) != json(id)) {
        throw ControlError(
            control_code::internal_error,
            "the daemon answered another request (id " + reply.value("id", json{}).dump() + ")");
    }
    const auto result = reply.find("result");
    if (result == reply.end()) {
        throw ControlError(control_code::internal_error, "the daemon's reply has no result");
    }
    return *result;
}

}  // namespace onair::daemon
