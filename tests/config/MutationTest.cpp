// Robustness of the loader on damaged copies of the example station, with a
// fixed seed so that a failing mutant can be replayed:
//   - a random mutant either loads a station that keeps the rules the planner
//     relies on (tests/scheduler/mutated_station_plan_test.cpp plans those), or
//     is refused with StationFileError whose diagnostics are all located inside
//     the mutant's text; nothing else is thrown and nothing crashes;
//   - a mutant whose only damage is one value replaced by a map (a type no
//     scalar key accepts) is refused with an error at that value's line:column.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "../support/ExampleStation.hpp"
#include "StationMutator.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

constexpr int random_mutants = 3000;

/// The text of each 1-based line (index 0 unused), split at '\n'.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines{""};
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    lines.push_back(text.substr(start));
    return lines;
}

/// Problems with where a diagnostic of a refused `text` points; empty when
/// it is on one of its lines, at most one column past the line's end.
std::string misplaced(const Diagnostic& d, const std::string& text) {
    const auto lines = lines_of(text);
    const int line_count = static_cast<int>(lines.size()) - 1;
    if (d.location.line < 1 || d.location.line > line_count) {
        return "line outside 1.." + std::to_string(line_count);
    }
    // Columns count characters; a line has at most as many as it has bytes.
    const auto bytes = static_cast<int>(lines[static_cast<std::size_t>(d.location.line)].size());
    if (d.location.column < 1 || d.location.column > bytes + 1) {
        return "column outside 1.." + std::to_string(bytes + 1);
    }
    return {};
}

/// What a loaded station breaks of the rules the loader promises to enforce.
std::vector<std::string> broken_rules(const Station& station) {
    std::vector<std::string> broken;
    std::set<std::string> windows;
    for (const Window& w : station.windows) {
        if (w.name.empty() || !windows.insert(w.name).second) {
            broken.push_back("window name empty or repeated: \"" + w.name + "\"");
        }
        if (w.start < TimeOfDay{0} || w.start >= w.end || w.end > std::chrono::hours{24}) {
            broken.push_back("window " + w.name + " is not a span within a day");
        }
    }
    const auto known_window = [&](const std::optional<std::string>& name) {
        return !name || windows.contains(*name);
    };
    std::set<std::string> ids;
    for (const Programme& p : station.programmes) {
        const std::string what = "programme \"" + p.id + "\" ";
        if (p.id.empty() || !ids.insert(p.id).second) {
            broken.push_back(what + "has an empty or repeated id");
        }
        if (p.source.target.empty()) {
            broken.push_back(what + "has no source");
        }
        if ((p.source.kind != SourceKind::file) != p.duration.has_value()) {
            broken.push_back(what + "has a duration only a relay or folder needs");
        }
        if ((p.duration && *p.duration <= Milliseconds{0}) ||
            (p.max_duration && *p.max_duration <= Milliseconds{0})) {
            broken.push_back(what + "has a length of zero or less");
        }
        if (p.from && p.until && *p.until < *p.from) {
            broken.push_back(what + "ends before it begins");
        }
        bool windows_known = known_window(p.recurrence.premiere.window);
        for (const When& rerun : p.recurrence.reruns) {
            windows_known = windows_known && known_window(rerun.window);
        }
        if (!windows_known) {
            broken.push_back(what + "names a window the station does not have");
        }
    }
    return broken;
}

TEST(StationMutations, EveryRandomMutantLoadsAValidStationOrIsRefusedWithErrorsInsideIt) {
    onair::test::StationMutator mutator{20261201};
    const std::string original{onair::test::example_station()};
    int refused = 0;
    for (int i = 0; i < random_mutants; ++i) {
        const std::string mutant = mutator.mutate(original);
        SCOPED_TRACE("mutant " + std::to_string(i) + ":\n" + mutant);
        try {
            const Station station = parse_station(mutant, "mutant.yaml");
            for (const std::string& rule : broken_rules(station)) {
                ADD_FAILURE() << "loaded, but " << rule;
            }
        } catch (const StationFileError& error) {
            ++refused;
            bool has_error = false;
            for (const auto& d : error.diagnostics()) {
                has_error = has_error || d.severity == Severity::error;
                EXPECT_EQ(d.file, "mutant.yaml");
                const std::string where = misplaced(d, mutant);
                EXPECT_TRUE(where.empty()) << d.to_string() << ": " << where;
            }
            EXPECT_TRUE(has_error) << "refused without an error";
        } catch (const std::exception& error) {
            ADD_FAILURE() << "threw " << error.what();
        } catch (...) {
            ADD_FAILURE() << "threw a non-standard exception";
        }
        if (HasFailure()) {
            return;  // one mutant's text in the output is enough to replay it
        }
    }
    // Most damage must be noticed; some mutants (in comments, say) still load.
    EXPECT_GT(refused, random_mutants / 2);
}

struct ScalarValue {
    std::size_t offset;  // byte offset of its first character in the text
    Location location;   // 1-based, columns in characters as the loader counts them
    std::size_t length;  // bytes, quotes included
};

/// Where the text of `node` (a scalar) is, with its quotes if it has them.
ScalarValue scalar_at(const std::string& text, const YAML::Node& node) {
    const auto offset = static_cast<std::size_t>(node.Mark().pos);
    std::size_t length = node.Scalar().size();
    const char quote = text[offset];
    if (quote == '"' || quote == '\'') {
        std::size_t end = offset + 1;
        while (text[end] != quote || (quote == '"' && text[end - 1] == '\\')) {
            ++end;
        }
        length = end + 1 - offset;
    }
    const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t from = line_start == std::string::npos ? 0 : line_start + 1;
    int column = 1;
    for (std::size_t i = from; i < offset; ++i) {
        column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    return {offset, Location{node.Mark().line + 1, column}, length};
}

/// Every scalar that is a value (not a key) in the document, in text order.
void collect_values(const std::string& text, const YAML::Node& node,
                    std::vector<ScalarValue>& values) {
    if (node.IsScalar()) {
        values.push_back(scalar_at(text, node));
    } else if (node.IsSequence()) {
        for (const auto& item : node) {
            collect_values(text, item, values);
        }
    } else if (node.IsMap()) {
        for (const auto& entry : node) {
            collect_values(text, entry.second, values);
        }
    }
}

TEST(StationMutations, AValueReplacedByAMapIsRefusedWithAnErrorAtThatValue) {
    const std::string original{onair::test::example_station()};
    std::vector<ScalarValue> values;
    collect_values(original, YAML::Load(original), values);
    ASSERT_GT(values.size(), 100u);
    for (const ScalarValue& value : values) {
        std::string mutant = original;
        mutant.replace(value.offset, value.length, "{ damaged: 1 }");
        SCOPED_TRACE(original.substr(value.offset, value.length) + " at " +
                     std::to_string(value.location.line) + ":" +
                     std::to_string(value.location.column));
        try {
            parse_station(mutant, "mutant.yaml");
            ADD_FAILURE() << "loaded";
        } catch (const StationFileError& error) {
            const auto& all = error.diagnostics();
            const bool at_value = std::any_of(all.begin(), all.end(), [&](const Diagnostic& d) {
                return d.severity == Severity::error && d.location == value.location;
            });
            EXPECT_TRUE(at_value) << error.what();
        }
    }
}

}  // namespace
}  // namespace onair::config
