// Icecast source URLs, checked before the daemon tries to connect.

#include "IcecastUrl.hpp"

#include <string_view>

#include "DecimalDigits.hpp"

namespace onair::config {

namespace {

struct UrlParts {
    std::string_view scheme;
    std::string_view authority;  // USER:PASSWORD@HOST:PORT
    std::string_view mount;      // from the first '/' on
};

std::optional<UrlParts> split(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::nullopt;
    }
    UrlParts parts;
    parts.scheme = url.substr(0, scheme_end);
    auto rest = url.substr(scheme_end + 3);
    auto slash = rest.find('/');
    parts.authority = rest.substr(0, slash);
    parts.mount = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    return parts;
}

}  // namespace

std::optional<std::string> icecast_url_problem(const std::string& url) {
    const std::string example = "e.g. icecast://source:PASSWORD@127.0.0.1:8000/station.mp3";
    auto parts = split(url);
    if (!parts || (parts->scheme != "icecast" && parts->scheme != "http")) {
        return "\"" + url + "\" does not start with icecast:// or http://; write " + example;
    }
    auto host = parts->authority;
    if (auto at = host.rfind('@'); at != std::string_view::npos) {
        host = host.substr(at + 1);
    }
    if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        auto port = host.substr(colon + 1);
        if (!all_digits(port) || port.size() > 5 || to_number(port) == 0 ||
            to_number(port) > 65535) {
            return "\"" + url + "\" has a bad port \"" + std::string{port} +
                   "\"; write a number from 1 to 65535";
        }
        host = host.substr(0, colon);
    }
    if (host.empty()) {
        return "\"" + url + "\" has no host; write " + example;
    }
    if (parts->mount.size() < 2) {
        return "\"" + url + "\" has no mount point; add one after the host, " + example;
    }
    return std::nullopt;
}

std::string icecast_mount(const std::string& url) {
    auto parts = split(url);
    return parts ? std::string{parts->mount} : std::string{};
}

}  // namespace onair::config
