#pragma once
// One value of the station file with what messages need about it: where it is
// and what to call it. Type checks that report "expected …, found …" live here.

#include <string>

#include <yaml-cpp/yaml.h>

#include "LoadContext.hpp"
#include "Scope.hpp"

namespace onair::config {

struct Field {
    YAML::Node node;
    /// Where to point: the value, or its key when the value is empty.
    Location location;
    Scope scope;

    std::string label() const { return scope.label(); }
};

/// "nothing", "a list", "a map" or `the value "abc"`, for "found …".
std::string describe_node(const YAML::Node& node);

/// Each reports `expected A for LABEL, found B` (plus `hint` when given) and
/// returns false when the field is not of the kind wanted.
bool expect_map(const Field& field, const LoadContext& context, std::string_view hint = {});
bool expect_list(const Field& field, const LoadContext& context, std::string_view hint = {});
bool expect_scalar(const Field& field, const LoadContext& context, std::string_view expected,
                   std::string_view hint = {});

}  // namespace onair::config
