#pragma once
// Writing and reading raw bytes of test files (broken media and the like).

#include <filesystem>
#include <fstream>
#include <string>

namespace onair::testing {

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// The first `count` bytes of a file (fewer when it is shorter).
inline std::string read_prefix(const std::filesystem::path& path, std::size_t count) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes(count, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(count));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

}  // namespace onair::testing
