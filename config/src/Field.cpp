// Type checks on station-file values, with messages that say what was found.

#include "Field.hpp"

namespace onair::config {

namespace {

bool expect(const Field& field, const LoadContext& context, bool ok, std::string_view expected,
            std::string_view hint) {
    if (ok) {
        return true;
    }
    std::string message = "expected " + std::string{expected} + " for " + field.label() +
                          ", found " + describe_node(field.node);
    if (!hint.empty()) {
        message += "; " + std::string{hint};
    }
    context.error(field.location, std::move(message));
    return false;
}

}  // namespace

std::string describe_node(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Scalar:
            return "the value \"" + node.Scalar() + "\"";
        default:
            return "nothing";
    }
}

bool expect_map(const Field& field, const LoadContext& context, std::string_view hint) {
    return expect(field, context, field.node.IsMap(), "a map (key: value)", hint);
}

bool expect_list(const Field& field, const LoadContext& context, std::string_view hint) {
    return expect(field, context, field.node.IsSequence(), "a list", hint);
}

bool expect_scalar(const Field& field, const LoadContext& context, std::string_view expected,
                   std::string_view hint) {
    return expect(field, context, field.node.IsScalar(), expected, hint);
}

}  // namespace onair::config
