// The malformed-input corpus: every file under tests/corpus/invalid must be
// refused with located errors, including the ones its `# expect:` lines name.
//
// Each corpus file starts with one or more lines
//     # expect: LINE:COLUMN: TEXT
// meaning: some diagnostic is at LINE:COLUMN and its message contains TEXT.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

namespace fs = std::filesystem;

const fs::path corpus_folder = fs::path{ONAIR_CORPUS_DIR} / "invalid";

struct Expectation {
    Location location;
    std::string text;
};

std::string read_file(const fs::path& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<Expectation> expectations_of(const std::string& text) {
    std::vector<Expectation> result;
    std::istringstream lines{text};
    std::string line;
    const std::string marker = "# expect: ";
    while (std::getline(lines, line) && line.rfind(marker, 0) == 0) {
        Expectation e;
        std::istringstream rest{line.substr(marker.size())};
        char colon = 0;
        rest >> e.location.line >> colon >> e.location.column >> colon;
        rest.get();  // the space after "LINE:COLUMN:"
        std::getline(rest, e.text);
        result.push_back(std::move(e));
    }
    return result;
}

std::vector<fs::path> corpus_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator{corpus_folder}) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(InvalidCorpus, HasAtLeast35Files) {
    EXPECT_GE(corpus_files().size(), 35u);
}

TEST(InvalidCorpus, EveryFileIsRefusedWithTheExpectedLocatedErrors) {
    for (const auto& path : corpus_files()) {
        SCOPED_TRACE(path.filename().string());
        const std::string text = read_file(path);
        const auto expectations = expectations_of(text);
        ASSERT_FALSE(expectations.empty()) << "no # expect: line";
        std::vector<Diagnostic> diagnostics;
        try {
            parse_station(text, path.string());
            ADD_FAILURE() << "loaded without errors";
            continue;
        } catch (const StationFileError& error) {
            diagnostics = error.diagnostics();
        }
        std::string all;
        for (const auto& d : diagnostics) {
            EXPECT_GT(d.location.line, 0) << d.to_string();
            EXPECT_GT(d.location.column, 0) << d.to_string();
            EXPECT_EQ(d.file, path.string());
            all += "  " + d.to_string() + "\n";
        }
        for (const auto& e : expectations) {
            const bool found =
                std::any_of(diagnostics.begin(), diagnostics.end(), [&](const auto& d) {
                    return d.location == e.location && d.severity == Severity::error &&
                           d.message.find(e.text) != std::string::npos;
                });
            EXPECT_TRUE(found) << "expected " << e.location.line << ":" << e.location.column << ": "
                               << e.text << "\ngot:\n"
                               << all;
        }
    }
}

}  // namespace
}  // namespace onair::config
