// control_socket_path(): the daemon's control socket when the station file
// does not name one.

#include "onair/config/ControlSocket.hpp"

#include <cstdlib>
#include <system_error>

namespace onair::config {

namespace {

constexpr const char* socket_name = "control.sock";

}  // namespace

std::filesystem::path control_socket_path(const Station& station,
                                          const std::optional<std::string>& runtime_directory,
                                          const std::filesystem::path& system_run_folder) {
    if (!station.control.socket.empty()) {
        return station.control.socket;
    }
    if (runtime_directory && !runtime_directory->empty()) {
        // systemd joins several RuntimeDirectory= folders with ':'.
        const std::string first = runtime_directory->substr(0, runtime_directory->find(':'));
        if (!first.empty()) {
            return std::filesystem::path{first} / socket_name;
        }
    }
    std::error_code ignored;
    if (std::filesystem::is_directory(system_run_folder, ignored)) {
        return system_run_folder / socket_name;
    }
    return std::filesystem::path{station.file}.parent_path() / "onair.sock";
}

std::filesystem::path control_socket_path(const Station& station) {
    const char* runtime_directory = std::getenv("RUNTIME_DIRECTORY");
    return control_socket_path(station, runtime_directory != nullptr
                                            ? std::optional<std::string>{runtime_directory}
                                            : std::nullopt);
}

}  // namespace onair::config
