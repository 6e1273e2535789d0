#pragma once
// Located messages about a station file, printed as `FILE:LINE:COLUMN: error: WHAT`.
// Plain data; safe to use from any thread.

#include <stdexcept>
#include <string>
#include <vector>

namespace onair::config {

/// A place in the station file. Lines and columns count from 1; 0 means "unknown"
/// (for example when the file cannot be opened at all).
struct Location {
    int line = 0;
    int column = 0;

    friend bool operator==(const Location&, const Location&) = default;
};

enum class Severity { error, warning };

struct Diagnostic {
    std::string file;
    Location location;
    Severity severity = Severity::error;
    std::string message;

    /// `FILE:LINE:COLUMN: error: WHAT` (or `FILE: error: WHAT` without a location).
    std::string to_string() const;
};

/// Collects every problem found in one file, so an operator sees all of them at once.
class DiagnosticList {
  public:
    explicit DiagnosticList(std::string file) : file_(std::move(file)) {}

    void error(Location where, std::string message);
    void warning(Location where, std::string message);
    void append(const std::vector<Diagnostic>& more);

    bool has_errors() const noexcept;
    const std::vector<Diagnostic>& all() const noexcept { return items_; }
    const std::string& file() const noexcept { return file_; }

  private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

/// Thrown when a station file (or a plan built from it) has errors. `what()` holds
/// every diagnostic, one per line; `diagnostics()` holds them for programs.
class StationFileError : public std::runtime_error {
  public:
    explicit StationFileError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace onair::config
