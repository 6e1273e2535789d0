#pragma once
// Names a place in the station file for messages: "monthly.premiere.at of
// programme "cds-thixa"", "start of window "morning"", "station.timezone".
// Plain value type.

#include <string>
#include <string_view>
#include <utility>

namespace onair::config {

class Scope {
  public:
    Scope() = default;
    /// `owner` is what the operator knows the thing by (`programme "cds-thixa"`),
    /// or empty at the top level of the file.
    explicit Scope(std::string owner, std::string path = {})
        : owner_(std::move(owner)), path_(std::move(path)) {}

    /// A key inside this place.
    Scope child(std::string_view key) const {
        return Scope{owner_, path_.empty() ? std::string{key} : path_ + "." + std::string{key}};
    }

    /// The n-th (1-based) entry of the list at this place: `reruns #2`.
    Scope item(std::size_t number) const {
        return Scope{owner_, path_ + " #" + std::to_string(number)};
    }

    /// For messages: `PATH of OWNER`, or whichever of the two exists.
    std::string label() const {
        if (path_.empty()) {
            return owner_.empty() ? std::string{"the station file"} : owner_;
        }
        return owner_.empty() ? path_ : path_ + " of " + owner_;
    }

    const std::string& owner() const noexcept { return owner_; }

  private:
    std::string owner_;
    std::string path_;
};

}  // namespace onair::config
