#pragma once
// Reads the keys of one YAML map: reports duplicate keys (yaml-cpp keeps both),
// keys that are not plain words, missing required keys and unknown keys with the
// closest known one ("did you mean …"). Keys are taken by name; whatever was
// never taken nor allowed is unknown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Alternatives.hpp"
#include "Field.hpp"

namespace onair::config {

class MapReader {
  public:
    /// `map` must be a YAML map (see expect_map()). Reports duplicate keys now.
    MapReader(const YAML::Node& map, Scope scope, const LoadContext& context);

    /// The value of `key`, if written (the first one, when written twice).
    std::optional<Field> find(std::string_view key);

    /// Like find(), and reports `missing required key "KEY" in LABEL` (plus `hint`)
    /// at the map when the key is absent.
    std::optional<Field> require(std::string_view key, std::string_view hint = {});

    bool has(std::string_view key) const;

    /// Where `key` itself is written (the map's location if absent).
    Location key_location(std::string_view key) const;

    /// Reports each key that is neither in `allowed` nor taken with find(), with the
    /// closest allowed key or, when none is close, the list of allowed keys.
    void check_unknown_keys(const std::vector<std::string>& allowed) const;

    /// The written keys, in file order, without duplicates.
    std::vector<std::string> keys() const;

    /// Names the map differently in later messages, once a key read first tells
    /// more about it (an output's type, a programme's id).
    void rename(Scope scope) { scope_ = std::move(scope); }

    Location location() const noexcept { return location_; }
    const Scope& scope() const noexcept { return scope_; }

  private:
    struct Entry {
        std::string key;
        YAML::Node value;
        Location key_location;
        bool taken = false;
    };

    const Entry* entry(std::string_view key) const;
    Field field_of(const Entry& entry) const;

    Scope scope_;
    const LoadContext& context_;
    Location location_;
    std::vector<Entry> entries_;
};

}  // namespace onair::config
