// `onair status | reload | skip | insert | log`: ask the running daemon over its
// control socket (docs/control-protocol.md) and print its answer.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Commands.hpp"
#include "ControlStatusText.hpp"
#include "SubcommandHooks.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/cli/ControlClient.hpp"
#include "onair/config/ControlSocket.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/daemon/ControlHandler.hpp"

namespace onair::cli {

using daemon::ControlError;

namespace {

using nlohmann::json;

/// The spec's exit codes stop at 2; a daemon that is not there is neither an
/// invalid request nor a usage error, and scripts need to tell it apart.
constexpr int exit_unreachable = 3;

constexpr const char* control_exit_codes_help =
    "Exit codes: 0 success, 1 the daemon refused the request (its reasons are printed; for "
    "reload: FILE:LINE:COLUMN: error: WHAT) or the station file is invalid, 2 usage error, "
    "3 the daemon cannot be reached (not running, no permission on its socket, or no answer "
    "in time).";

constexpr const char* socket_help =
    "The daemon's control socket (default: control.socket in the station file, else "
    "$RUNTIME_DIRECTORY/control.sock, /run/onair/control.sock, or onair.sock beside the "
    "station file); with it, the station file may be left out";

/// What every control command takes: the station file or the socket.
struct Target {
    std::string station_file;
    std::string socket;
};

struct ControlCommand {
    CLI::App* app = nullptr;
    Target target;
};

ControlCommand add_command(CLI::App& parent, const std::string& name,
                           const std::string& description) {
    ControlCommand command;
    command.app = parent.add_subcommand(name, description);
    command.app->footer(control_exit_codes_help);
    return command;
}

void add_target_options(ControlCommand& command) {
    command.app->add_option("station", command.target.station_file,
                            "The station file (YAML) the daemon runs");
    command.app->add_option("--socket", command.target.socket, socket_help)->type_name("PATH");
}

/// Runs one control command once its subcommand was chosen and parsed.
class ControlRun {
  public:
    ControlRun(const std::string& name, std::ostream& out, std::ostream& err)
        : name_("onair " + name), out_(out), err_(err) {}

    int usage(const std::string& message) const {
        err_ << name_ << ": " << message << "\nRun '" << name_ << " --help' for the options.\n";
        return exit_usage;
    }

    /// The socket to use, or the exit code when there is none.
    std::optional<int> find_socket(const Target& target) {
        if (!target.socket.empty()) {
            socket_ = target.socket;
            return std::nullopt;
        }
        if (target.station_file.empty()) {
            return usage("give the station file, or the daemon's socket with --socket PATH");
        }
        try {
            socket_ = config::control_socket_path(config::load_station(target.station_file));
        } catch (const config::StationFileError& error) {
            print_diagnostics(error.diagnostics(), err_);
            err_ << name_ << ": cannot tell where the daemon's control socket is from "
                 << target.station_file << "; fix it, or give --socket PATH\n";
            return exit_invalid;
        }
        return std::nullopt;
    }

    /// Calls the daemon; on failure prints why and sets the exit code.
    std::optional<json> call(const std::string& method, const json& params,
                             std::chrono::milliseconds timeout = ControlClient::default_timeout) {
        try {
            return ControlClient{socket_, timeout}.call(method, params);
        } catch (const ControlUnreachable& error) {
            err_ << name_ << ": cannot reach the daemon at " << socket_.string() << ": "
                 << error.what() << "\n";
            exit_code_ = exit_unreachable;
        } catch (const ControlError& error) {
            // A refused reload sends its located errors as data, one per line.
            if (error.data.is_array() && !error.data.empty()) {
                for (const json& line : error.data) {
                    err_ << (line.is_string() ? line.get<std::string>() : line.dump()) << "\n";
                }
            } else {
                err_ << name_ << ": " << error.message << "\n";
            }
            exit_code_ = exit_invalid;
            refused_ = true;
        }
        return std::nullopt;
    }

    /// find_socket() then call(): the answer, or nothing with exit_code() set.
    std::optional<json> call_at(
        const Target& target, const std::string& method, const json& params,
        std::chrono::milliseconds timeout = ControlClient::default_timeout) {
        if (auto code = find_socket(target)) {
            exit_code_ = *code;
            return std::nullopt;
        }
        return call(method, params, timeout);
    }

    int exit_code() const noexcept { return exit_code_; }
    /// True when the daemon answered the call with an error (not unreachable).
    bool refused() const noexcept { return refused_; }
    const std::string& name() const noexcept { return name_; }

  private:
    std::string name_;
    std::ostream& out_;
    std::ostream& err_;
    std::filesystem::path socket_;
    int exit_code_ = exit_ok;
    bool refused_ = false;
};

json field_of(const json& result, const char* key) {
    return result.is_object() && result.contains(key) ? result.at(key) : json{};
}

std::vector<std::string> strings_of(const json& list) {
    std::vector<std::string> lines;
    if (list.is_array()) {
        for (const json& item : list) {
            lines.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        }
    }
    return lines;
}

std::string message_of(const json& result) {
    return result.is_object() && result.contains("message") && result["message"].is_string()
               ? result["message"].get<std::string>()
               : result.dump();
}

/// The answer's message on a line of its own (skip, insert), or the exit code
/// of a call that got no answer.
int print_message(const ControlRun& run, const std::optional<json>& result, std::ostream& out) {
    if (!result) {
        return run.exit_code();
    }
    out << message_of(*result) << "\n";
    return exit_ok;
}

}  // namespace

SubcommandHook add_control_commands(CLI::App& app, std::ostream& out, std::ostream& err) {
    auto status = std::make_shared<ControlCommand>(add_command(
        app, "status",
        "Show what the running daemon has on air, the next airings, the relay, the outputs "
        "and warnings (missing media, silence, log trouble)."));
    add_target_options(*status);
    auto status_json = std::make_shared<bool>(false);
    status->app->add_flag("--json", *status_json,
                          "Print the daemon's status object (docs/control-protocol.md)");

    auto reload = std::make_shared<ControlCommand>(add_command(
        app, "reload",
        "Make the running daemon re-read its station file. A valid file replaces the plan "
        "(what is on air plays on); an invalid one is refused with its errors and the old "
        "plan stays. Same as SIGHUP."));
    add_target_options(*reload);

    auto skip = std::make_shared<ControlCommand>(
        add_command(app, "skip", "Fade out what is on air now; the schedule goes on."));
    add_target_options(*skip);

    auto insert = std::make_shared<ControlCommand>(add_command(
        app, "insert",
        "Put an audio file on air: emergency at once (what plays is faded and logged "
        "partial), priority as soon as the current item ends, normal in the next free part "
        "of a window."));
    add_target_options(*insert);
    auto insert_file = std::make_shared<std::string>();
    auto insert_priority = std::make_shared<std::string>("normal");
    insert->app->add_option("file", *insert_file,
                            "The audio file (the daemon must be able to read it)");
    insert->app->add_option("--priority", *insert_priority, "How urgent it is")
        ->check(CLI::IsMember({"normal", "priority", "emergency"}))
        ->capture_default_str();

    auto log = std::make_shared<ControlCommand>(
        add_command(app, "log", "Print the daemon's most recent log lines."));
    add_target_options(*log);
    auto log_tail = std::make_shared<int>(50);
    log->app->add_option("--tail", *log_tail, "How many lines")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();

    return [=, &out, &err]() -> std::optional<int> {
        if (*status->app) {
            ControlRun run{"status", out, err};
            const auto result = run.call_at(status->target, "status", json::object());
            if (!result) {
                return run.exit_code();
            }
            out << (*status_json ? result->dump(2) + "\n" : status_text(*result));
            return exit_ok;
        }
        if (*reload->app) {
            ControlRun run{"reload", out, err};
            // Planning the new file may probe media the daemon has not seen yet.
            const auto result =
                run.call_at(reload->target, "reload", json::object(), std::chrono::seconds{30});
            if (!result) {
                if (run.refused()) {
                    err << run.name() << ": refused; the daemon keeps the plan it has\n";
                }
                return run.exit_code();
            }
            for (const std::string& warning : strings_of(field_of(*result, "warnings"))) {
                err << warning << "\n";
            }
            out << "The daemon reloaded its station file.\n";
            return exit_ok;
        }
        if (*skip->app) {
            ControlRun run{"skip", out, err};
            return print_message(run, run.call_at(skip->target, "skip", json::object()), out);
        }
        if (*insert->app) {
            ControlRun run{"insert", out, err};
            Target target = insert->target;
            std::string file = *insert_file;
            // With --socket the station file may be left out: one word is the FILE.
            if (!target.socket.empty() && file.empty()) {
                file = std::exchange(target.station_file, {});
            }
            if (file.empty()) {
                return run.usage(target.station_file.empty()
                                     ? "give the station file and the audio FILE"
                                     : "give the audio FILE to insert after the station file");
            }
            // The daemon does not know this shell's current folder.
            const std::string absolute = std::filesystem::absolute(file).lexically_normal();
            return print_message(
                run,
                run.call_at(target, "insert",
                            json{{"file", absolute}, {"priority", *insert_priority}}),
                out);
        }
        if (*log->app) {
            ControlRun run{"log", out, err};
            const auto result = run.call_at(log->target, "log", json{{"tail", *log_tail}});
            if (!result) {
                return run.exit_code();
            }
            for (const std::string& line : strings_of(field_of(*result, "lines"))) {
                out << line << "\n";
            }
            return exit_ok;
        }
        return std::nullopt;
    };
}

}  // namespace onair::cli
