// Robustness: thousands of damaged copies of a valid station file must each
// either load or be refused with StationFileError, never crash or throw
// anything else. Deterministic (fixed seed), so a failure can be replayed.

#include <gtest/gtest.h>

#include <random>

#include "ExampleStation.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

class Mutator {
  public:
    explicit Mutator(std::uint32_t seed) : random_(seed) {}

    std::string mutate(std::string text) {
        const int edits = 1 + pick(3);
        for (int i = 0; i < edits && !text.empty(); ++i) {
            switch (pick(7)) {
                case 0:  // delete a few bytes
                    text.erase(pick(text.size()), 1 + pick(4));
                    break;
                case 1: {  // duplicate a run of bytes
                    const auto at = pick(text.size());
                    text.insert(at, text.substr(at, 1 + pick(12)));
                    break;
                }
                case 2:  // replace a byte, often with YAML punctuation
                    text[pick(text.size())] = replacement();
                    break;
                case 3:
                    swap_lines(text);
                    break;
                case 4:
                    reindent(text);
                    break;
                case 5:  // insert punctuation
                    text.insert(pick(text.size()), 1, replacement());
                    break;
                case 6:  // cut the file short
                    text.resize(pick(text.size()));
                    break;
            }
        }
        return text;
    }

  private:
    std::size_t pick(std::size_t bound) {
        return bound == 0 ? 0 : std::uniform_int_distribution<std::size_t>{0, bound - 1}(random_);
    }

    char replacement() {
        static const std::string special = ":-[]{},#&*!|>'\"%@`?\t\n ~0123456789aZ\xC3\xFF";
        return special[pick(special.size())];
    }

    std::vector<std::string> lines_of(const std::string& text) {
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start <= text.size()) {
            auto end = text.find('\n', start);
            if (end == std::string::npos) {
                lines.push_back(text.substr(start));
                break;
            }
            lines.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        return lines;
    }

    static std::string join(const std::vector<std::string>& lines) {
        std::string text;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            text += lines[i];
            if (i + 1 < lines.size()) {
                text += '\n';
            }
        }
        return text;
    }

    void swap_lines(std::string& text) {
        auto lines = lines_of(text);
        std::swap(lines[pick(lines.size())], lines[pick(lines.size())]);
        text = join(lines);
    }

    void reindent(std::string& text) {
        auto lines = lines_of(text);
        auto& line = lines[pick(lines.size())];
        const auto indent = line.find_first_not_of(' ');
        const auto content = indent == std::string::npos ? std::string{} : line.substr(indent);
        line = std::string(pick(9), pick(5) == 0 ? '\t' : ' ') + content;
        text = join(lines);
    }

    std::mt19937 random_;
};

TEST(StationMutations, EveryMutantLoadsOrFailsWithStationFileError) {
    Mutator mutator{20261201};
    const std::string original{test::example_station};
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string mutant = mutator.mutate(original);
        try {
            parse_station(mutant, "mutant.yaml");
            ++loaded;
        } catch (const StationFileError& error) {
            ++refused;
            for (const auto& d : error.diagnostics()) {
                ASSERT_GT(d.location.line, 0) << "mutant " << i << ": " << d.to_string();
            }
        } catch (const std::exception& error) {
            FAIL() << "mutant " << i << " threw " << error.what() << "\n" << mutant;
        } catch (...) {
            FAIL() << "mutant " << i << " threw a non-standard exception\n" << mutant;
        }
    }
    EXPECT_EQ(loaded + refused, 3000);
    // Most damage must be noticed; a few mutants (in comments, say) still load.
    EXPECT_GT(refused, 1500);
    RecordProperty("loaded", loaded);
    RecordProperty("refused", refused);
}

}  // namespace
}  // namespace onair::config
