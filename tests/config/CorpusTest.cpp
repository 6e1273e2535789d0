// The malformed-input corpus: every file under tests/corpus/invalid is its own
// test case (InvalidCorpus/File.NAME, NAME being the file's name with `-` and
// `.` as `_`), which must be refused with exactly the located diagnostics its
// first lines list, no more and no fewer:
//     # expect: LINE:COLUMN: MESSAGE            an error
//     # expect warning: LINE:COLUMN: MESSAGE    a warning
// MESSAGE is the diagnostic's whole message, compared as it is.
// A duplicate test name stops the program at start.
//
// Adding a file to the corpus rebuilds this program (tests/CMakeLists.txt), so
// the new file gets its own CTest case.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

namespace fs = std::filesystem;

const fs::path corpus_folder = fs::path{ONAIR_CORPUS_DIR} / "invalid";

std::string read_file(const fs::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One diagnostic as the corpus writes it: `LINE:COLUMN: error: MESSAGE`.
std::string expectation_text(Location location, Severity severity, const std::string& message) {
    return std::to_string(location.line) + ":" + std::to_string(location.column) +
           (severity == Severity::error ? ": error: " : ": warning: ") + message;
}

/// The `# expect` lines at the top of a corpus file, each as expectation_text
/// writes it; throws std::invalid_argument on a line that is not LINE:COLUMN: TEXT.
std::vector<std::string> expectations_of(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream lines{text};
    std::string line;
    const std::string error_marker = "# expect: ";
    const std::string warning_marker = "# expect warning: ";
    while (std::getline(lines, line)) {
        Severity severity = Severity::error;
        std::string rest;
        if (line.rfind(error_marker, 0) == 0) {
            rest = line.substr(error_marker.size());
        } else if (line.rfind(warning_marker, 0) == 0) {
            severity = Severity::warning;
            rest = line.substr(warning_marker.size());
        } else {
            break;
        }
        std::istringstream fields{rest};
        Location location;
        char colon1 = 0;
        char colon2 = 0;
        fields >> location.line >> colon1 >> location.column >> colon2;
        if (!fields || colon1 != ':' || colon2 != ':' || fields.get() != ' ') {
            throw std::invalid_argument("not LINE:COLUMN: TEXT: " + line);
        }
        std::string message;
        std::getline(fields, message);
        result.push_back(expectation_text(location, severity, message));
    }
    return result;
}

// Paths as strings: gtest prints a parameter, and would recurse into a path's parts.
std::vector<std::string> corpus_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator{corpus_folder}) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string test_name_of(const std::string& path) {
    std::string name = fs::path{path}.stem().string();
    std::replace_if(
        name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
    return name;
}

class File : public ::testing::TestWithParam<std::string> {};

TEST_P(File, IsRefusedWithExactlyItsExpectedDiagnostics) {
    const std::string& path = GetParam();
    const std::string text = read_file(path);
    std::vector<std::string> expected = expectations_of(text);
    ASSERT_FALSE(expected.empty()) << path << " has no # expect: line";

    std::vector<Diagnostic> diagnostics;
    try {
        parse_station(text, path);
        FAIL() << path << " loaded without errors";
    } catch (const StationFileError& error) {
        diagnostics = error.diagnostics();
    }
    std::vector<std::string> got;
    for (const auto& d : diagnostics) {
        EXPECT_GT(d.location.line, 0) << d.to_string();
        EXPECT_GT(d.location.column, 0) << d.to_string();
        EXPECT_EQ(d.file, path);
        got.push_back(expectation_text(d.location, d.severity, d.message));
    }
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << path;
}

INSTANTIATE_TEST_SUITE_P(InvalidCorpus, File, ::testing::ValuesIn(corpus_files()),
                         [](const auto& info) { return test_name_of(info.param); });

TEST(InvalidCorpus, HasAtLeast35Files) {
    EXPECT_GE(corpus_files().size(), 35u);
}

}  // namespace
}  // namespace onair::config
