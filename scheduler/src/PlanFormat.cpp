// The plan as JSON (for programs, read back by parse_plan_json) and as CSV (for
// Excel). The table for terminals is in PlanTable.cpp.

#include "onair/scheduler/PlanFormat.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace onair::scheduler {

namespace {

// ordered_json keeps the keys in the order written, so a person reading the plan
// sees start and end first rather than alphabetical order.
using Json = nlohmann::ordered_json;

constexpr std::string_view source_kind_name(config::SourceKind kind) noexcept {
    switch (kind) {
        case config::SourceKind::relay:
            return "relay";
        case config::SourceKind::folder:
            return "folder";
        case config::SourceKind::file:
            break;
    }
    return "file";
}

std::optional<config::SourceKind> source_kind_from_string(std::string_view text) noexcept {
    for (const auto kind :
         {config::SourceKind::file, config::SourceKind::relay, config::SourceKind::folder}) {
        if (source_kind_name(kind) == text) {
            return kind;
        }
    }
    return std::nullopt;
}

/// Reads the fields of one airing, naming the index and field in every error.
class AiringReader {
  public:
    AiringReader(const Json& object, std::size_t index) : object_(object), index_(index) {}

    [[noreturn]] void fail(std::string_view field, const std::string& what) const {
        throw std::runtime_error("plan JSON: airing [" + std::to_string(index_) + "]: field \"" +
                                 std::string(field) + "\": " + what);
    }

    const Json& field(std::string_view name) const {
        const auto found = object_.find(name);
        if (found == object_.end()) {
            fail(name, "missing");
        }
        return *found;
    }

    std::string text(std::string_view name) const {
        const Json& value = field(name);
        if (!value.is_string()) {
            fail(name, std::string("expected a string, found ") + value.type_name());
        }
        return value.get<std::string>();
    }

    bool flag(std::string_view name) const {
        const Json& value = field(name);
        if (!value.is_boolean()) {
            fail(name, std::string("expected true or false, found ") + value.type_name());
        }
        return value.get<bool>();
    }

    TimePoint time(std::string_view name) const {
        try {
            return parse_iso(text(name));
        } catch (const std::runtime_error& error) {
            if (std::string_view(error.what()).starts_with("plan JSON:")) {
                throw;
            }
            fail(name, error.what());
        }
    }

  private:
    const Json& object_;
    std::size_t index_;
};

Airing read_airing(const Json& object, std::size_t index) {
    if (!object.is_object()) {
        throw std::runtime_error("plan JSON: airing [" + std::to_string(index) +
                                 "]: expected an object, found " + object.type_name());
    }
    const AiringReader reader(object, index);
    Airing airing;
    airing.start = reader.time("start");
    airing.end = reader.time("end");
    if (airing.end < airing.start) {
        reader.fail("end", "before start");
    }
    airing.window = reader.text("window");
    airing.programme = reader.text("programme");
    airing.title = reader.text("title");
    airing.category = reader.text("category");
    const std::string role = reader.text("role");
    const auto parsed_role = role_from_string(role);
    if (!parsed_role) {
        reader.fail("role", "unknown role \"" + role +
                                "\" (expected premiere, rerun, relay, fill, once or daily)");
    }
    airing.role = *parsed_role;
    const std::string kind = reader.text("source_kind");
    const auto parsed_kind = source_kind_from_string(kind);
    if (!parsed_kind) {
        reader.fail("source_kind",
                    "unknown source kind \"" + kind + "\" (expected file, relay or folder)");
    }
    airing.source_kind = *parsed_kind;
    airing.source = reader.text("source");
    airing.fallback = reader.text("fallback");
    airing.episode = reader.text("episode");
    airing.media_ok = reader.flag("media_ok");
    airing.media_note = reader.text("media_note");
    airing.fixed = reader.flag("fixed");
    return airing;
}

/// RFC 4180: a field is quoted when it holds a comma, a quote or a line break,
/// and quotes inside are doubled.
void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

}  // namespace

std::string format_plan_json(const std::vector<Airing>& airings, const StationTimeZone& zone) {
    Json plan = Json::array();
    for (const Airing& airing : airings) {
        plan.push_back({
            {"start", zone.format_iso(airing.start)},
            {"end", zone.format_iso(airing.end)},
            {"window", airing.window},
            {"programme", airing.programme},
            {"title", airing.title},
            {"category", airing.category},
            {"role", to_string(airing.role)},
            {"source_kind", source_kind_name(airing.source_kind)},
            {"source", airing.source},
            {"fallback", airing.fallback},
            {"episode", airing.episode},
            {"media_ok", airing.media_ok},
            {"media_note", airing.media_note},
            {"fixed", airing.fixed},
        });
    }
    // Not ASCII-escaped, so Vietnamese stays readable; a stray invalid byte in a
    // title becomes U+FFFD rather than failing the whole plan.
    return plan.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::vector<Airing> parse_plan_json(const std::string& json) {
    Json plan;
    try {
        plan = Json::parse(json);
    } catch (const Json::parse_error& error) {
        throw std::runtime_error(std::string("plan JSON: ") + error.what());
    }
    if (!plan.is_array()) {
        throw std::runtime_error(std::string("plan JSON: expected an array of airings, found ") +
                                 plan.type_name());
    }
    std::vector<Airing> airings;
    airings.reserve(plan.size());
    for (std::size_t index = 0; index < plan.size(); ++index) {
        airings.push_back(read_airing(plan[index], index));
    }
    return airings;
}

std::string format_plan_csv(const std::vector<Airing>& airings, const StationTimeZone& zone) {
    std::string out = "\xEF\xBB\xBF";
    out +=
        "start,end,window,programme,title,category,role,episode,source,fallback,media_ok,"
        "media_note\r\n";
    for (const Airing& airing : airings) {
        const std::string fields[] = {
            zone.format_iso(airing.start),
            zone.format_iso(airing.end),
            airing.window,
            airing.programme,
            airing.title,
            airing.category,
            std::string(to_string(airing.role)),
            airing.episode,
            airing.source,
            airing.fallback,
            airing.media_ok ? "yes" : "no",
            airing.media_note,
        };
        bool first = true;
        for (const std::string& field : fields) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_csv_field(out, field);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace onair::scheduler
