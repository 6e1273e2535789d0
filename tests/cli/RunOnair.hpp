#pragma once
// Running the `onair` binary as an operator does, for the CLI tests: a real
// process, its exit code, standard output and standard error. Needs the
// ONAIR_BINARY compile definition (tests/CMakeLists.txt sets it).

#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace onair::testing {

struct OnairResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string shell_quoted(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

/// Runs `onair ARGS...` with no standard input; its output is captured through
/// files `stdout` and `stderr` in `scratch`.
inline OnairResult run_onair(const std::vector<std::string>& args,
                             const std::filesystem::path& scratch) {
    std::string command = shell_quoted(ONAIR_BINARY);
    for (const auto& arg : args) {
        command += " " + shell_quoted(arg);
    }
    command += " >" + shell_quoted((scratch / "stdout").string()) + " 2>" +
               shell_quoted((scratch / "stderr").string()) + " </dev/null";
    const int status = std::system(command.c_str());
    OnairResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(scratch / "stdout");
    result.err = read_file(scratch / "stderr");
    return result;
}

/// A real PCM WAV file of silence, `seconds` long at 8 kHz mono.
inline void write_wav(const std::filesystem::path& path, double seconds) {
    const std::uint32_t rate = 8000;
    const auto samples = static_cast<std::uint32_t>(seconds * rate);
    const std::uint32_t data_bytes = samples * 2;
    std::string wav;
    auto put32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            wav += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    auto put16 = [&](std::uint16_t v) {
        wav += static_cast<char>(v & 0xff);
        wav += static_cast<char>(v >> 8);
    };
    wav += "RIFF";
    put32(36 + data_bytes);
    wav += "WAVEfmt ";
    put32(16);
    put16(1);  // PCM
    put16(1);  // mono
    put32(rate);
    put32(rate * 2);
    put16(2);
    put16(16);
    wav += "data";
    put32(data_bytes);
    wav += std::string(data_bytes, '\0');
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << wav;
}

}  // namespace onair::testing
