#pragma once
// Where the daemon's control socket is, for `onair run` (which listens there)
// and the control commands (which connect there): both must agree without
// being told, so the default is worked out in one place.

#include <filesystem>
#include <optional>
#include <string>

#include "onair/config/Station.hpp"

namespace onair::config {

/// The control socket of `station`: `control.socket` when written; otherwise
///  - `RUNTIME_DIRECTORY/control.sock` when `runtime_directory` is given and not
///    empty (systemd sets RUNTIME_DIRECTORY for `RuntimeDirectory=onair`; of a
///    colon-separated list, the first folder is used);
///  - `SYSTEM_RUN_FOLDER/control.sock` when that folder exists (so an operator's
///    shell, which has no RUNTIME_DIRECTORY, finds the systemd daemon's socket);
///  - `onair.sock` beside the station file.
/// Pure apart from checking whether `system_run_folder` exists.
std::filesystem::path control_socket_path(
    const Station& station, const std::optional<std::string>& runtime_directory,
    const std::filesystem::path& system_run_folder = "/run/onair");

/// The same, with RUNTIME_DIRECTORY taken from this process's environment.
std::filesystem::path control_socket_path(const Station& station);

}  // namespace onair::config
