#include "OutputIcecastUrl.hpp"

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace onair::playout {

namespace {

/// Undoes %XX escapes (a password may hold '@' or ':' written as %40, %3A).
std::string percent_decoded(const std::string& text, const std::string& url) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            decoded += text[i];
            continue;
        }
        int value = 0;
        if (i + 2 >= text.size() ||
            std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr !=
                text.data() + i + 3) {
            throw std::runtime_error("icecast URL " + url + ": bad %-escape in the credentials");
        }
        decoded += static_cast<char>(value);
        i += 2;
    }
    return decoded;
}

}  // namespace

OutputIcecastUrl OutputIcecastUrl::parse(const std::string& url) {
    OutputIcecastUrl parsed;
    std::string rest;
    for (const char* scheme : {"icecast://", "http://"}) {
        if (url.starts_with(scheme)) {
            rest = url.substr(std::string(scheme).size());
        }
    }
    if (rest.empty()) {
        throw std::runtime_error("icecast URL \"" + url +
                                 "\" does not start with icecast:// or http://");
    }
    const auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 == rest.size()) {
        throw std::runtime_error("icecast URL \"" + url + "\" has no mount (…:8000/station.mp3)");
    }
    parsed.mount = rest.substr(slash);
    std::string authority = rest.substr(0, slash);
    const auto at = authority.rfind('@');
    if (at != std::string::npos) {
        const std::string credentials = authority.substr(0, at);
        authority = authority.substr(at + 1);
        const auto colon = credentials.find(':');
        if (colon == std::string::npos) {
            parsed.password = percent_decoded(credentials, url);
        } else {
            parsed.user = percent_decoded(credentials.substr(0, colon), url);
            parsed.password = percent_decoded(credentials.substr(colon + 1), url);
        }
    }
    const auto colon = authority.rfind(':');
    if (colon != std::string::npos) {
        const std::string port = authority.substr(colon + 1);
        authority = authority.substr(0, colon);
        const auto [end, error] =
            std::from_chars(port.data(), port.data() + port.size(), parsed.port);
        if (error != std::errc{} || end != port.data() + port.size() || parsed.port < 1 ||
            parsed.port > 65535) {
            throw std::runtime_error("icecast URL \"" + url + "\" has a bad port \"" + port + "\"");
        }
    }
    if (authority.empty()) {
        throw std::runtime_error("icecast URL \"" + url + "\" has no host");
    }
    parsed.host = authority;
    return parsed;
}

std::string OutputIcecastUrl::display() const {
    return host + ":" + std::to_string(port) + mount;
}

}  // namespace onair::playout
