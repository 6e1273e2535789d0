#pragma once
// Damages a station file's text at random (deleted or repeated bytes, YAML
// punctuation, swapped or re-indented lines, a file cut short), the same way
// for the same seed, so a failing mutant can be replayed. Used by the loader's
// and the planner's mutation tests; one thread.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace onair::test {

class StationMutator {
  public:
    explicit StationMutator(std::uint32_t seed) : random_(seed) {}

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

}  // namespace onair::test
