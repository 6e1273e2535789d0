#pragma once
// Where an `icecast` output connects: the parts of
// icecast://USER:PASSWORD@HOST:PORT/MOUNT (or http://...), as shout2send wants
// them.
//
// Throws std::runtime_error naming what is wrong with the URL.

#include <string>

namespace onair::playout {

struct OutputIcecastUrl {
    std::string user = "source";
    std::string password;
    std::string host;
    int port = 8000;
    /// Starts with '/'.
    std::string mount;

    static OutputIcecastUrl parse(const std::string& url);

    /// host:port/mount, without the credentials (for messages).
    std::string display() const;
};

}  // namespace onair::playout
