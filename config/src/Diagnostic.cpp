// Diagnostic, DiagnosticList and StationFileError: how station-file problems are
// collected and shown.

#include "onair/config/Diagnostic.hpp"

namespace onair::config {

namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        if (!text.empty()) {
            text += '\n';
        }
        text += diagnostic.to_string();
    }
    return text;
}

}  // namespace

std::string Diagnostic::to_string() const {
    std::string text = file;
    if (location.line > 0) {
        text += ':' + std::to_string(location.line) + ':' + std::to_string(location.column);
    }
    text += severity == Severity::error ? ": error: " : ": warning: ";
    text += message;
    return text;
}

void DiagnosticList::error(Location where, std::string message) {
    items_.push_back(Diagnostic{file_, where, Severity::error, std::move(message)});
}

void DiagnosticList::warning(Location where, std::string message) {
    items_.push_back(Diagnostic{file_, where, Severity::warning, std::move(message)});
}

void DiagnosticList::append(const std::vector<Diagnostic>& more) {
    items_.insert(items_.end(), more.begin(), more.end());
}

bool DiagnosticList::has_errors() const noexcept {
    for (const auto& item : items_) {
        if (item.severity == Severity::error) {
            return true;
        }
    }
    return false;
}

StationFileError::StationFileError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace onair::config
